import { ChatOpenAICompatible, MemoryRunStore, RunnableLambda, toFetchHandler } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { OpenAITestServer } from '../support/openaiServer';
import { textStream } from '../support/openaiStreams';
import { readWireFrames as readFrames } from '../support/sseFrames';
import { gatedCounter, post, resume, dropAndResume } from '../support/resumableFlows';

describe('resumable streams', () => {
  it('should send a reconnecting client every frame after its Last-Event-ID, once, from a run that went on', async () => {
    const store = new MemoryRunStore();
    const flow = gatedCounter(200, 37);
    const handler = toFetchHandler(flow.chain, { basePath: '/count', resumable: { runStore: store } });
    const { before, after, stored } = await dropAndResume(handler, handler, store, flow);
    expect(before.map((f) => f.id)).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    expect(after.map((f) => f.id)).toEqual(Array.from({ length: 202 - 38 }, (_, i) => i + 39));
    expect(after.slice(0, -1).map((f) => JSON.parse(f.data as string) as string)).toEqual(
      Array.from({ length: 163 }, (_, i) => `c${i + 38} `),
    );
    expect(after.at(-1)?.event).toBe('end');
    expect(stored?.done).toBe(true);
    expect(flow.state()).toEqual({ finished: true, cancelled: false });
    expect(handler.openRuns).toBe(0);
  });

  it('should resume stream_events too, and answer 404 for an unknown run or another kind', async () => {
    const store = new MemoryRunStore();
    const chain = RunnableLambda.from((text: string) => text.toUpperCase());
    const handler = toFetchHandler(chain, { resumable: { runStore: store } });
    const all = await readFrames(await handler(post('http://x/stream_events', 'hi')));
    const runId = (JSON.parse(all[0]?.data as string) as { run_id: string }).run_id;
    const again = await readFrames(await handler(resume(`http://x/runs/${runId}/stream_events`, 1)));
    expect(again).toEqual(all.slice(1));
    expect((await handler(resume('http://x/runs/nope/stream_events', 0))).status).toBe(404);
    expect((await handler(resume(`http://x/runs/${runId}/stream`, 0))).status).toBe(404);
    expect((await handler(resume(`http://x/runs/${runId}/stream_events`, 'abc'))).status).toBe(400);
  });

  it('should resume stream_log too: the frames after Last-Event-ID, the same patches', async () => {
    const chain = RunnableLambda.from(async function* (_: string) {
      for (let i = 1; i <= 5; i++) yield `c${i} `;
    });
    const handler = toFetchHandler(chain, { resumable: { runStore: new MemoryRunStore() } });
    const all = await readFrames(await handler(post('http://x/stream_log', 'go')));
    expect(all.map((f) => f.id)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.at(-1)?.event).toBe('end');
    const runId = (JSON.parse(all[0]?.data as string) as { ops: { value: { id: string } }[] }).ops[0]?.value.id;
    const again = await readFrames(await handler(resume(`http://x/runs/${runId ?? ''}/stream_log`, 3)));
    expect(again).toEqual(all.slice(3));
  });

  it('should tell an EventSource when to reconnect, and send it an end frame it dispatches', async () => {
    const chain = RunnableLambda.from((text: string) => text.toUpperCase());
    const handler = toFetchHandler(chain, { resumable: { runStore: new MemoryRunStore(), retryMs: 250 } });
    const started = await handler(post('http://x/stream', 'hi'));
    const text = await started.text();
    // The retry field comes first, alone; `end` has a data line (EventSource drops frames without one).
    expect(text.startsWith('retry: 250\n\n')).toBe(true);
    expect(text.endsWith('event: end\ndata: \n\n')).toBe(true);
    const runId = /"run_id":"([^"]+)"/.exec(text)?.[1] ?? '';
    const again = await (await handler(resume(`http://x/runs/${runId}/stream`, 0))).text();
    expect(again).toBe(text);
    for (const retryMs of [-1, 1.5, 2 ** 31]) {
      expect(() => toFetchHandler(chain, { resumable: { runStore: new MemoryRunStore(), retryMs } })).toThrow(
        /resumable\.retryMs must be a whole number/,
      );
    }
  });

  it('should cancel a run no client reads within the grace period, and store why', async () => {
    const store = new MemoryRunStore();
    const model = new ScriptedChatModel({ responses: ['tok '.repeat(10_000)], delay: 2 });
    const handler = toFetchHandler(model, { resumable: { runStore: store, graceMs: 40 } });
    const head = await readFrames(await handler(post('http://x/stream', 'go')), 3);
    const runId = (JSON.parse(head[0]?.data as string) as { run_id: string }).run_id;
    // Nobody comes back: the stored frames end once the grace period has passed.
    const frames = await lastValueFrom(store.read(runId, 0).pipe(toArray()));
    const last = frames.at(-1);
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data as string)).toEqual({
      name: 'AbortError',
      message: 'No client read this run for 40 ms, so it was cancelled.',
    });
    // Far fewer than the 10,000 tokens were produced, and the run is closed.
    expect(frames.length).toBeLessThan(1000);
    expect(handler.openRuns).toBe(0);
    expect((await store.run(runId))?.done).toBe(true);
  });
});

describe('a resumable run of a real HTTP model', () => {
  let provider: OpenAITestServer;
  beforeAll(async () => {
    // 2,000 tokens, one write every 5 ms: about ten seconds if nobody stops it.
    const tokens = Array.from({ length: 2000 }, (_, i) => `t${i} `);
    provider = await OpenAITestServer.start(() => ({ sse: textStream(tokens), interval: 5 }));
  });
  afterAll(async () => {
    await provider.close();
  });

  it('should close the provider request once the grace period passes with no reader', async () => {
    const model = new ChatOpenAICompatible({ baseURL: provider.url, apiKey: 'k', model: 'm' });
    // A grace period well above the event-loop stalls of a loaded machine, so that the lease
    // of the reader still reading cannot lapse; far below the provider's ten seconds.
    const handler = toFetchHandler(model, { resumable: { runStore: new MemoryRunStore(), graceMs: 1000 } });
    const head = await readFrames(await handler(post('http://x/stream', 'hi')), 3);
    expect(head.map((f) => f.event)).toEqual(['metadata', 'data', 'data']);
    const response = provider.responses[0];
    // The client left after three frames; the run went on until the grace period passed, then
    // its HTTP request to the provider was closed.
    await response?.done;
    expect(response?.closedByClient).toBe(true);
    expect(response?.finished).toBe(false);
    expect(handler.openRuns).toBe(0);
  });
});
