import { Observable } from 'rxjs';
import { failedRunOf } from '../core/failedRun.js';
import { sseFrame } from '../codecs/sse/sseFrame.js';
import { toJson } from '../codecs/toJson.js';
import { wireEvent } from './toStreamEvent.js';

const END = sseFrame('end');

/**
 * Encodes a stream of events as `text/event-stream` frames: one
 * `event: data\ndata: <json>\n\n` frame per event, then `event: end\n\n`. If the source
 * fails, an `event: error\ndata: {"name":...,"message":...}\n\n` frame is sent (with a
 * `"run_name"` when the error came from a run: the innermost failing run's name; never a
 * stack) and the stream then fails with the original error. Unsubscribing stops the source.
 *
 * @param events$ - the events.
 * @returns the frames, as UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { encodeEventStream } from 'rxchain';
 * import { lastValueFrom, of, toArray } from 'rxjs';
 *
 * const frames = await lastValueFrom(encodeEventStream(of({ a: 1 })).pipe(toArray()));
 * console.log(frames.map((f) => new TextDecoder().decode(f))); // => ['event: data\ndata: {"a":1}\n\n', 'event: end\n\n']
 * ```
 */
export function encodeEventStream(events$: Observable<unknown>): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const fail = (error: unknown): void => {
      subscriber.next(sseFrame('error', toJson(errorPayload(error))));
      subscriber.error(error);
    };
    return events$.subscribe({
      next: (event) => {
        // An event JSON cannot represent (a cycle, a BigInt) fails the stream instead of
        // throwing out of the source's next().
        let json: string;
        try {
          json = toJson(wireEvent(event));
        } catch (error) {
          fail(error);
          return;
        }
        subscriber.next(sseFrame('data', json));
      },
      error: fail,
      complete: () => {
        subscriber.next(END);
        subscriber.complete();
      },
    });
  });
}

/** The error frame's data: the error's name and message, and the failing run's name if known. */
export function errorPayload(error: unknown): { name: string; message: string; run_name?: string } {
  const runName = failedRunOf(error)?.name;
  const base =
    error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
  return runName === undefined ? base : { ...base, run_name: runName };
}
