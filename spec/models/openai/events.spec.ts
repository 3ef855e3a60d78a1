import { z } from 'zod';
import { ChatOpenAICompatible, ChatPromptTemplate, StringOutputParser, type StreamEvent } from 'rxchain';
import { OpenAITestServer } from '../../support/openaiServer';
import { errorBody, textStream, toolCallStream } from '../../support/openaiStreams';

describe('ChatOpenAICompatible events', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (): ChatOpenAICompatible =>
    new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini', temperature: 0, maxTokens: 64 });

  const collect = async (iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> => {
    const events: StreamEvent[] = [];
    for await (const event of iterable) events.push(event);
    return events;
  };

  const lsMetadata = {
    ls_provider: 'openai',
    ls_model_name: 'gpt-4o-mini',
    ls_model_type: 'chat',
    ls_temperature: 0,
    ls_max_tokens: 64,
  };

  it('should stream one on_chat_model_stream per token through prompt | model | parser, with ls_* metadata', async () => {
    server.script([{ sse: textStream(['Why', ' did', ' the', ' parrot'], { usage: [7, 4] }) }]);
    const prompt = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}');
    const chain = prompt.pipe(model()).pipe(new StringOutputParser());
    const events = await collect(chain.streamEvents({ topic: 'parrots' }, { version: 'v2' }));

    const modelEvents = events.filter((e) => e.name === 'ChatOpenAICompatible');
    expect(modelEvents.map((e) => e.event)).toEqual([
      'on_chat_model_start',
      ...Array<string>(5).fill('on_chat_model_stream'),
      'on_chat_model_end',
    ]);
    const tokens = modelEvents
      .filter((e) => e.event === 'on_chat_model_stream')
      .map((e) => (e.data.chunk as { content: string }).content);
    expect(tokens).toEqual(['Why', ' did', ' the', ' parrot', '']);
    for (const event of modelEvents) expect(event.metadata).toMatchObject(lsMetadata);
    // Other runs do not carry the model's metadata.
    expect(events.find((e) => e.name === 'StrOutputParser')?.metadata).toEqual({});

    const start = modelEvents[0];
    expect((start?.data.input as { messages: { content: string }[][] }).messages[0]?.[0]?.content).toBe(
      'Tell me a joke about parrots',
    );
    const end = modelEvents[modelEvents.length - 1];
    expect(end?.data.output).toMatchObject({
      content: 'Why did the parrot',
      usage_metadata: { input_tokens: 7, output_tokens: 4, total_tokens: 11 },
    });
    // Each model token precedes the parser's event for it.
    const order = events
      .filter((e) => e.event === 'on_chat_model_stream' || e.event === 'on_parser_stream')
      .map((e) => e.event.replace('on_', '').replace('_stream', ''))
      .slice(0, 4);
    expect(order).toEqual(['parser', 'chat_model', 'parser', 'chat_model']);
  });

  it('should report the metadata for a model with tools bound too', async () => {
    server.script([{ sse: toolCallStream([{ id: 'c1', name: 'add', args: ['{"a":1}'] }]) }]);
    const withTools = model().bindTools([{ name: 'add', description: 'Adds', schema: z.object({ a: z.number() }) }]);
    const events = await collect(withTools.streamEvents('1+?', { version: 'v2' }));
    expect(events[0]).toMatchObject({
      event: 'on_chat_model_start',
      name: 'ChatOpenAICompatible',
      metadata: lsMetadata,
    });
    const end = events[events.length - 1];
    expect((end?.data.output as { tool_calls: unknown[] }).tool_calls).toEqual([
      { name: 'add', args: { a: 1 }, id: 'c1', type: 'tool_call' },
    ]);
  });

  it('should end with on_chat_model_error when the server fails', async () => {
    server.script([{ status: 500, json: errorBody('boom', 'server_error') }]);
    const events: StreamEvent[] = [];
    const failure = await (async () => {
      for await (const event of model().streamEvents('Hi', { version: 'v2' })) events.push(event);
    })().catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'ApiCallError', status: 500 });
    // The two built-in retries show as http_retry custom events before the error.
    expect(events.map((e) => (e.event === 'on_custom_event' ? e.name : e.event))).toEqual([
      'on_chat_model_start',
      'http_retry',
      'http_retry',
      'on_chat_model_error',
    ]);
  });
});
