/**
 * `npm run test:load:resumable [-- --clients 500]`: two server instances (two HTTP servers,
 * each with its own Redis connections) share one Redis run store; N concurrent clients
 * start the demo joke chain's `/stream` on instance A, drop the connection at a random frame
 * (seeded, so a run repeats), and resume on instance B with `Last-Event-ID`. It prints
 * runs/s, frames/s, the time from the drop to the run's last frame on B (p50/p99) and the
 * Redis memory each stored run takes, and fails (exit 1) unless every client's frames equal
 * those of an uninterrupted run (each once, in order) and both instances end with no open
 * run. It starts its own redis-server on a free port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { toFetchHandler, toNodeHandler, type FetchHandler } from 'rxchain';
import Redis from 'ioredis';
import { RedisRunStore } from 'rxchain/redis';
import { jokeChain, scriptedModel } from '../examples/servedChains';
import { RedisTestServer } from '../spec/support/redisServer';
import { readWireFrames as frames, type WireFrame as Frame } from '../spec/support/sseFrames';

const at = process.argv.indexOf('--clients');
const clients = at >= 0 ? Number(process.argv[at + 1]) : 500;
if (!Number.isInteger(clients) || clients <= 0) throw new Error('--clients must be a positive integer');
const tokenDelay = Number(process.env['LOAD_TOKEN_DELAY'] ?? 5);

/** A seeded PRNG (mulberry32), so the drop points repeat from run to run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a client must see, metadata aside (its run id differs from run to run). */
const shape = (list: readonly Frame[]): string =>
  JSON.stringify(list.filter((frame) => frame.event !== 'metadata').map((frame) => [frame.event, frame.data]));

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function listen(handler: FetchHandler): Promise<{ server: Server; origin: string }> {
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  const redis = await RedisTestServer.start();
  const stores = [new RedisRunStore({ url: redis.url }), new RedisRunStore({ url: redis.url })];
  const chain = jokeChain(scriptedModel(tokenDelay));
  const handlers = stores.map((runStore) => toFetchHandler(chain, { resumable: { runStore, graceMs: 30_000 } }));
  const [a, b] = await Promise.all(handlers.map(listen));
  if (a === undefined || b === undefined) throw new Error('two instances');
  const start = (origin: string): Promise<Response> =>
    fetch(`${origin}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: { topic: 'parrots' } }),
    });
  const reference = await frames(await start(a.origin));
  const expected = shape(reference);
  const probe = new Redis(redis.url);
  const memoryBefore = await usedMemory(probe);
  const random = seeded(20261203);
  const failures: string[] = [];
  const toResume: number[] = [];
  let delivered = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      // Somewhere from just after the metadata frame to just before `end`.
      const dropAfter = 1 + Math.floor(random() * (reference.length - 1));
      const first = await start(a.origin);
      const head = await frames(first, dropAfter);
      const runId = (JSON.parse(head[0]?.data ?? '{}') as { run_id?: string }).run_id;
      const dropped = performance.now();
      const again = await fetch(`${b.origin}/runs/${runId ?? 'missing'}/stream`, {
        headers: { 'last-event-id': String(dropAfter) },
      });
      const rest = await frames(again);
      toResume.push(performance.now() - dropped);
      const all = [...head, ...rest];
      delivered += all.length;
      const ids = all.map((frame) => frame.id);
      const inOrder = ids.every((id, index) => id === index + 1);
      if (!inOrder || shape(all) !== expected) {
        failures.push(`client ${client}: frames ${ids.join(',')} ending ${rest.at(-1)?.event ?? 'nothing'}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perRun = (await usedMemory(probe)) - memoryBefore;
  probe.disconnect();
  toResume.sort((x, y) => x - y);
  const pct = (p: number): string =>
    `${(toResume[Math.min(toResume.length - 1, Math.ceil((p / 100) * toResume.length) - 1)] ?? NaN).toFixed(1)} ms`;
  console.log(
    `resumable: ${clients} clients, each dropped on instance A and resumed on instance B (one Redis, ${tokenDelay} ms per token)`,
  );
  console.log(
    `  ${(clients / seconds).toFixed(0)} runs/s, ${((delivered / seconds) | 0).toLocaleString('en-US')} frames/s; from the drop to the last frame on B: p50 ${pct(50)}, p99 ${pct(99)}`,
  );
  console.log(
    `  Redis memory per stored run (${reference.length} frames): ${(perRun / clients / 1024).toFixed(1)} KiB (used_memory after / before, over ${clients} runs)`,
  );
  const open = handlers.map((handler) => handler.openRuns);
  for (const { server } of [a, b]) {
    server.closeAllConnections();
    server.close();
  }
  await Promise.all(stores.map((store) => store.close()));
  await redis.stop();
  if (failures.length > 0 || open.some((n) => n !== 0)) {
    console.error(
      `FAILED: ${failures.length} clients wrong (${failures.slice(0, 3).join('; ')}), open runs ${open.join('/')}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`  every client got every frame of its run once, in order; no open run on either instance`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
