import { toFetchHandler } from 'rxchain';
import { RedisRunStore } from 'rxchain/redis';
import { RedisTestServer } from '../support/redisServer';
import { readWireFrames as readFrames } from '../support/sseFrames';
import { gatedCounter, post, resume, dropAndResume } from '../support/resumableFlows';

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
