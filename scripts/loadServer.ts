/**
 * The server side of `npm run test:load`: serves the demo joke chain on 127.0.0.1 (a
 * random port) and answers its parent over IPC. With `--cluster`, it is the primary of
 * two workers (Node's `cluster`) that share the port; each worker serves independently,
 * since the handler keeps no state between requests.
 *
 * IPC: it sends `{ type: 'ready', port }`; on `{ type: 'report' }` it answers
 * `{ type: 'report', openRuns, requests }` (summed over the workers).
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toFetchHandler, toNodeHandler } from 'rxchain';
import { jokeChain, scriptedModel } from '../examples/servedChains';

const clustered = process.argv.includes('--cluster');
const delay = Number(process.env['LOAD_TOKEN_DELAY'] ?? 5);

interface Report {
  readonly type: 'report';
  readonly openRuns: number;
  readonly requests: number;
  /** CPU time used by the process so far, in seconds. */
  readonly cpuSeconds: number;
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Starts one HTTP server; resolves with its port and a report function. */
async function serveOne(): Promise<{ port: number; report: () => Report }> {
  const handler = toFetchHandler(jokeChain(scriptedModel(delay)), { basePath: '/joke' });
  const node = toNodeHandler(handler);
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    node(req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    report: () => ({ type: 'report', openRuns: handler.openRuns, requests, cpuSeconds: cpuSeconds() }),
  };
}

const send = (message: unknown): void => {
  process.send?.(message);
};

async function single(): Promise<void> {
  const { port, report } = await serveOne();
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'report') send(report());
  });
  send({ type: 'ready', port, workers: 1 });
}

async function primary(): Promise<void> {
  const workers = [cluster.fork(), cluster.fork()];
  const ports = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<number>((resolve) => {
          worker.on('message', (message: { type?: string; port?: number }) => {
            if (message.type === 'ready') resolve(message.port as number);
          });
        }),
    ),
  );
  if (new Set(ports).size !== 1) throw new Error(`the workers listen on different ports: ${ports.join(', ')}`);
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'report') return;
    void Promise.all(
      workers.map(
        (worker) =>
          new Promise<Report>((resolve) => {
            const onMessage = (reply: Report): void => {
              if (reply.type !== 'report') return;
              worker.off('message', onMessage);
              resolve(reply);
            };
            worker.on('message', onMessage);
            worker.send({ type: 'report' });
          }),
      ),
    ).then((reports) =>
      send({
        type: 'report',
        openRuns: reports.reduce((n, r) => n + r.openRuns, 0),
        requests: reports.reduce((n, r) => n + r.requests, 0),
        cpuSeconds: reports.reduce((n, r) => n + r.cpuSeconds, 0),
        perWorker: reports.map((r) => r.requests),
      }),
    );
  });
  process.on('disconnect', () => {
    for (const worker of workers) worker.kill();
  });
  send({ type: 'ready', port: ports[0], workers: workers.length });
}

async function worker(): Promise<void> {
  const { port, report } = await serveOne();
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'report') send(report());
  });
  send({ type: 'ready', port });
}

const main = !clustered ? single : cluster.isPrimary ? primary : worker;
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
// The parent going away ends the server.
process.on('disconnect', () => process.exit(0));
