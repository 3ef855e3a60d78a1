/**
 * `npm run demo`: serves the demo page on 127.0.0.1 (PORT, default 8787) and, next to it,
 * the same chains the page runs locally, through `toNodeHandler(toFetchHandler(...))`,
 * for the page's server mode. The page's script is bundled at startup with esbuild from
 * rxchain's ESM build (`npm run build` first). `GET /status` answers `{ openRuns,
 * startedRuns }`: the runs in flight now and the runs started since the server began.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { toNodeHandler } from 'rxchain';
import { bundleForBrowser, rxjsCopies } from '../../scripts/browserBundle';
import { demoChains, scriptedModel } from '../servedChains';

/** Options of `startDemoServer`. */
export interface DemoServerOptions {
  /** The port; 0 picks a free one. @default 8787 */
  port?: number;
  /** Milliseconds between the scripted model's tokens on the server. @default 70 */
  delay?: number;
}

/** What `GET /status` answers. */
export interface DemoStatus {
  /** Runs started and not yet ended or cancelled. */
  readonly openRuns: number;
  /** Runs started since the server began (one per `invoke`, `batch`, `stream` or `stream_events` request). */
  readonly startedRuns: number;
}

/** A running demo server. */
export interface DemoServer {
  /** The page's URL, e.g. `http://127.0.0.1:8787/`. */
  readonly url: string;
  /** The page bundle's size in bytes. */
  readonly bundleBytes: number;
  status(): DemoStatus;
  close(): Promise<void>;
}

const RUN_ROUTE = /\/(invoke|batch|stream|stream_events)$/;

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** Bundles the page, builds the chains, and starts serving both. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = 8787, delay = 70 } = options;
  const page = await bundleForBrowser({ entry: join(__dirname, 'main.ts'), minify: false });
  const copies = rxjsCopies(page.metafile);
  if (copies.length !== 1)
    throw new Error(`The page bundle should hold one rxjs, shared with rxchain; it holds ${copies.length}.`);
  const html = readFileSync(join(__dirname, 'index.html'), 'utf8');
  const css = readFileSync(join(__dirname, 'styles.css'), 'utf8');
  const chains = await demoChains(scriptedModel(delay), {
    onError: (error, route) => console.error(`[${route}]`, error),
  });
  let startedRuns = 0;
  const status = (): DemoStatus => ({
    openRuns: chains.reduce((sum, chain) => sum + chain.handler.openRuns, 0),
    startedRuns,
  });

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const chain = chains.find((c) => path.startsWith(`${c.basePath}/`));
    if (chain !== undefined) {
      if (req.method === 'POST' && RUN_ROUTE.test(path)) startedRuns += 1;
      toNodeHandler(chain.handler)(req, res);
      return;
    }
    if (path === '/' || path === '/index.html') send(res, 200, 'text/html; charset=utf-8', html);
    else if (path === '/main.js') send(res, 200, 'text/javascript; charset=utf-8', page.code);
    else if (path === '/styles.css') send(res, 200, 'text/css; charset=utf-8', css);
    else if (path === '/status') send(res, 200, 'application/json', JSON.stringify(status()));
    else send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    bundleBytes: page.bytes,
    status,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) {
  const port = Number(process.env['PORT'] ?? 8787);
  const delay = Number(process.env['RXCHAIN_DEMO_DELAY'] ?? 70);
  startDemoServer({ port, delay }).then(
    (demo) => {
      console.log(
        `rxchain demo page: ${demo.url}  (scripted model, ${delay} ms per token; page script ${(demo.bundleBytes / 1024).toFixed(0)} KiB; Ctrl-C to stop)`,
      );
      console.log(`  local mode:  ${demo.url}?mode=local`);
      console.log(`  server mode: ${demo.url}?mode=server`);
      const stop = (): void => {
        console.log('\nstopping');
        void demo.close();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
