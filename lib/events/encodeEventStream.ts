import { map, Observable } from 'rxjs';
import { failedRunOf } from '../core/failedRun.js';
import { sseFrame } from '../codecs/sse/sseFrame.js';
import { toJson } from '../codecs/toJson.js';
import { wireError, type WireError } from './wireError.js';
import { wireEvent } from './toStreamEvent.js';

const END: EventStreamRecord = { event: 'end' };

/**
 * Encodes a stream of events as `text/event-stream` frames: one
 * `event: data\ndata: <json>\n\n` frame per event, then `event: end\n\n`. If the source
 * fails, an `event: error\ndata: {"name":...,"message":...}\n\n` frame is sent (with a
 * `"run_name"` when the error came from a run: the innermost failing run's name; never a
 * stack) and the stream then fails with the original error. Unsubscribing stops the source.
 *
 * @param events$ - the events.
 * @param options - `debug` adds the stack to the error frame and keeps file paths.
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
export function encodeEventStream(
  events$: Observable<unknown>,
  options: { readonly debug?: boolean | undefined } = {},
): Observable<Uint8Array> {
  return eventStreamRecords(events$, options).pipe(map((record) => sseFrame(record.event, record.data)));
}

/** One frame of an event stream before it is encoded: its event type and its data, if any. */
export interface EventStreamRecord {
  /** `data`, `end` or `error`. */
  readonly event: string;
  /** The frame's JSON text, if it has data. */
  readonly data?: string | undefined;
}

/**
 * The frames {@link encodeEventStream} sends, before they are encoded: a `data` record per
 * event, then `end`; or an `error` record, after which the stream fails with the error.
 * A run store keeps these, so that a reconnecting client can be sent the rest.
 *
 * @param events$ - the events.
 * @param options - `debug` adds the stack to the error record and keeps file paths.
 * @returns one record per frame.
 *
 * @example
 * ```ts
 * import { eventStreamRecords } from 'rxchain';
 * import { lastValueFrom, of, toArray } from 'rxjs';
 *
 * const records = await lastValueFrom(eventStreamRecords(of('hi')).pipe(toArray()));
 * console.log(records); // => [{ event: 'data', data: '"hi"' }, { event: 'end' }]
 * ```
 */
export function eventStreamRecords(
  events$: Observable<unknown>,
  options: { readonly debug?: boolean | undefined } = {},
): Observable<EventStreamRecord> {
  return new Observable<EventStreamRecord>((subscriber) => {
    const fail = (error: unknown): void => {
      subscriber.next({ event: 'error', data: toJson(errorPayload(error, options.debug === true)) });
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
        subscriber.next({ event: 'data', data: json });
      },
      error: fail,
      complete: () => {
        subscriber.next(END);
        subscriber.complete();
      },
    });
  });
}

/**
 * The error frame's data: the error as {@link wireError} sends it (name, message, code;
 * the stack only with `debug`), and the failing run's name if known.
 */
export function errorPayload(error: unknown, debug = false): WireError & { run_name?: string } {
  const runName = failedRunOf(error)?.name;
  const base = wireError(error, debug);
  return runName === undefined ? base : { ...base, run_name: runName };
}
