import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Subscription, timer } from 'rxjs';
import type {
  FakeProviderServer,
  FakeRawReply,
  FakeRequest,
  FakeScript,
  FakeReply,
  FakeToolCall,
} from '../FakeProviderReply.js';

/** What the server writes for one request. */
export interface WireReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** SSE frames (each written alone), or a whole body. */
  readonly frames?: readonly string[] | undefined;
  readonly body?: string | undefined;
  readonly cutAfter?: number | undefined;
  readonly interval?: number | undefined;
  readonly delay?: number | undefined;
}

type HttpModule = typeof import('node:http');

/**
 * Node's `http` module, looked up at run time so that browser bundles of `rxchain/testing`
 * never reference it.
 */
function httpModule(): HttpModule {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const http = proc?.getBuiltinModule?.('node:http') as HttpModule | undefined;
  if (http === undefined) {
    throw new Error('The fake provider servers need Node.js 20.16 or later (process.getBuiltinModule).');
  }
  return http;
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) answering each request with
 * `wire(reply, request)` of the script's reply, and records the requests.
 */
export async function startFakeServer(
  script: FakeScript,
  basePath: string,
  wire: (reply: FakeReply, request: FakeRequest) => WireReply,
): Promise<FakeProviderServer> {
  let current = script;
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const pending = new Subscription();
  const replyTo = (request: FakeRequest): FakeReply | undefined => {
    if (typeof current === 'function') return current(request);
    return current[Math.min(request.index, current.length - 1)];
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parts: Uint8Array[] = [];
    for await (const part of req) parts.push(part as Uint8Array);
    const text = new TextDecoder().decode(concatBytes(parts));
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    const request: FakeRequest = {
      index: requests.length,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: { ...req.headers },
      body,
    };
    requests.push(request);
    let answer: WireReply;
    try {
      const reply = replyTo(request);
      answer =
        reply === undefined
          ? { status: 500, headers: {}, body: JSON.stringify({ error: { message: 'The fake server has no reply.' } }) }
          : wire(reply, request);
    } catch (error) {
      const message = `The fake server's script failed: ${String(error)}`;
      answer = { status: 500, headers: {}, body: JSON.stringify({ error: { message } }) };
    }
    send(answer, res, pending);
  };
  const server: Server = httpModule().createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    lastBody: () => requests[requests.length - 1]?.body as Record<string, unknown>,
    script(next) {
      current = next;
      requests.length = 0;
    },
    async close() {
      pending.unsubscribe();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function send(reply: WireReply, res: ServerResponse, pending: Subscription): void {
  const start = (): void => {
    if (res.destroyed) return;
    if (reply.frames === undefined) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
      return;
    }
    res.writeHead(reply.status, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...reply.headers,
    });
    res.flushHeaders();
    const frames = reply.frames;
    let sent = 0;
    const writeNext = (): void => {
      if (res.destroyed) return;
      if (reply.cutAfter !== undefined && sent >= reply.cutAfter) {
        res.socket?.destroy();
        return;
      }
      const frame = frames[sent];
      if (frame === undefined) {
        res.end();
        return;
      }
      res.write(frame, () => {
        sent++;
        later(writeNext, reply.interval ?? 0);
      });
    };
    writeNext();
  };
  const later = (fn: () => void, ms: number): void => {
    const wait = timer(ms).subscribe(() => {
      pending.remove(wait);
      fn();
    });
    pending.add(wait);
  };
  if (reply.delay !== undefined && reply.delay > 0) later(start, reply.delay);
  else start();
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((size, part) => size + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** The text of `value`: one piece, or the pieces joined. */
export function piecesOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** A recorded SSE body as the fake servers write it: frame by frame, paced and cut as scripted. */
export function rawSseWire(reply: FakeRawReply, headers: Record<string, string>): WireReply {
  return {
    status: reply.status ?? 200,
    headers,
    frames: framesOfSse(reply.sse),
    cutAfter: reply.cutAfter,
    interval: reply.interval,
    delay: reply.delay,
  };
}

/** An SSE body's frames (each with its blank line). */
export function framesOfSse(sse: string): string[] {
  const frames: string[] = [];
  let from = 0;
  for (let at = sse.indexOf('\n\n'); at !== -1; at = sse.indexOf('\n\n', from)) {
    frames.push(sse.slice(from, at + 2));
    from = at + 2;
  }
  if (from < sse.length) frames.push(sse.slice(from));
  return frames;
}

/** The error type an Anthropic or OpenAI body gives a status. */
export function errorTypeOf(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  return 'api_error';
}

/** A tool call's arguments as the fragments to stream. */
export function argsPieces(call: FakeToolCall): readonly string[] {
  const { args } = call;
  if (typeof args === 'string') return [args];
  return isPieces(args) ? args : [JSON.stringify(args)];
}

function isPieces(args: FakeToolCall['args']): args is readonly string[] {
  return Array.isArray(args);
}

/**
 * The frames as writes: the frames up to and including the first one for which `isToken`
 * holds go out together (an API sends its opening frames at once), each later frame alone.
 */
export function openingJoined(frames: readonly string[], isToken: (frame: string) => boolean): string[] {
  const first = frames.findIndex(isToken);
  if (first <= 0) return [...frames];
  return [frames.slice(0, first + 1).join(''), ...frames.slice(first + 1)];
}
