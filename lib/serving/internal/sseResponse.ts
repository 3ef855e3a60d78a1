import { asyncScheduler, interval, Observable, type SchedulerLike } from 'rxjs';
import { sseComment } from '../../codecs/sse/sseFrame.js';
import { ObservableIterator } from '../../adapters/ObservableIterator.js';
import { SSE_HEADERS } from './responses.js';

const PING = sseComment('ping');

/** How an SSE answer keeps its connection alive and learns that the client left. */
export interface SseOptions {
  /** Milliseconds between `: ping` comments; 0 sends none. */
  readonly heartbeatInterval: number;
  /** The scheduler the pings are timed on. */
  readonly scheduler: SchedulerLike | undefined;
  /** Aborts when the client disconnects. */
  readonly signal: AbortSignal | undefined;
  /** Told about the error that ended the stream (its error frame is already written). */
  readonly onError: (error: unknown) => void;
}

/**
 * Adds a `: ping` comment every `period` to whole SSE frames, until the frames end. A
 * frame is one chunk, so a ping never lands inside one. The timer is cleared when the
 * frames end or the subscriber leaves.
 */
export function withHeartbeat(
  frames$: Observable<Uint8Array>,
  period: number,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<Uint8Array> {
  if (period <= 0) return frames$;
  return new Observable<Uint8Array>((subscriber) => {
    const frames = frames$.subscribe(subscriber);
    if (subscriber.closed) return frames;
    const pings = interval(period, scheduler).subscribe(() => subscriber.next(PING));
    frames.add(pings);
    return frames;
  });
}

/**
 * The SSE answer for a stream of whole frames: sent as they come, with heartbeats;
 * the frames are subscribed when the body is first read. An error after the error frame
 * closes the body normally (the frame already told the client); a client that leaves
 * (the signal aborts, or the body is cancelled) unsubscribes the frames, which cancels
 * the run behind them.
 */
export function sseResponse(frames$: Observable<Uint8Array>, options: SseOptions): Response {
  const { signal, onError } = options;
  // Called only after `iterator` is made below.
  const onAbort = (): void => iterator.close();
  const body$ = new Observable<Uint8Array>((subscriber) => {
    const subscription = withHeartbeat(frames$, options.heartbeatInterval, options.scheduler).subscribe({
      next: (frame) => subscriber.next(frame),
      error: (error: unknown) => {
        onError(error);
        subscriber.complete();
      },
      complete: () => subscriber.complete(),
    });
    subscription.add(() => signal?.removeEventListener('abort', onAbort));
    return subscription;
  });
  const iterator = new ObservableIterator(body$, { lazy: true });
  if (signal?.aborted === true) iterator.close();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return new Response(coalescing(iterator), { status: 200, headers: SSE_HEADERS });
}

/**
 * A byte stream over the frames that hands out, on each read, every frame buffered so far
 * joined in one chunk: a burst of events (a step's end, the next one's start) becomes one
 * socket write instead of one per frame. Frames stay whole.
 */
function coalescing(iterator: ObservableIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const first = await iterator.next();
          if (first.done === true) {
            controller.close();
            return;
          }
          if (iterator.buffered === 0) {
            controller.enqueue(first.value);
            return;
          }
          const frames = [first.value];
          let size = first.value.byteLength;
          while (iterator.buffered > 0) {
            const next = await iterator.next();
            if (next.done === true) break;
            frames.push(next.value);
            size += next.value.byteLength;
          }
          const joined = new Uint8Array(size);
          let at = 0;
          for (const frame of frames) {
            joined.set(frame, at);
            at += frame.byteLength;
          }
          controller.enqueue(joined);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        iterator.close();
      },
    },
    { highWaterMark: 0 },
  );
}
