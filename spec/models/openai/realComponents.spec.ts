import { z } from 'zod';
import {
  ChatOpenAICompatible,
  ChatPromptTemplate,
  HashingEmbeddings,
  HumanMessage,
  MemoryVectorStore,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  ToolMessage,
  tool,
  type BaseMessage,
  type Document,
} from 'rxchain';
import { OpenAITestServer, type RecordedRequest } from '../../support/openaiServer';
import { eventsOf } from '../../support/streamEvents';
import { textStream, toolCallStream } from '../../support/openaiStreams';

// The guide's retrieval chain and a tool-calling round trip, end to end on the HTTP model:
// real components (tool(), MemoryVectorStore, HashingEmbeddings) against the local server.

type ChatBody = { messages: { role: string; content: string | null }[] };

const template = `Answer the question based only on the following context:
{context}

Question: {question}
`;

const formatDocs = (docs: Document[]): string => docs.map((doc) => doc.pageContent).join('\n-----\n');

const multiply = tool(({ a, b }) => a * b, {
  name: 'multiply',
  description: 'Multiplies two numbers',
  schema: z.object({ a: z.number(), b: z.number() }),
});

describe('real components on the HTTP model', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (): ChatOpenAICompatible =>
    new ChatOpenAICompatible({ baseURL: server.url, model: 'test-model', name: 'model' });

  it('should run the retrieval chain: the retrieved document reaches the server, the answer streams after the retriever', async () => {
    server.script((request: RecordedRequest) => {
      const prompt = (request.body as ChatBody).messages[0]?.content ?? '';
      return { sse: textStream(prompt.includes('kensho') ? ['Harrison', ' worked', ' at', ' Kensho.'] : ['No idea.']) };
    });
    const vectorstore = await MemoryVectorStore.fromTexts(
      ['harrison likes spicy food', 'harrison worked at kensho', 'bears like to eat honey'],
      [{}, {}, {}],
      new HashingEmbeddings(),
    );
    const chain = RunnableSequence.from([
      { context: vectorstore.asRetriever({ k: 1 }).pipe(formatDocs), question: new RunnablePassthrough<string>() },
      ChatPromptTemplate.fromTemplate(template),
      model(),
      new StringOutputParser(),
    ]);

    const chunks: string[] = [];
    for await (const chunk of await chain.stream('where did harrison work?')) chunks.push(chunk);
    expect(chunks.join('')).toBe('Harrison worked at Kensho.');
    expect(chunks.filter((chunk) => chunk !== '').length).toBeGreaterThanOrEqual(4);
    expect((server.requests.at(-1)?.body as ChatBody).messages[0]?.content).toBe(
      'Answer the question based only on the following context:\nharrison worked at kensho\n\nQuestion: where did harrison work?\n',
    );

    const events = await eventsOf(chain, 'where did harrison work?');
    const retrieverEnd = events.findIndex((e) => e.event === 'on_retriever_end');
    const firstToken = events.findIndex((e) => e.event === 'on_chat_model_stream');
    expect(retrieverEnd).toBeGreaterThan(0);
    expect(firstToken).toBeGreaterThan(retrieverEnd);
    expect(
      events.filter((e) => e.event === 'on_chat_model_stream' && e.data.chunk !== undefined).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('should make a tool-calling round trip: the tool runs on the streamed call, its ToolMessage goes back', async () => {
    server.script((request: RecordedRequest) => {
      const messages = (request.body as ChatBody).messages;
      const last = messages[messages.length - 1];
      if (last?.role === 'tool') return { sse: textStream(['6 times 7', ' is ', String(last.content), '.']) };
      return { sse: toolCallStream([{ id: 'call_1', name: 'multiply', args: ['{"a": ', '6, "b"', ': 7}'] }]) };
    });
    const withTools = model().bindTools([multiply]);
    const messages: BaseMessage[] = [new HumanMessage('What is 6 times 7?')];

    const first = await withTools.invoke(messages);
    expect(first.tool_calls).toEqual([{ name: 'multiply', args: { a: 6, b: 7 }, id: 'call_1', type: 'tool_call' }]);
    messages.push(first);
    for (const call of first.tool_calls) messages.push(await multiply.invoke(call));
    expect(messages.at(-1)).toBeInstanceOf(ToolMessage);

    const final = await withTools.invoke(messages);
    expect(final.text).toBe('6 times 7 is 42.');
    const second = server.requests.at(-1)?.body as ChatBody & { tools: { function: { name: string } }[] };
    expect(second.tools.map((t) => t.function.name)).toEqual(['multiply']);
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second.messages[2]).toMatchObject({ role: 'tool', content: '42', tool_call_id: 'call_1' });
  });
});
