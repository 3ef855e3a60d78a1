import { concat, NEVER, of } from 'rxjs';
import {
  AIMessage,
  ChatPromptTemplate,
  HumanMessage,
  InMemoryChatMessageHistory,
  InvalidArgumentError,
  MessagesPlaceholder,
  RunnableLambda,
  RunnableMap,
  RunnableWithMessageHistory,
  StringOutputParser,
  type BaseChatMessageHistory,
  type BaseMessage,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

/** A chat app: prompt | model | parser with a history placeholder, and one history per session. */
function chatApp(options: { failOnCall?: number; endlessCall?: number } = {}) {
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You are a helpful assistant.'],
    new MessagesPlaceholder('history'),
    ['human', '{question}'],
  ]);
  const model = new ScriptedChatModel({
    // The `endlessCall` reply streams its first token and then never ends.
    responses: (_messages, index) =>
      index === options.endlessCall ? concat(of('Once upon a time'), NEVER) : `Answer number ${index + 1}.`,
    ...(options.failOnCall !== undefined ? { failAt: { token: 2, call: options.failOnCall } } : {}),
  });
  const histories = new Map<string, InMemoryChatMessageHistory>();
  const chat = new RunnableWithMessageHistory({
    runnable: prompt.pipe(model).pipe(new StringOutputParser()),
    getMessageHistory: (sessionId: string) => {
      if (!histories.has(sessionId)) histories.set(sessionId, new InMemoryChatMessageHistory());
      return histories.get(sessionId) as InMemoryChatMessageHistory;
    },
    inputMessagesKey: 'question',
    historyMessagesKey: 'history',
  });
  return { chat, model, histories };
}

const session = (sessionId: string) => ({ configurable: { sessionId } });
const lines = (messages: readonly BaseMessage[] | undefined): string[] =>
  (messages ?? []).map((m) => `${m.type}: ${m.text}`);

async function streamAll(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const token of stream) text += token;
  return text;
}

