import { EMPTY, Observable, type Subscription } from 'rxjs';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { EventStreamError } from '../../errors/EventStreamError.js';
import { RxchainError } from '../../errors/RxchainError.js';
import { parseChunkStream$ } from './parseChunkStream.js';
import { remoteCall$, type RemoteEndpoint } from './remoteCall.js';
import type { LineBound } from './readFrames.js';

/**
 * Whether an error ends a stream's connection, not its run: the body broke off (a network
 * error, or the bytes ended before `event: end`). An error frame, an HTTP status or a
 * malformed frame is the run's answer and is not resumed.
 */
function isConnectionLoss(error: unknown): boolean {
  if (error instanceof EventStreamError) return error.frame === undefined;
  if (error instanceof ApiCallError) return error.status === undefined;
  if (error instanceof Error && error.name === 'AbortError') return false;
  return !(error instanceof RxchainError);
}

function runIdOf(frame: SseFrame): string | undefined {
  try {
    const runId = (JSON.parse(frame.data) as { run_id?: unknown } | null)?.run_id;
    return typeof runId === 'string' ? runId : undefined;
  } catch {
    return undefined;
  }
}

/** How a resumable route's body is read: its frames are reported to `onFrame`. */
type ReadBody<T> = (
  body: ReadableStream<Uint8Array>,
  onFrame: (frame: SseFrame) => void,
  bound: LineBound,
) => Observable<T>;

/**
 * `POST {route}` (`stream` or `stream_events`), read with `readBody`; when the connection
 * breaks mid-stream and the server numbered its frames (a resumable server), up to
 * `attempts` times `GET runs/{run_id}/{route}` with `Last-Event-ID` continues where it
 * stopped, so the consumer sees every value once. The run id comes from `/stream`'s
 * `metadata` frame, or from the first event of `/stream_events` (the root run's start).
 * Against a server that does not number its frames, a break fails the stream as before.
 */
export function resumable$<T>(
  endpoint: RemoteEndpoint,
  route: 'stream' | 'stream_events',
  body: unknown,
  attempts: number,
  readBody: ReadBody<T>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    let runId: string | undefined;
    let lastId: string | undefined;
    let left = attempts;
    let current: Subscription | undefined;
    const track = (frame: SseFrame): void => {
      if (frame.id !== undefined) lastId = frame.id;
      if (frame.event === 'metadata' || (runId === undefined && route === 'stream_events' && frame.event === 'data')) {
        runId = runIdOf(frame) ?? runId;
      }
    };
    const read = (response: Response): Observable<T> =>
      response.body === null
        ? EMPTY
        : readBody(response.body, track, {
            url: response.url || endpoint.url,
            maxLineChars: endpoint.limits.maxLineChars,
          });
    const attempt = (call$: Observable<T>): void => {
      current = call$.subscribe({
        next: (value) => subscriber.next(value),
        complete: () => subscriber.complete(),
        error: (error: unknown) => {
          if (left > 0 && runId !== undefined && lastId !== undefined && isConnectionLoss(error)) {
            left -= 1;
            const path = `runs/${encodeURIComponent(runId)}/${route}`;
            attempt(remoteCall$(endpoint, path, undefined, 'text/event-stream', read, { 'last-event-id': lastId }));
            return;
          }
          subscriber.error(error);
        },
      });
    };
    attempt(remoteCall$(endpoint, route, body, 'text/event-stream', read));
    return () => current?.unsubscribe();
  });
}

/** `POST /stream` read as output chunks, resumed after a connection loss (see `resumable$`). */
export function resumableChunks$(endpoint: RemoteEndpoint, body: unknown, attempts: number): Observable<unknown> {
  return resumable$(endpoint, 'stream', body, attempts, parseChunkStream$);
}
