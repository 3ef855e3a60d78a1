import { getEventListeners } from 'node:events';
import { AbortError, RunnableLambda, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

describe('an AbortSignal aborted while the consumer still reads a finished run', () => {
  const chain = () => new ScriptedChatModel({ responses: ['one two three'] }).pipe(new StringOutputParser());

  it('should reject the iteration of stream() with an AbortError', async () => {
    const controller = new AbortController();
    const stream = await chain().stream('go', { signal: controller.signal });
    const seen: string[] = [];
    const read = (async () => {
      for await (const chunk of stream) {
        seen.push(chunk);
        controller.abort();
      }
    })();
    await expect(read).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['one']);
  });

  it('should reject the iteration of streamEvents() with an AbortError', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const read = (async () => {
      for await (const event of chain().streamEvents('go', { version: 'v2', signal: controller.signal })) {
        seen.push(event.event);
        controller.abort();
      }
    })();
    await expect(read).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['on_chain_start']);
  });

  it('should reject with the signal reason when it is an Error', async () => {
    const controller = new AbortController();
    const stream = await RunnableLambda.from((x: string) => [x, x]).stream('a', { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(iterator.next()).rejects.toBe(reason);
  });

  it('should end normally when the signal is never aborted', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    for await (const chunk of await chain().stream('go', { signal: controller.signal })) chunks.push(chunk);
    expect(chunks.join('')).toBe('one two three');
  });

  it('should leave no abort listener behind on a signal shared by many finished runs', async () => {
    const controller = new AbortController();
    const shout = RunnableLambda.from((x: string) => x.toUpperCase());
    for (let run = 0; run < 30; run++) {
      for await (const _ of await shout.stream('a', { signal: controller.signal })) void _;
      for await (const _ of shout.streamEvents('a', { version: 'v2', signal: controller.signal })) void _;
      // One broken off early, too.
      for await (const _ of shout.streamEvents('a', { version: 'v2', signal: controller.signal })) break;
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
