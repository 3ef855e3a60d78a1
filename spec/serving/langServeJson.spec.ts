import fc from 'fast-check';
import {
  AIMessage,
  AIMessageChunk,
  ChatMessage,
  ChatMessageChunk,
  ChatPromptValue,
  Document,
  fromLangServeJson,
  HumanMessage,
  HumanMessageChunk,
  StringPromptValue,
  SystemMessage,
  SystemMessageChunk,
  toLangServeJson,
  ToolMessage,
  ToolMessageChunk,
} from 'rxchain';

const roundTrip = (value: unknown): unknown => fromLangServeJson(JSON.parse(JSON.stringify(toLangServeJson(value))));

describe('toLangServeJson', () => {
  it("should write an AI message chunk with every field LangServe's pydantic model dumps", () => {
    const chunk = new AIMessageChunk({
      content: '',
      id: 'run-1',
      name: 'bot',
      tool_call_chunks: [{ name: 'add', args: '{"a":', id: 'c1', index: 0 }],
      usage_metadata: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
      response_metadata: { model: 'm' },
    });
    expect(toLangServeJson(chunk)).toEqual({
      content: '',
      additional_kwargs: {},
      response_metadata: { model: 'm' },
      type: 'AIMessageChunk',
      name: 'bot',
      id: 'run-1',
      example: false,
      tool_calls: [],
      invalid_tool_calls: [
        { name: 'add', args: '{"a":', id: 'c1', error: expect.any(String), type: 'invalid_tool_call' },
      ],
      usage_metadata: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
      tool_call_chunks: [{ name: 'add', args: '{"a":', id: 'c1', index: 0, type: 'tool_call_chunk' }],
    });
  });

  it('should write documents and prompt values in the shapes LangChain.js revives', () => {
    expect(toLangServeJson([new Document({ pageContent: 'p', metadata: { s: 1 } })])).toEqual([
      { id: null, metadata: { s: 1 }, page_content: 'p', type: 'Document' },
    ]);
    expect(toLangServeJson(new StringPromptValue('x'))).toEqual({ text: 'x', type: 'StringPromptValue' });
    expect(toLangServeJson(new ChatPromptValue([new SystemMessage('s')]))).toEqual({
      messages: [{ content: 's', additional_kwargs: {}, response_metadata: {}, type: 'system', name: null, id: null }],
      type: 'ChatPromptValueConcrete',
    });
  });
});

describe('fromLangServeJson', () => {
  it('should give back every message class with its fields after a trip through JSON', () => {
    const values = [
      new HumanMessage({ content: 'hi', name: 'u', id: 'h1', additional_kwargs: { k: 1 } }),
      new SystemMessage('be brief'),
      new AIMessage({
        content: 'ok',
        tool_calls: [{ name: 'add', args: { a: 1 }, id: 'c1', type: 'tool_call' }],
        usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
        response_metadata: { finish_reason: 'stop' },
      }),
      new AIMessageChunk({
        content: 'o',
        tool_call_chunks: [{ name: 'add', args: '{}', id: 'c1', index: 0, type: 'tool_call_chunk' }],
      }),
      new ToolMessage({ content: '2', tool_call_id: 'c1', status: 'error', artifact: { raw: 2 } }),
    ];
    const back = roundTrip(values) as unknown[];
    expect(back.map((m) => (m as object).constructor.name)).toEqual([
      'HumanMessage',
      'SystemMessage',
      'AIMessage',
      'AIMessageChunk',
      'ToolMessage',
    ]);
    expect(back.map((m) => (m as HumanMessage).toJSON())).toEqual(values.map((m) => m.toJSON()));
  });

  it('should keep chunk classes chunks and a chat message its role, as LangServe and RemoteRunnable do', () => {
    const values = [
      new HumanMessageChunk('h'),
      new SystemMessageChunk('s'),
      new ToolMessageChunk({ content: 't', tool_call_id: 'c1' }),
      new ChatMessage('c', 'critic'),
      new ChatMessageChunk('d', 'editor'),
    ];
    expect((toLangServeJson(values) as { type: string }[]).map((json) => json.type)).toEqual([
      'HumanMessageChunk',
      'SystemMessageChunk',
      'ToolMessageChunk',
      'chat',
      'ChatMessageChunk',
    ]);
    const back = roundTrip(values) as unknown[];
    expect(back.map((m) => (m as object).constructor.name)).toEqual([
      'HumanMessageChunk',
      'SystemMessageChunk',
      'ToolMessageChunk',
      'ChatMessage',
      'ChatMessageChunk',
    ]);
    expect(back.map((m) => (m as HumanMessage).toJSON())).toEqual(values.map((m) => m.toJSON()));
    expect((back[3] as ChatMessage).role).toBe('critic');
    expect((back[0] as HumanMessageChunk).concat(new HumanMessageChunk('i')).content).toBe('hi');
  });

  it('should revive documents and prompt values, nested in plain objects', () => {
    const value = {
      docs: [new Document({ pageContent: 'p', id: 'd' })],
      prompt: new ChatPromptValue([new HumanMessage('q')]),
    };
    const back = roundTrip(value) as { docs: Document[]; prompt: ChatPromptValue };
    expect(back.docs[0]).toBeInstanceOf(Document);
    expect(back.docs[0]).toEqual(new Document({ pageContent: 'p', id: 'd' }));
    expect(back.prompt).toBeInstanceOf(ChatPromptValue);
    expect(back.prompt.messages[0]).toBeInstanceOf(HumanMessage);
    expect(roundTrip(new StringPromptValue('s'))).toEqual(new StringPromptValue('s'));
  });

  it("should revive a message as LangChain.js's RemoteRunnable sends it", () => {
    const sent = { content: 'hi', type: 'human', additional_kwargs: {}, example: false };
    expect(fromLangServeJson({ history: [sent] })).toEqual({ history: [new HumanMessage('hi')] });
  });

  it("should revive LangChain.js's lc constructor form", () => {
    const json = {
      lc: 1,
      type: 'constructor',
      id: ['langchain_core', 'messages', 'AIMessage'],
      kwargs: {
        content: 'hey',
        tool_calls: [{ name: 't', args: {}, id: 'x' }],
        additional_kwargs: {},
        response_metadata: {},
      },
    };
    const message = fromLangServeJson(json) as AIMessage;
    expect(message).toBeInstanceOf(AIMessage);
    expect([message.content, message.tool_calls[0]?.name]).toEqual(['hey', 't']);
  });

  it('should keep shapes it does not know as plain JSON', () => {
    const unknown = [
      { type: 'generic', role: 'user', content: 'x', additional_kwargs: {} },
      { type: 'tool', content: 'no call id' },
      { lc: 1, type: 'constructor', id: ['x', 'Unknown'], kwargs: {} },
      { type: 'ai', content: 5 },
      { messages: 'not a list', type: 'ChatPromptValue' },
    ];
    expect(fromLangServeJson(unknown)).toEqual(unknown);
  });

  it('should never throw, whatever JSON it gets', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fromLangServeJson(value);
      }),
    );
  });
});
