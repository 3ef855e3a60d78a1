import { ChatPromptTemplate, StringOutputParser, type StreamEvent } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { settle } from '../support/faults';

const COUNT = 100_000;

function bigReply(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${i} `);
}

describe('faults: a slow consumer', () => {
  it(`should buffer ${COUNT.toLocaleString('en')} chunks while the consumer waits, then deliver each once, in order`, async () => {
    const tokens = bigReply(COUNT);
    let produced = 0;
    const model = new ScriptedChatModel({
      responses: () => {
        produced = tokens.length;
        return { tokens };
      },
    });
    const chain = ChatPromptTemplate.fromTemplate('{q}').pipe(model).pipe(new StringOutputParser());
    const stream = await chain.stream({ q: 'count' });
    // The model has finished; nothing has been pulled yet.
    await settle();
    expect(produced).toBe(COUNT);
    let index = 0;
    let mismatches = 0;
    for await (const chunk of stream) {
      if (chunk !== tokens[index]) mismatches++;
      index++;
    }
    expect(mismatches).toBe(0);
    expect(index).toBe(COUNT);
  });

  it('should deliver every event of a long run once, in order, to a consumer that reads only after it ended', async () => {
    const count = 20_000;
    const tokens = bigReply(count);
    const model = new ScriptedChatModel({ name: 'model', responses: [{ tokens }] });
    const chain = ChatPromptTemplate.fromTemplate('{q}').pipe(model).pipe(new StringOutputParser());
    const events = chain.streamEvents({ q: 'count' }, { version: 'v2' });
    const iterator = events[Symbol.asyncIterator]();
    const first = await iterator.next();
    await settle();
    const seen: StreamEvent[] = [first.value as StreamEvent];
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      seen.push(next.value);
    }
    const modelTokens = seen
      .filter((e) => e.event === 'on_chat_model_stream')
      .map((e) => (e.data.chunk as { text: string }).text);
    const chainTokens = seen
      .filter((e) => e.event === 'on_chain_stream' && e.parent_ids.length === 0)
      .map((e) => e.data.chunk);
    expect(modelTokens).toEqual(tokens);
    expect(chainTokens).toEqual(tokens);
    expect(seen[seen.length - 1]?.event).toBe('on_chain_end');
    expect(seen[seen.length - 1]?.data.output).toBe(tokens.join(''));
  });
});
