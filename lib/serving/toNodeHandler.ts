/**
 * The parts of Node's `http.IncomingMessage` the adapter uses (declared here so that
 * rxchain's types never require Node's).
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The parts of Node's `http.ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  flushHeaders?(): void;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
  removeListener(event: 'close' | 'drain', listener: () => void): unknown;
  destroy(): unknown;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

const encoder = new TextEncoder();
const INTERNAL_ERROR = encoder.encode('{"error":{"name":"InternalServerError","message":"The handler failed."}}');
const BAD_URL = encoder.encode(
  '{"error":{"name":"BadRequest","message":"The request URL or Host header is malformed, or its path has dot segments or encoded slashes."}}',
);

/** A Node `http` request listener. */
export type NodeHandler = (request: NodeRequestLike, response: NodeResponseLike) => void;

/**
 * Adapts a Fetch API handler (such as `toFetchHandler`'s) to Node's `http` module:
 * `http.createServer(toNodeHandler(handler))`. The request body is streamed to the
 * handler; the response is written as the handler's body produces it, headers first (so
 * an SSE client gets them at once), waiting for `drain` when the socket is full. When
 * the client disconnects, the request's `signal` aborts and the response body is
 * cancelled, which cancels the run behind it.
 *
 * @param handler - the Fetch API handler.
 * @returns a request listener for `http.createServer`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { RunnableLambda, toFetchHandler, toNodeHandler } from 'rxchain';
 *
 * const shout = RunnableLambda.from((text: string) => text.toUpperCase());
 * const server = createServer(toNodeHandler(toFetchHandler(shout)));
 * await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
 * const { port } = server.address() as { port: number };
 * try {
 *   const response = await fetch(`http://127.0.0.1:${port}/invoke`, {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json' },
 *     body: '{"input":"hi"}',
 *   });
 *   const { output } = (await response.json()) as { output: string };
 *   console.log(output); // => 'HI'
 * } finally {
 *   server.closeAllConnections();
 *   server.close();
 * }
 * ```
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return (req, res) => {
    void serve(handler, req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.write(INTERNAL_ERROR);
        res.end();
      } else if (!res.destroyed) {
        // Nothing can be reported once the body has begun: drop the connection.
        res.destroy();
      }
    });
  };
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: NodeRequestLike,
  res: NodeResponseLike,
): Promise<void> {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!res.writableEnded) controller.abort();
  };
  res.once('close', onClose);
  let request: Request;
  try {
    request = toRequest(req, controller.signal);
  } catch {
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    res.write(BAD_URL);
    res.end();
    return;
  }
  const response = await handler(request);
  res.writeHead(response.status, headersOf(response.headers));
  const body = response.body;
  if (body === null || req.method === 'HEAD') {
    await body?.cancel();
    res.end();
    return;
  }
  res.flushHeaders?.();
  const reader = body.getReader();
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  if (controller.signal.aborted) cancel();
  else controller.signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        cancel();
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } finally {
    controller.signal.removeEventListener('abort', cancel);
    res.removeListener('close', onClose);
  }
}

/**
 * Dot segments (`.`, `..`, also percent-encoded) and encoded slashes or backslashes in the
 * raw path: the URL parser would normalise them away before routing, so that
 * `/chain/%2e%2e/other/invoke` reached another route. Such a request is refused.
 */
const UNSAFE_PATH = /%2e|%2f|%5c|\\|\/\.{1,2}(?:\/|$)/i;

function toRequest(req: NodeRequestLike, signal: AbortSignal): Request {
  const raw = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (UNSAFE_PATH.test(raw)) throw new TypeError('unsafe path');
  const host = firstValue(req.headers['host']) ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = streamOf(req);
    init.duplex = 'half';
  }
  return new Request(url, init);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function streamOf(source: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= source[Symbol.asyncIterator]();
      const result = await iterator.next();
      if (result.done === true) controller.close();
      else controller.enqueue(typeof result.value === 'string' ? encoder.encode(result.value) : result.value);
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

function headersOf(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

function drained(res: NodeResponseLike): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.removeListener('drain', done);
      res.removeListener('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
