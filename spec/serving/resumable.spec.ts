import {
  RemoteRunnable,
  ChatOpenAICompatible,
  MemoryRunStore,
  RunnableLambda,
  toFetchHandler,
  type FetchHandler,
  type RunStore,
} from 'rxchain';
import { RedisRunStore } from 'rxchain/redis';
import { ScriptedChatModel } from 'rxchain/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { RedisTestServer } from '../support/redisServer';
import { OpenAITestServer } from '../support/openaiServer';
import { textStream } from '../support/openaiStreams';
import { readWireFrames as readFrames } from '../support/sseFrames';

/** A chain that streams `n` numbered chunks, pausing after `pauseAfter` until `resume()`. */
function gatedCounter(n: number, pauseAfter: number) {
  let resume!: () => void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let finished = false;
  let cancelled = false;
  const chain = RunnableLambda.from(async function* (_: string) {
    try {
      for (let i = 1; i <= n; i++) {
        if (i === pauseAfter + 1) await gate;
        yield `c${i} `;
      }
      finished = true;
    } finally {
      if (!finished) cancelled = true;
    }
  });
  return { chain, resume: () => resume(), state: () => ({ finished, cancelled }) };
}

const post = (url: string, input: unknown): Request =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
const resume = (url: string, lastEventId: number | string): Request =>
  new Request(url, { headers: { 'last-event-id': String(lastEventId) } });

async function dropAndResume(
  first: FetchHandler,
  second: FetchHandler,
  store: RunStore,
  flow: ReturnType<typeof gatedCounter>,
) {
  const started = await first(post('http://x/count/stream', 'go'));
  // Frame 1 is the metadata, frames 2..38 the first 37 chunks.
  const before = await readFrames(started, 38);
  const runId = (JSON.parse(before[0]?.data as string) as { run_id: string }).run_id;
  // The client is gone, and the run goes on.
  flow.resume();
  const resumed = await second(resume(`http://x/count/runs/${runId}/stream`, 38));
  const after = await readFrames(resumed);
  return { before, after, runId, stored: await store.run(runId) };
}

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

describe('RemoteRunnable against a resumable server', () => {
  /** A fetch that breaks the body of the first POST /stream after `frames` frames, as a dropped connection does. */
  function breakingFetch(handler: FetchHandler, frames: number) {
    const calls: { method: string; url: string; lastEventId: string | null }[] = [];
    let broken = false;
    const fetchFn = async (url: string, init: RequestInit): Promise<Response> => {
      const request = new Request(url, init);
      calls.push({ method: request.method, url, lastEventId: request.headers.get('last-event-id') });
      const response = await handler(request);
      if (broken || request.method !== 'POST' || response.body === null) return response;
      broken = true;
      const reader = response.body.getReader();
      let seen = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          seen += new TextDecoder().decode(value).split('\n\n').length - 1;
          controller.enqueue(value);
          if (seen >= frames) {
            await reader.cancel();
            controller.error(new TypeError('terminated'));
          }
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    return { fetchFn, calls };
  }

  it('should reconnect with Last-Event-ID and yield every chunk once when the connection breaks', async () => {
    const flow = gatedCounter(50, 10);
    flow.resume();
    const handler = toFetchHandler(flow.chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } });
    const { fetchFn, calls } = breakingFetch(handler, 6);
    const remote = new RemoteRunnable<string, string>({ url: 'http://x/count', fetch: fetchFn });
    const chunks: string[] = [];
    for await (const chunk of await remote.stream('go')) chunks.push(chunk);
    expect(chunks).toEqual(Array.from({ length: 50 }, (_, i) => `c${i + 1} `));
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(calls[1]?.url).toMatch(/\/count\/runs\/[^/]+\/stream$/);
    expect(Number(calls[1]?.lastEventId)).toBeGreaterThanOrEqual(6);
  });

  it('should resume streamEvents too: the events equal those of a connection that never broke', async () => {
    const chain = RunnableLambda.from(async function* (_: string) {
      for (let i = 1; i <= 50; i++) yield `c${i} `;
    });
    const handler = toFetchHandler(chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } });
    const seen = async (fetchFn: (url: string, init: RequestInit) => Promise<Response>): Promise<string[]> => {
      const remote = new RemoteRunnable<string, string>({ url: 'http://x/count', fetch: fetchFn });
      const events: string[] = [];
      for await (const event of remote.streamEvents('go', { version: 'v2' })) {
        events.push(`${event.event} ${event.name} ${event.parent_ids.length} ${JSON.stringify(event.data)}`);
      }
      return events;
    };
    const whole = await seen((url, init) => handler(new Request(url, init)));
    const { fetchFn, calls } = breakingFetch(handler, 20);
    const resumed = await seen(fetchFn);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(calls[1]?.url).toMatch(/\/count\/runs\/[^/]+\/stream_events$/);
    expect(resumed).toEqual(whole);
    expect(resumed.filter((line) => line.startsWith('on_chain_stream RunnableLambda 1'))).toHaveLength(50);
  });

  it('should fail as before against a server whose frames have no ids, or with resumeAttempts 0', async () => {
    const chain = RunnableLambda.from(async function* (_: string) {
      for (let i = 1; i <= 50; i++) yield `c${i} `;
    });
    for (const [handler, attempts] of [
      [toFetchHandler(chain, { basePath: '/count' }), 3],
      [toFetchHandler(chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } }), 0],
    ] as const) {
      const { fetchFn, calls } = breakingFetch(handler, 6);
      const remote = new RemoteRunnable<string, string>({
        url: 'http://x/count',
        fetch: fetchFn,
        resumeAttempts: attempts,
      });
      const consumed = (async () => {
        for await (const _ of await remote.stream('go'));
      })();
      await expect(consumed).rejects.toThrow('terminated');
      expect(calls).toHaveLength(1);
    }
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
    const handler = toFetchHandler(model, { resumable: { runStore: new MemoryRunStore(), graceMs: 50 } });
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

