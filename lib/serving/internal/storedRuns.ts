import {
  catchError,
  concatMap,
  EMPTY,
  filter,
  from,
  interval,
  map,
  Observable,
  of,
  type SchedulerLike,
  take,
  timer,
} from 'rxjs';
import type { RunStore } from '../../runstore/RunStore.js';
import type { EventStreamRecord } from '../../events/encodeEventStream.js';
import { errorPayload } from '../../events/encodeEventStream.js';
import { sseFrame, sseRetry } from '../../codecs/sse/sseFrame.js';
import { toJson } from '../../codecs/toJson.js';

/** Where a resumable server keeps its runs' frames, and how long a run waits for a reader. */
export interface StoredRuns {
  /** The store every instance of the server shares. */
  readonly runStore: RunStore;
  /** Milliseconds a run goes on with no client reading it before it is cancelled. */
  readonly graceMs: number;
  /** The SSE `retry:` field each resumable response starts with (a browser's reconnect delay). */
  readonly retryMs: number;
  /** The scheduler the leases and the abandonment check are timed on. */
  readonly scheduler: SchedulerLike;
}

function isLast(record: EventStreamRecord): boolean {
  return record.event === 'end' || record.event === 'error';
}

/**
 * Starts a run whose frames go to the store, detached from the request that started it:
 * a client that disconnects does not cancel it, so it can reconnect (to any instance that
 * shares the store) and be sent the rest. A run that no client reads for `graceMs` is
 * cancelled, and its stored frames end with an `AbortError` frame. Resolves once the
 * store has the run, so that a reader finds it.
 */
export async function startStoredRun(
  runId: string,
  kind: string,
  records$: Observable<EventStreamRecord>,
  runs: StoredRuns,
  onError: (error: unknown) => void,
): Promise<void> {
  const { runStore, graceMs, scheduler } = runs;
  await runStore.create(runId, kind);
  // The client that starts the run is its first reader.
  await runStore.touch(runId, graceMs);
  let id = 0;
  let ended = false;
  const append = (record: EventStreamRecord): Observable<void> => {
    id += 1;
    const last = isLast(record);
    if (last) ended = true;
    return from(runStore.append(runId, { id, event: record.event, data: record.data }, last));
  };
  const producer = records$
    .pipe(
      catchError((error: unknown) => {
        // The error frame is already among the records: the run's error is only logged.
        onError(error);
        return EMPTY;
      }),
      concatMap(append),
    )
    .subscribe({
      error: (error: unknown) => {
        // The store could not keep a frame: nobody could read the rest, so the run stops.
        onError(error);
        watchdog.unsubscribe();
      },
      complete: () => watchdog.unsubscribe(),
    });
  const check = Math.max(1, Math.floor(graceMs / 2));
  const watchdog = interval(check, scheduler)
    .pipe(
      concatMap(() => from(runStore.isRead(runId))),
      filter((read) => !read),
      take(1),
      concatMap(() => {
        producer.unsubscribe();
        if (ended) return EMPTY;
        const abandoned = new Error(`No client read this run for ${graceMs} ms, so it was cancelled.`);
        abandoned.name = 'AbortError';
        return append({ event: 'error', data: toJson(errorPayload(abandoned)) });
      }),
    )
    .subscribe({ error: onError });
  if (producer.closed) watchdog.unsubscribe();
}

/**
 * The SSE frames of a stored run after frame `afterId` (0 for all), each with its `id:`
 * line, then each new one as the run goes on; a client's lease on the run is renewed while
 * it reads. A run the store does not have (or no longer keeps from `afterId`) ends with an
 * error frame.
 */
export function readStoredRun(runId: string, afterId: number, runs: StoredRuns): Observable<Uint8Array> {
  const { runStore, graceMs, retryMs, scheduler } = runs;
  return new Observable<Uint8Array>((subscriber) => {
    subscriber.next(sseRetry(retryMs));
    const frames = runStore
      .read(runId, afterId)
      .pipe(
        // An EventSource dispatches no frame without a data line: `end` gets an empty one.
        map((frame) => sseFrame(frame.event, frame.data ?? (frame.event === 'end' ? '' : undefined), frame.id)),
        catchError((error: unknown) => of(sseFrame('error', toJson(errorPayload(error))))),
      )
      .subscribe(subscriber);
    const lease = timer(0, Math.max(1, Math.floor(graceMs / 3)), scheduler)
      .pipe(concatMap(() => from(runStore.touch(runId, graceMs))))
      .subscribe({
        // A store that cannot be reached ends the read: the client may try again.
        error: (error: unknown) => {
          subscriber.next(sseFrame('error', toJson(errorPayload(error))));
          subscriber.complete();
        },
      });
    frames.add(lease);
    return frames;
  });
}
