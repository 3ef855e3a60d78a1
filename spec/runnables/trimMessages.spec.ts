import {
  AIMessage,
  HumanMessage,
  InvalidArgumentError,
  RunnableLambda,
  SystemMessage,
  ToolMessage,
  trimMessages,
  type BaseMessage,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const conversation = (): BaseMessage[] => [
  new SystemMessage('you are a good assistant'),
  new HumanMessage({ content: 'first question', id: 'h1' }),
  new AIMessage({ content: 'first answer', id: 'a1' }),
  new HumanMessage({ content: 'second question', id: 'h2' }),
  new AIMessage({ content: 'second answer', id: 'a2' }),
];
const byCount = (messages: BaseMessage[]): number => messages.length;
const texts = (messages: BaseMessage[]): string[] => messages.map((m) => m.text);

describe('trimMessages', () => {
  describe('strategy "last"', () => {
    it('should keep the latest messages within the budget', async () => {
      expect(texts(await trimMessages(conversation(), { maxTokens: 2, tokenCounter: byCount }))).toEqual([
        'second question',
        'second answer',
      ]);
    });

    it('should keep the system message first with includeSystem', async () => {
      const kept = await trimMessages(conversation(), { maxTokens: 3, tokenCounter: byCount, includeSystem: true });
      expect(texts(kept)).toEqual(['you are a good assistant', 'second question', 'second answer']);
    });

    it('should start on a startOn type and end on an endOn type', async () => {
      const startOnHuman = await trimMessages(conversation(), {
        maxTokens: 3,
        tokenCounter: byCount,
        startOn: 'human',
      });
      expect(texts(startOnHuman)).toEqual(['second question', 'second answer']);
      const endOnHuman = await trimMessages(conversation(), {
        maxTokens: 3,
        tokenCounter: byCount,
        endOn: [HumanMessage],
      });
      expect(texts(endOnHuman)).toEqual(['first question', 'first answer', 'second question']);
    });

    it('should keep the end of a message that does not fit whole, with allowPartial', async () => {
      const long = [new HumanMessage('line one\nline two\nline three'), new AIMessage('ok')];
      const chars = (messages: BaseMessage[]): number => messages.reduce((n, m) => n + m.text.length, 0);
      const kept = await trimMessages(long, { maxTokens: 22, tokenCounter: chars, allowPartial: true });
      expect(texts(kept)).toEqual(['line two\nline three', 'ok']);
      expect(long[0]?.text).toBe('line one\nline two\nline three');
    });

    it('should return copies, not the messages given', async () => {
      const input = conversation();
      const kept = await trimMessages(input, { maxTokens: 5, tokenCounter: byCount });
      expect(texts(kept)).toEqual(texts(input));
      expect(kept[4]).not.toBe(input[4]);
      expect(kept[4]).toBeInstanceOf(AIMessage);
      expect(kept[4]?.id).toBe('a2');
    });

    it('should keep nothing when even the last message does not fit', async () => {
      expect(await trimMessages(conversation(), { maxTokens: 0, tokenCounter: byCount })).toEqual([]);
    });
  });

  describe('strategy "first"', () => {
    it('should keep the earliest messages within the budget, ending on endOn', async () => {
      const first = await trimMessages(conversation(), { maxTokens: 3, tokenCounter: byCount, strategy: 'first' });
      expect(texts(first)).toEqual(['you are a good assistant', 'first question', 'first answer']);
      const endOnHuman = await trimMessages(conversation(), {
        maxTokens: 3,
        tokenCounter: byCount,
        strategy: 'first',
        endOn: 'human',
      });
      expect(texts(endOnHuman)).toEqual(['you are a good assistant', 'first question']);
    });

    it('should keep the first content parts of a message that does not fit, with allowPartial', async () => {
      const parts = new HumanMessage([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'text', text: 'c' },
      ]);
      const countParts = (messages: BaseMessage[]): number =>
        messages.reduce((n, m) => n + (typeof m.content === 'string' ? 1 : m.content.length), 0);
      const kept = await trimMessages([new SystemMessage('s'), parts], {
        maxTokens: 3,
        tokenCounter: countParts,
        strategy: 'first',
        allowPartial: true,
      });
      expect(kept[1]?.content).toEqual([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ]);
      expect(parts.content).toHaveLength(3);
    });

    it('should refuse startOn and includeSystem', async () => {
      const startOn = trimMessages(conversation(), {
        maxTokens: 1,
        tokenCounter: byCount,
        strategy: 'first',
        startOn: 'human',
      });
      await expect(startOn).rejects.toThrow(InvalidArgumentError);
      const includeSystem = trimMessages(conversation(), {
        maxTokens: 1,
        tokenCounter: byCount,
        strategy: 'first',
        includeSystem: true,
      });
      await expect(includeSystem).rejects.toThrow(/includeSystem only applies to strategy "last"/);
    });
  });

  it('should count with an async function or with a model', async () => {
    const asyncCount = async (messages: BaseMessage[]): Promise<number> => messages.length;
    expect(await trimMessages(conversation(), { maxTokens: 1, tokenCounter: asyncCount })).toHaveLength(1);
    const model = new ScriptedChatModel({ responses: ['x'] });
    // 'second answer' is 13 characters: 4 tokens; 'second question' 15: 4 tokens.
    const kept = await trimMessages(conversation(), { maxTokens: 8, tokenCounter: model });
    expect(texts(kept)).toEqual(['second question', 'second answer']);
  });

  it('should use a given text splitter', async () => {
    const kept = await trimMessages([new HumanMessage('a b c')], {
      maxTokens: 3,
      tokenCounter: (messages) => messages.reduce((n, m) => n + m.text.length, 0),
      allowPartial: true,
      textSplitter: (text) => text.split(/(?= )/),
    });
    expect(texts(kept)).toEqual([' c']);
  });

  it('should fail on bad options', async () => {
    await expect(trimMessages(conversation(), { maxTokens: -1, tokenCounter: byCount })).rejects.toThrow(
      InvalidArgumentError,
    );
    const noCounter = { maxTokens: 1, tokenCounter: {} } as unknown as Parameters<typeof trimMessages>[1];
    await expect(trimMessages(conversation(), noCounter)).rejects.toThrow(/needs a tokenCounter/);
  });

  describe('as a runnable', () => {
    it('should trim its input in a chain, under the run name trim_messages', async () => {
      const trimmer = trimMessages({ maxTokens: 2, tokenCounter: byCount, startOn: 'human' });
      const chain = RunnableLambda.from((q: string) => [...conversation(), new HumanMessage(q)]).pipe(trimmer);
      expect(texts(await chain.invoke('third question'))).toEqual(['third question']);
      const names: string[] = [];
      for await (const event of chain.streamEvents('q', { version: 'v2' })) {
        if (event.event === 'on_chain_start') names.push(event.name);
      }
      expect(names).toContain('trim_messages');
    });

    it('should fail on the error channel for bad options', async () => {
      const trimmer = trimMessages({ maxTokens: 1, tokenCounter: byCount, strategy: 'first', includeSystem: true });
      await expect(trimmer.invoke(conversation())).rejects.toThrow(InvalidArgumentError);
    });

    it('should accept tool messages and keep their fields', async () => {
      const tool = new ToolMessage({ content: 'r', tool_call_id: 'c1', status: 'error' });
      const [kept] = await trimMessages({ maxTokens: 1, tokenCounter: byCount }).invoke([tool]);
      expect(kept).toBeInstanceOf(ToolMessage);
      expect([(kept as ToolMessage).tool_call_id, (kept as ToolMessage).status]).toEqual(['c1', 'error']);
    });
  });
});