describe('resumable streams across two instances sharing Redis', () => {
  let redis: RedisTestServer;
  beforeAll(async () => {
    redis = await RedisTestServer.start();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('should resume on the other instance: dropped at chunk 37 of 200, sent 38 to 200 once', async () => {
    const storeA = new RedisRunStore({ url: redis.url, blockMs: 100 });
    const storeB = new RedisRunStore({ url: redis.url, blockMs: 100 });
    try {
      const flow = gatedCounter(200, 37);
      const a = toFetchHandler(flow.chain, { basePath: '/count', resumable: { runStore: storeA } });
      const b = toFetchHandler(flow.chain, { basePath: '/count', resumable: { runStore: storeB } });
      const { after } = await dropAndResume(a, b, storeB, flow);
      expect(after.map((f) => f.id)).toEqual(Array.from({ length: 164 }, (_, i) => i + 39));
      expect(after.slice(0, -1).map((f) => JSON.parse(f.data as string) as string)).toEqual(
        Array.from({ length: 163 }, (_, i) => `c${i + 38} `),
      );
      expect(flow.state().finished).toBe(true);
    } finally {
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });

  it('should resume stream_events on the other instance: event 37 of 200 dropped, 38 to 200 once, then end', async () => {
    const storeA = new RedisRunStore({ url: redis.url, blockMs: 100 });
    const storeB = new RedisRunStore({ url: redis.url, blockMs: 100 });
    try {
      // on_chain_start, 198 on_chain_stream, on_chain_end: 200 events, frames 1 to 200.
      const flow = gatedCounter(198, 36);
      const a = toFetchHandler(flow.chain, { resumable: { runStore: storeA } });
      const b = toFetchHandler(flow.chain, { resumable: { runStore: storeB } });
      const before = await readFrames(await a(post('http://x/stream_events', 'go')), 37);
      const runId = (JSON.parse(before[0]?.data as string) as { run_id: string }).run_id;
      flow.resume();
      const after = await readFrames(await b(resume(`http://x/runs/${runId}/stream_events`, 37)));
      const events = after.slice(0, -1).map((f) => JSON.parse(f.data as string) as { event: string; run_id: string });
      expect(after.slice(0, -1).map((f) => f.id)).toEqual(Array.from({ length: 163 }, (_, i) => i + 38));
      expect(events.slice(0, -1).every((e) => e.event === 'on_chain_stream' && e.run_id === runId)).toBe(true);
      expect(events.at(-1)?.event).toBe('on_chain_end');
      expect(after.at(-1)?.event).toBe('end');
      expect(flow.state().finished).toBe(true);
    } finally {
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });
});
