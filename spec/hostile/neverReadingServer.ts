// A server run in a child process by manyNeverReading.spec.ts, so that its RSS is its own:
// it serves a 100,000-token chat model and, once as many runs as its argument says have
// failed, sends its memory figures to its parent.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { concatMap, interval, map, range, take } from 'rxjs';
import { toFetchHandler, toNodeHandler } from '../../lib/index';
import { ScriptedChatModel } from '../../lib/testing/index';

const expected = Number(process.argv[2]);
// 100,000 one-character tokens, made as they are pulled, 100 per turn of the event loop
// (as a provider's chunks arrive), so that the runs of all clients interleave.
const tokens$ = interval(0).pipe(
  take(1_000),
  concatMap(() => range(0, 100)),
  map(() => 'x'),
);
const model = new ScriptedChatModel({ responses: [tokens$] });
const failures: string[] = [];
const handler = toFetchHandler(model, {
  heartbeatInterval: 0,
  onError: (error) => {
    failures.push(error instanceof Error ? error.name : String(error));
    if (failures.length === expected) setImmediate(report);
  },
});
let requests = 0;
const listener = toNodeHandler(handler);
const server = createServer((req, res) => {
  requests += 1;
  listener(req, res);
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port, rss: process.memoryUsage().rss });
});

function report(): void {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  process.send?.({
    requests,
    openRuns: handler.openRuns,
    failures,
    heapUsed,
    arrayBuffers,
    maxRss: process.resourceUsage().maxRSS * 1024,
  });
}
