import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from 'rxchain';

/** A node:http server on 127.0.0.1 (random port) running a Fetch API handler. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly server: Server;
  /** The requests it received, as `METHOD /path`. */
  readonly requests: string[];
  /** Closes every connection and the server. */
  close(): Promise<void>;
}

/** Starts `handler` behind `toNodeHandler` on a loopback port. */
export async function startServer(handler: (request: Request) => Promise<Response>): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    toNodeHandler(handler)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs a JSON body (a string is sent as it is). */
export function post(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Splits an SSE body into its frames (without the blank line that ends each). */
export function framesOf(text: string): string[] {
  return text.split('\n\n').filter((frame) => frame !== '');
}

/** Resolves when `predicate` holds, checking after each event-loop turn (gives up after `turns`). */
export async function until(predicate: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('until(): the condition never held');
}
