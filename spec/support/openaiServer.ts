import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { cut, type RecordedRequest, type Reply, type ResponseRecord, type Script } from './openaiScript';

/**
 * A scriptable OpenAI-compatible HTTP server on 127.0.0.1 (random port) for specs: it
 * speaks the Chat Completions and Embeddings protocols as far as a script says, records
 * every request, can cut its bytes anywhere, pace them, fail with any status, drop the
 * connection mid-stream, and reports open connections and how each response ended.
 * Nothing is mocked: clients reach it through the real `fetch`.
 */

export { cut } from './openaiScript';
export type {
  JsonReply,
  Pieces,
  RecordedRequest,
  Reply,
  ResponseRecord,
  Script,
  SseReply,
  TextReply,
} from './openaiScript';

export class OpenAITestServer {
  /** Requests received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** One record per response, in order. */
  readonly responses: ResponseRecord[] = [];
  #script: Script;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout | NodeJS.Immediate>();
  #port = 0;
  #waiters: { count: number; resolve: () => void }[] = [];

  private constructor(script: Script) {
    this.#script = script;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      socket.setNoDelay(true);
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(script: Script = []): Promise<OpenAITestServer> {
    const server = new OpenAITestServer(script);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#server.address() as AddressInfo).port;
    return server;
  }

  /** The base URL clients use: `http://127.0.0.1:<port>/v1`. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  /** TCP connections open right now (idle keep-alive ones the client pools included). */
  get openConnections(): number {
    return [...this.#sockets].filter((socket) => !socket.destroyed).length;
  }

  /** Responses still being written. */
  get activeResponses(): number {
    return this.responses.filter((r) => !r.finished && !r.closedByClient && !r.cutByServer).length;
  }

  /** Replaces the script and forgets earlier requests. */
  script(script: Script): void {
    this.#script = script;
    this.requests.length = 0;
    this.responses.length = 0;
  }

  /** Resolves once `count` requests have arrived (since the last `script`). */
  received(count = 1): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** The last request's JSON body. */
  lastBody(): Record<string, unknown> {
    return this.requests[this.requests.length - 1]?.body as Record<string, unknown>;
  }

  /** Stops the server: clears pending writes and destroys every connection. */
  async close(): Promise<void> {
    for (const timer of this.#timers) {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    }
    this.#timers.clear();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  #reply(request: RecordedRequest): Reply {
    const script = this.#script;
    if (typeof script === 'function') return script(request);
    const reply = script[Math.min(request.index, script.length - 1)];
    return reply ?? { status: 500, json: { error: { message: 'The test server has no scripted reply.' } } };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const text = Buffer.concat(parts).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    const request: RecordedRequest = {
      index: this.requests.length,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
    };
    this.requests.push(request);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.requests.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
    let reply: Reply;
    try {
      reply = this.#reply(request);
    } catch (error) {
      reply = { status: 500, json: { error: { message: `The test server's script failed: ${String(error)}` } } };
    }
    this.#send(request, reply, res);
  }

  #send(request: RecordedRequest, reply: Reply, res: ServerResponse): void {
    let resolveDone: () => void = () => undefined;
    const record: ResponseRecord = {
      request,
      planned: 0,
      sent: 0,
      closedByClient: false,
      cutByServer: false,
      finished: false,
      connection: res.socket ?? undefined,
      done: new Promise<void>((resolve) => {
        resolveDone = resolve;
      }),
    };
    this.responses.push(record);
    const pending = new Set<NodeJS.Timeout | NodeJS.Immediate>();
    const schedule = (fn: () => void, ms: number): void => {
      const timer: NodeJS.Timeout | NodeJS.Immediate =
        ms > 0
          ? setTimeout(() => {
              pending.delete(timer);
              this.#timers.delete(timer);
              fn();
            }, ms)
          : setImmediate(() => {
              pending.delete(timer);
              this.#timers.delete(timer);
              fn();
            });
      pending.add(timer);
      this.#timers.add(timer);
    };
    const socket = res.socket;
    const over = (): void => {
      socket?.off('end', clientLeft);
      for (const timer of pending) {
        clearTimeout(timer as NodeJS.Timeout);
        clearImmediate(timer as NodeJS.Immediate);
        this.#timers.delete(timer);
      }
      if (!record.finished && !record.cutByServer) record.closedByClient = true;
      resolveDone();
    };
    // A client that goes away sends FIN; the server would only notice at its next write,
    // so it records the close when the FIN arrives and drops the connection.
    const clientLeft = (): void => {
      if (record.finished) return;
      over();
      socket?.destroy();
    };
    socket?.on('end', clientLeft);
    res.on('close', over);

    if (reply.delay !== undefined && reply.delay > 0) {
      schedule(() => this.#start(record, reply, res, schedule), reply.delay);
    } else {
      this.#start(record, reply, res, schedule);
    }
  }

  #start(
    record: ResponseRecord,
    reply: Reply,
    res: ServerResponse,
    schedule: (fn: () => void, ms: number) => void,
  ): void {
    if (!('sse' in reply)) {
      const isJson = 'json' in reply;
      const payload = isJson ? JSON.stringify(reply.json) : reply.text;
      res.writeHead(reply.status ?? 200, {
        'content-type': isJson ? 'application/json' : 'text/plain; charset=utf-8',
        ...reply.headers,
      });
      record.planned = 1;
      res.end(payload, () => {
        record.sent = 1;
        record.finished = true;
      });
      return;
    }

    const bytes = typeof reply.sse === 'string' ? Buffer.from(reply.sse, 'utf8') : Buffer.from(reply.sse);
    const pieces = cut(bytes, reply.pieces ?? 'frames');
    record.planned = pieces.length;
    res.writeHead(reply.status ?? 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...reply.headers,
    });
    res.flushHeaders();
    const interval = reply.interval ?? 0;
    const writeNext = (): void => {
      if (res.destroyed) return;
      if (reply.cutAfter !== undefined && record.sent >= reply.cutAfter) {
        record.cutByServer = true;
        res.socket?.destroy();
        return;
      }
      const piece = pieces[record.sent];
      if (piece === undefined) {
        res.end(() => {
          record.finished = true;
        });
        return;
      }
      res.write(piece, () => {
        record.sent++;
        schedule(writeNext, interval);
      });
    };
    // The first piece goes out at once; later ones after `interval`.
    writeNext();
  }
}
