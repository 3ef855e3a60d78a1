/**
 * `npm run test:load [-- --clients 500] [-- --cluster]`: N concurrent clients stream the
 * events of the demo joke chain from one server process (two with `--cluster`) over
 * loopback, and the same N runs happen in-process for comparison. It prints requests/s and
 * time-to-first-event p50/p99 for both, and fails (exit 1) unless every client received
 * every event exactly once and in order, and the server ends with no open run. Bounded:
 * it gives up after `--timeout` seconds (default 100).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lastValueFrom, toArray } from 'rxjs';
import { parseEventStream, type StreamEvent } from 'rxchain';
import { jokeChain, scriptedModel } from '../examples/servedChains';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const clients = option('clients', 500);
const timeoutSeconds = option('timeout', 100);
const clustered = args.includes('--cluster');
const tokenDelay = Number(process.env['LOAD_TOKEN_DELAY'] ?? 5);
const input = { topic: 'parrots' };

/** An event with its run ids replaced by their order of first appearance, so runs compare. */
function normalised(events: readonly StreamEvent[]): string[] {
  const ids = new Map<string, number>();
  const id = (runId: string): number => {
    if (!ids.has(runId)) ids.set(runId, ids.size);
    return ids.get(runId) as number;
  };
  return events.map((event) => {
    const chunk = event.data.chunk as { content?: unknown } | string | undefined;
    const text = typeof chunk === 'object' ? chunk.content : chunk;
    return JSON.stringify([event.event, event.name, id(event.run_id), event.parent_ids.map(id), text ?? null]);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** N concurrent in-process runs of the chain's events: time to first event of each. */
async function inProcess(expected: readonly string[]): Promise<{ ttfe: number[]; seconds: number }> {
  const chain = jokeChain(scriptedModel(tokenDelay));
  const started = performance.now();
  const ttfe = await Promise.all(
    Array.from({ length: clients }, async () => {
      const begin = performance.now();
      let first = NaN;
      const events: StreamEvent[] = [];
      for await (const event of chain.streamEvents(input, { version: 'v2' })) {
        if (Number.isNaN(first)) first = performance.now() - begin;
        events.push(event);
      }
      if (JSON.stringify(normalised(events)) !== JSON.stringify(expected))
        throw new Error('an in-process run differed');
      return first;
    }),
  );
  return { ttfe, seconds: (performance.now() - started) / 1000 };
}

interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  report(): Promise<{ openRuns: number; requests: number; cpuSeconds: number; perWorker?: number[] }>;
}

function startServer(): Promise<ServerProcess> {
  const child = fork(join(__dirname, 'loadServer.ts'), clustered ? ['--cluster'] : [], {
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      ...(process.env['LOAD_PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    ],
    env: { ...process.env, LOAD_TOKEN_DELAY: String(tokenDelay) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server exited early (code ${String(code)})`)));
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type !== 'ready') return;
      resolve({
        child,
        port: message.port as number,
        report: () =>
          new Promise((done) => {
            const onReport = (reply: {
              type?: string;
              openRuns: number;
              requests: number;
              cpuSeconds: number;
              perWorker?: number[];
            }): void => {
              if (reply.type !== 'report') return;
              child.off('message', onReport);
              done(reply);
            };
            child.on('message', onReport);
            child.send({ type: 'report' });
          }),
      });
    });
  });
}

/** One client: streams the events, checks them, returns its time to first event. */
async function client(url: string, expected: readonly string[]): Promise<number> {
  const begin = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
  let first = NaN;
  const events: StreamEvent[] = [];
  for await (const event of parseEventStream(response.body)) {
    if (Number.isNaN(first)) first = performance.now() - begin;
    events.push(event);
  }
  const got = normalised(events);
  if (got.length !== expected.length || got.some((line, i) => line !== expected[i])) {
    throw new Error(
      `a client received ${got.length} events instead of the ${expected.length} expected, or out of order`,
    );
  }
  const ids = events.filter((e) => e.event.endsWith('_start')).map((e) => e.run_id);
  if (new Set(ids).size !== ids.length) throw new Error('a run id was started twice');
  return first;
}

async function main(): Promise<void> {
  const expected = normalised(await lastValueFrom(jokeChain(scriptedModel(0)).events$(input).pipe(toArray())));
  console.log(
    `load test: ${clients} concurrent clients, ${clustered ? 'two server processes (cluster)' : 'one server process'}, ${expected.length} events per run, ${tokenDelay} ms between tokens`,
  );

  const local = await inProcess(expected);
  const server = await startServer();
  try {
    const url = `http://127.0.0.1:${server.port}/joke/stream_events`;
    await client(url, expected); // warm up the connection path and the server's code
    const serverBefore = await server.report();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: clients }, () => client(url, expected)));
    const seconds = (performance.now() - started) / 1000;
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const ttfe = results
      .filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled')
      .map((r) => r.value)
      .sort((a, b) => a - b);
    const report = await server.report();
    const localTtfe = [...local.ttfe].sort((a, b) => a - b);

    console.log(
      `HTTP:       ${(clients / seconds).toFixed(0)} requests/s (${seconds.toFixed(2)} s), time to first event p50 ${ms(percentile(ttfe, 50))}, p99 ${ms(percentile(ttfe, 99))}`,
    );
    console.log(
      `in-process: ${(clients / local.seconds).toFixed(0)} runs/s (${local.seconds.toFixed(2)} s), time to first event p50 ${ms(percentile(localTtfe, 50))}, p99 ${ms(percentile(localTtfe, 99))}`,
    );
    const clientCpu = process.cpuUsage(cpuBefore);
    console.log(
      `server: ${report.requests} requests${report.perWorker !== undefined ? ` (per worker: ${report.perWorker.join(' / ')})` : ''}, ` +
        `${(report.cpuSeconds - serverBefore.cpuSeconds).toFixed(2)} s CPU; clients: ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(2)} s CPU; ` +
        `${report.openRuns} open runs at the end`,
    );

    const problems: string[] = [];
    if (failures.length > 0) problems.push(`${failures.length} clients failed: ${String(failures[0]?.reason)}`);
    if (report.openRuns !== 0) problems.push(`the server ended with ${report.openRuns} open runs`);
    if (report.requests !== clients + 1)
      problems.push(`the server saw ${report.requests} requests, not ${clients + 1}`);
    if (problems.length > 0) throw new Error(problems.join('; '));
    console.log(`ok: every client received all ${expected.length} events exactly once, in order; no open run left`);
  } finally {
    server.child.removeAllListeners('exit');
    if (process.env['LOAD_PROF']) server.child.disconnect();
    else server.child.kill();
  }
}

const deadline = setTimeout(() => {
  console.error(`load test: gave up after ${timeoutSeconds} s`);
  process.exit(1);
}, timeoutSeconds * 1000);
deadline.unref();

main().then(
  () => {
    clearTimeout(deadline);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`load test failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
