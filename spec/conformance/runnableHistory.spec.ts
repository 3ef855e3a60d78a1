import {
  AIMessage,
  AIMessageChunk,
  ChatPromptTemplate,
  HumanMessage,
  InMemoryChatMessageHistory,
  MessagesPlaceholder,
  RunnableLambda,
  RunnableWithMessageHistory,
  StringOutputParser,
  type BaseChatMessageHistory,
  type BaseMessage,
  type RunnableConfig,
} from 'rxchain';
import { FakeListChatModel, FakeLLM, FakeStreamingLLM } from 'rxchain/testing';
import { collect } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_history.test.ts (langchainjs
// 62fc484, @langchain/core 1.x). LangChain's FakeChatMessageHistory and
// FakeListChatMessageHistory are both in-memory lists; InMemoryChatMessageHistory is
// rxchain's.

function sessionStore(): (sessionId: string) => Promise<BaseChatMessageHistory> {
  const store = new Map<string, BaseChatMessageHistory>();
  return async (sessionId) => {
    let history = store.get(sessionId);
    if (history === undefined) {
      history = new InMemoryChatMessageHistory();
      store.set(sessionId, history);
    }
    return history;
  };
}

const youSaid = () =>
  RunnableLambda.from(
    (messages: readonly BaseMessage[]) =>
      `you said: ${messages
        .filter((m) => m.type === 'human')
        .map((m) => m.text)
        .join('\n')}`,
  );

const anyString = expect.any(String) as unknown as string;

describe('runnable_history.test.ts', () => {
  it('Runnable with message history', async () => {
    const withHistory = new RunnableWithMessageHistory({
      runnable: youSaid(),
      config: {},
      getMessageHistory: sessionStore(),
    });
    const config: RunnableConfig = { configurable: { sessionId: '1' } };
    expect(await withHistory.invoke([new HumanMessage('hello')], config)).toBe('you said: hello');
    expect(await withHistory.invoke([new HumanMessage('good bye')], config)).toBe('you said: hello\ngood bye');
  });

  it('Runnable with message history with a chat model', async () => {
    const getMessageHistory = sessionStore();
    const withHistory = new RunnableWithMessageHistory({
      runnable: new FakeListChatModel({ responses: ['Hello world!'] }),
      config: {},
      getMessageHistory,
    });
    const config: RunnableConfig = { configurable: { sessionId: '2' } };
    expect((await withHistory.invoke([new HumanMessage('hello')], config)).content).toBe('Hello world!');
    const chunks = await collect(withHistory.stream([new HumanMessage('good bye')], config));
    expect(chunks.map((chunk) => chunk.content).join('')).toBe('Hello world!');
    const stored = await (await getMessageHistory('2')).getMessages();
    expect(stored.map((m) => [m.type, m.text])).toEqual([
      ['human', 'hello'],
      ['ai', 'Hello world!'],
      ['human', 'good bye'],
      ['ai', 'Hello world!'],
    ]);
    expect(stored[1]).toBeInstanceOf(AIMessage);
    expect(stored[3]).toBeInstanceOf(AIMessageChunk);
    expect(stored[1]?.id).toEqual(anyString);
  });

  it('Runnable with message history with a messages in, messages out chain', async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'you are a robot'],
      ['placeholder', '{messages}'],
    ]);
    const getMessageHistory = sessionStore();
    const withHistory = new RunnableWithMessageHistory({
      runnable: prompt.pipe(new FakeListChatModel({ responses: ['So long and thanks for the fish!!'] })),
      config: {},
      getMessageHistory,
    });
    const config: RunnableConfig = { configurable: { sessionId: '2' } };
    expect((await withHistory.invoke([new HumanMessage('hello')], config)).content).toBe(
      'So long and thanks for the fish!!',
    );
    const chunks = await collect(withHistory.stream([new HumanMessage('good bye')], config));
    expect(chunks.map((chunk) => chunk.content).join('')).toBe('So long and thanks for the fish!!');
    const stored = await (await getMessageHistory('2')).getMessages();
    expect(stored.map((m) => [m.type, m.text])).toEqual([
      ['human', 'hello'],
      ['ai', 'So long and thanks for the fish!!'],
      ['human', 'good bye'],
      ['ai', 'So long and thanks for the fish!!'],
    ]);
  });

  it('Runnable with message history work with chat list memory', async () => {
    const withHistory = new RunnableWithMessageHistory({
      runnable: youSaid(),
      config: {},
      getMessageHistory: sessionStore(),
    });
    const config: RunnableConfig = { configurable: { sessionId: '3' } };
    expect(await withHistory.invoke([new HumanMessage('hello')], config)).toBe('you said: hello');
    expect(await withHistory.invoke([new HumanMessage('good bye')], config)).toBe('you said: hello\ngood bye');
  });

  const historyPrompt = () =>
    ChatPromptTemplate.fromMessages([
      ['ai', 'You are a helpful assistant'],
      new MessagesPlaceholder('history'),
      ['human', '{input}'],
    ]);

  it('Runnable with message history and RunnableSequence', async () => {
    const withHistory = new RunnableWithMessageHistory({
      runnable: historyPrompt().pipe(new FakeLLM()),
      config: {},
      getMessageHistory: sessionStore(),
      inputMessagesKey: 'input',
      historyMessagesKey: 'history',
    });
    const config: RunnableConfig = { configurable: { sessionId: '4' } };
    expect(await withHistory.invoke({ input: 'hello' }, config)).toBe('AI: You are a helpful assistant\nHuman: hello');
    expect(await withHistory.invoke({ input: 'good bye' }, config)).toBe(`AI: You are a helpful assistant
Human: hello
AI: AI: You are a helpful assistant
Human: hello
Human: good bye`);
  });

  it('Runnable with message history should stream through', async () => {
    const withHistory = new RunnableWithMessageHistory({
      runnable: historyPrompt().pipe(new FakeStreamingLLM({ sleep: 0 })),
      config: {},
      getMessageHistory: sessionStore(),
      inputMessagesKey: 'input',
      historyMessagesKey: 'history',
    }).pipe(new StringOutputParser());
    const chunks = await collect(withHistory.stream({ input: 'hello' }, { configurable: { sessionId: '5' } }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('AI: You are a helpful assistant\nHuman: hello');
  });
});
