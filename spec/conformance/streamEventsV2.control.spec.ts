import { RunnableLambda, type StreamEvent } from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { reverse } from '../support/streamEventsV2';

// Ported from langchain-core/src/runnables/tests/runnable_stream_events_v2.test.ts. Events
// are compared as `event:name` labels plus the payloads upstream pins; ids are random there
// and here.

describe('runnable_stream_events_v2.test.ts', () => {
  it('Runnable streamEvents method with text/event-stream encoding', async () => {
    const chain = RunnableLambda.from(reverse).withConfig({ runName: 'reverse' });
    const frames: Uint8Array[] = [];
    for await (const frame of chain.streamEvents('hello', {
      version: 'v2',
      encoding: 'text/event-stream',
      runId: '1234',
    }))
      frames.push(frame);
    const decoder = new TextDecoder();
    expect(frames.length).toBe(4);
    const payloads = frames
      .slice(0, 3)
      .map((f) => JSON.parse(decoder.decode(f).split('event: data\ndata: ')[1] ?? 'null'));
    expect(payloads.map((p: StreamEvent) => [p.event, p.run_id])).toEqual([
      ['on_chain_start', '1234'],
      ['on_chain_stream', '1234'],
      ['on_chain_end', '1234'],
    ]);
    expect(decoder.decode(frames[3])).toBe('event: end\n\n');
  });

  it('Runnable streamEvents method should respect passed signal', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r.withConfig({ runName: '1' }).pipe(r.withConfig({ runName: '2' }));
    const controller = new AbortController();
    const read = (async () => {
      for await (const _ of chain.streamEvents('hello', { version: 'v2', signal: controller.signal }))
        controller.abort();
    })();
    await expect(read).rejects.toThrow();
  });

  it('Runnable streamEvents v2 should respect timeout option', async () => {
    const slow = RunnableLambda.from((_: string) => new Promise<string>(() => undefined));
    const read = (async () => {
      for await (const _ of slow.streamEvents('hello', { version: 'v2', timeout: 50 })) void _;
    })();
    await expect(read).rejects.toThrow(/timed out|timeout/i);
  });

  it('streamEvents method handles errors', async () => {
    const model = new FakeListChatModel({ responses: ['abc'] });
    let caught: unknown;
    try {
      for await (const _ of model.streamEvents('Hello!', { version: 'v2' })) throw new Error('should catch this error');
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('should catch this error');
  });
});