describe('RunnableWithMessageHistory', () => {
  describe('a chat app consumed with stream()', () => {
    it('should send the whole conversation to the model on the third turn', async () => {
      const { chat, model, histories } = chatApp();
      const replies = [];
      for (const question of ['Hi, I am Bob.', 'What is 2 + 2?', 'What is my name?']) {
        replies.push(await streamAll(await chat.stream({ question }, session('bob'))));
      }
      expect(replies).toEqual(['Answer number 1.', 'Answer number 2.', 'Answer number 3.']);
      expect(lines(model.calls[2]?.messages)).toEqual([
        'system: You are a helpful assistant.',
        'human: Hi, I am Bob.',
        'ai: Answer number 1.',
        'human: What is 2 + 2?',
        'ai: Answer number 2.',
        'human: What is my name?',
      ]);
      expect(lines(await histories.get('bob')?.getMessages())).toHaveLength(6);
    });

    it('should store nothing of a turn the consumer broke off', async () => {
      const { chat, model, histories } = chatApp({ endlessCall: 1 });
      await streamAll(await chat.stream({ question: 'Hi, I am Bob.' }, session('bob')));
      for await (const token of await chat.stream({ question: 'Tell me a long story.' }, session('bob'))) {
        expect(token).toBe('Once upon a time');
        break;
      }
      expect(lines(await histories.get('bob')?.getMessages())).toEqual([
        'human: Hi, I am Bob.',
        'ai: Answer number 1.',
      ]);
      await streamAll(await chat.stream({ question: 'What is my name?' }, session('bob')));
      expect(lines(model.calls[2]?.messages)).toEqual([
        'system: You are a helpful assistant.',
        'human: Hi, I am Bob.',
        'ai: Answer number 1.',
        'human: What is my name?',
      ]);
    });

    it('should stream the reply token by token', async () => {
      const { chat } = chatApp();
      const tokens: string[] = [];
      for await (const token of await chat.stream({ question: 'Hi' }, session('s'))) tokens.push(token);
      expect(tokens).toEqual(['Answer', ' number', ' 1.']);
    });
  });

  it('should store the aggregated reply with invoke and with streamEvents too', async () => {
    const { chat, histories } = chatApp();
    expect(await chat.invoke({ question: 'one' }, session('s'))).toBe('Answer number 1.');
    const kinds: string[] = [];
    for await (const event of chat.streamEvents({ question: 'two' }, { version: 'v2', ...session('s') })) {
      if (event.name === 'RunnableWithMessageHistory') kinds.push(event.event);
    }
    expect(kinds[0]).toBe('on_chain_start');
    expect(kinds.at(-1)).toBe('on_chain_end');
    expect(lines(await histories.get('s')?.getMessages())).toEqual([
      'human: one',
      'ai: Answer number 1.',
      'human: two',
      'ai: Answer number 2.',
    ]);
  });

  it('should store nothing of a turn whose run failed', async () => {
    const { chat, histories } = chatApp({ failOnCall: 1 });
    await chat.invoke({ question: 'one' }, session('s'));
    await expect(streamAll(await chat.stream({ question: 'two' }, session('s')))).rejects.toThrow(/Scripted failure/);
    expect(lines(await histories.get('s')?.getMessages())).toEqual(['human: one', 'ai: Answer number 1.']);
  });

  it('should keep sessions apart', async () => {
    const { chat, histories } = chatApp();
    await chat.invoke({ question: 'for a' }, session('a'));
    await chat.invoke({ question: 'for b' }, session('b'));
    expect(lines(await histories.get('a')?.getMessages())).toEqual(['human: for a', 'ai: Answer number 1.']);
    expect(lines(await histories.get('b')?.getMessages())).toEqual(['human: for b', 'ai: Answer number 2.']);
  });

  it('should take a history lookup that returns a Promise', async () => {
    const history = new InMemoryChatMessageHistory([new HumanMessage('earlier'), new AIMessage('noted')]);
    const asked: string[] = [];
    const model = new ScriptedChatModel({ responses: ['ok'] });
    const chat = new RunnableWithMessageHistory({
      runnable: model,
      getMessageHistory: async (sessionId: string): Promise<BaseChatMessageHistory> => {
        asked.push(sessionId);
        return history;
      },
    });
    const reply = await chat.invoke('now', session('p'));
    expect(reply.content).toBe('ok');
    expect(asked).toEqual(['p']);
    // Without keys, the past messages come before the turn's and the model's message is stored as it is.
    expect(lines(model.calls[0]?.messages)).toEqual(['human: earlier', 'ai: noted', 'human: now']);
    expect(lines(await history.getMessages())).toEqual(['human: earlier', 'ai: noted', 'human: now', 'ai: ok']);
  });

  it('should put the past before the turn under inputMessagesKey when there is no historyMessagesKey', async () => {
    const history = new InMemoryChatMessageHistory([new HumanMessage('before')]);
    const seen: unknown[] = [];
    const chat = new RunnableWithMessageHistory({
      runnable: RunnableLambda.from((input: { messages: BaseMessage[]; extra: number }) => {
        seen.push({ messages: lines(input.messages), extra: input.extra });
        return 'done';
      }),
      getMessageHistory: () => history,
      inputMessagesKey: 'messages',
    });
    await chat.invoke({ messages: [new HumanMessage('now')], extra: 1 }, session('k'));
    expect(seen).toEqual([{ messages: ['human: before', 'human: now'], extra: 1 }]);
    expect(lines(await history.getMessages())).toEqual(['human: before', 'human: now', 'ai: done']);
  });

  it('should read the reply under outputMessagesKey', async () => {
    const history = new InMemoryChatMessageHistory();
    const chat = new RunnableWithMessageHistory({
      runnable: RunnableMap.from({
        answer: () => 'forty-two',
        confidence: () => 'high',
      }),
      getMessageHistory: () => history,
      outputMessagesKey: 'answer',
    });
    expect(await chat.invoke('question?', session('o'))).toEqual({ answer: 'forty-two', confidence: 'high' });
    expect(lines(await history.getMessages())).toEqual(['human: question?', 'ai: forty-two']);
  });

  it('should fail with an InvalidArgumentError without a sessionId', async () => {
    const { chat } = chatApp();
    const error = await chat.invoke({ question: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).message).toMatch(/configurable: \{ sessionId/);
  });

  it('should fail with an InvalidArgumentError when the turn holds no messages', async () => {
    const { chat } = chatApp();
    await expect(chat.invoke({ question: 42 } as never, session('s'))).rejects.toThrow(
      /expected the input messages as a string, a message or a list of messages; got 42/,
    );
  });

  it('should load the history in insertHistory and loadHistory runs before the chain, as LangChain.js does', async () => {
    const { chat } = chatApp();
    await chat.invoke({ question: 'first' }, session('e'));
    const starts: [string, number, readonly string[]][] = [];
    let loaded: unknown;
    for await (const event of chat.streamEvents({ question: 'hi' }, { version: 'v2', ...session('e') })) {
      if (event.event.endsWith('_start')) starts.push([event.name, event.parent_ids.length, event.tags ?? []]);
      if (event.event === 'on_chain_end' && event.name === 'loadHistory') loaded = event.data.output;
    }
    const names = starts.map(([name]) => name);
    expect(starts[0]).toEqual(['RunnableWithMessageHistory', 0, []]);
    expect(starts.find(([name]) => name === 'insertHistory')).toEqual(['insertHistory', 1, ['seq:step:1']]);
    expect(names.indexOf('loadHistory')).toBeGreaterThan(names.indexOf('insertHistory'));
    expect(starts.find(([name]) => name === 'RunnableSequence')).toEqual(['RunnableSequence', 1, ['seq:step:2']]);
    expect(names.indexOf('RunnableSequence')).toBeGreaterThan(names.indexOf('loadHistory'));
    expect(lines(loaded as BaseMessage[])).toEqual(['human: first', 'ai: Answer number 1.']);
  });

  it('should run loadHistory alone, giving the past and the turn, when the input is the messages', async () => {
    const history = new InMemoryChatMessageHistory([new HumanMessage('before'), new AIMessage('ok')]);
    const seen: BaseMessage[][] = [];
    const chat = new RunnableWithMessageHistory({
      runnable: RunnableLambda.from((messages: BaseMessage[]) => {
        seen.push(messages);
        return 'reply';
      }),
      getMessageHistory: () => history,
    });
    const names: string[] = [];
    for await (const event of chat.streamEvents('now', { version: 'v2', ...session('m') })) {
      if (event.event === 'on_chain_start') names.push(event.name);
    }
    expect(names.slice(0, 2)).toEqual(['RunnableWithMessageHistory', 'loadHistory']);
    expect(names).not.toContain('insertHistory');
    expect(lines(seen[0])).toEqual(['human: before', 'ai: ok', 'human: now']);
    expect(lines(await history.getMessages())).toEqual(['human: before', 'ai: ok', 'human: now', 'ai: reply']);
  });
});
