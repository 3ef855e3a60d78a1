import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The script language of `OpenAITestServer` (spec/support/openaiServer.ts): the replies it
 * can be told to give, the records it keeps of requests and responses, and how a streamed
 * body is cut into writes.
 */

/** How a streamed body is cut into writes. */
export type Pieces =
  /** One write per SSE frame (the default). */
  | 'frames'
  /** The whole body in one write. */
  | 'whole'
  /** Writes of this many bytes (1 = every byte alone). */
  | { readonly every: number }
  /** Cuts at these byte offsets. */
  | { readonly at: readonly number[] };

/** A `text/event-stream` reply. */
export interface SseReply {
  /** The whole body. */
  readonly sse: string | Uint8Array;
  /** How it is cut into writes. @default 'frames' */
  readonly pieces?: Pieces;
  /** Milliseconds between writes; 0 waits one event-loop turn, so each write is its own read. @default 0 */
  readonly interval?: number;
  /** Destroy the connection right after this many writes (a connection cut mid-stream). */
  readonly cutAfter?: number;
  /** The status. @default 200 */
  readonly status?: number;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A JSON reply (a completion, an embedding list, an error body). */
export interface JsonReply {
  readonly json: unknown;
  /** @default 200 */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A reply with a raw text body. */
export interface TextReply {
  readonly text: string;
  /** @default 200 */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the server answers to one request; `delay` holds the response (headers included) back that many ms. */
export type Reply = (SseReply | JsonReply | TextReply) & { readonly delay?: number };

/** A request the server received. */
export interface RecordedRequest {
  /** Which request this was (0-based). */
  readonly index: number;
  readonly method: string;
  /** The path, e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, parsed as JSON when it is JSON. */
  readonly body: unknown;
}

/** How one response went, as the server saw it. */
export interface ResponseRecord {
  readonly request: RecordedRequest;
  /** Writes planned for the body. */
  planned: number;
  /** Writes done so far. */
  sent: number;
  /** Whether the client closed the connection before the server finished. */
  closedByClient: boolean;
  /** Whether the server cut the connection on purpose (`cutAfter`). */
  cutByServer: boolean;
  /** Whether the whole body was sent. */
  finished: boolean;
  /** Resolves once the response is over (finished, cut, or closed by the client). */
  readonly done: Promise<void>;
  /** The connection it went over. */
  readonly connection: Socket | undefined;
}

/** The script: replies in order (the last one repeats), or a function of the request. */
export type Script = readonly Reply[] | ((request: RecordedRequest) => Reply);

/** Cuts a body into writes. */
export function cut(bytes: Uint8Array, pieces: Pieces): Uint8Array[] {
  if (pieces === 'whole') return [bytes];
  const offsets: number[] = [];
  if (pieces === 'frames') {
    const text = Buffer.from(bytes).toString('latin1');
    for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) offsets.push(at + 2);
  } else if ('every' in pieces) {
    for (let at = pieces.every; at < bytes.length; at += pieces.every) offsets.push(at);
  } else {
    offsets.push(...pieces.at);
  }
  const bounds = [0, ...offsets.filter((at) => at > 0 && at < bytes.length), bytes.length];
  return bounds
    .slice(1)
    .map((end, i) => bytes.slice(bounds[i], end))
    .filter((piece) => piece.length > 0);
}
