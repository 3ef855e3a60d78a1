import { asyncScheduler, interval, Observable, type SchedulerLike } from 'rxjs';
import { sseComment } from '../../codecs/sse/sseFrame.js';
import { boundedFrames, DEFAULT_HIGH_WATER_MARK } from './boundedFrames.js';
import { SSE_HEADERS } from './responses.js';
import type { FrameBudget } from './FrameBudget.js';

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
  /** The most bytes of frames held for a client that reads slowly. @default 1048576 */
  readonly highWaterMark?: number | undefined;
  /** The server's bound on the bytes held for all its clients together. */
  readonly budget?: FrameBudget | undefined;
}

/** The SSE settings of a server's options, for one request. */
export function sseOptionsOf(
  options: {
    readonly heartbeatInterval?: number | undefined;
    readonly scheduler?: SchedulerLike | undefined;
    readonly highWaterMark?: number | undefined;
  },
  signal: AbortSignal,
  onError: (error: unknown) => void,
  budget: FrameBudget,
): SseOptions {
  return {
    heartbeatInterval: options.heartbeatInterval ?? 15_000,
    scheduler: options.scheduler,
    signal,
    onError,
    highWaterMark: options.highWaterMark,
    budget,
  };
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
 * the frames are subscribed when the body is first read, and at most `highWaterMark`
 * bytes of them wait for a slow client (past it the run is cancelled with a
 * `BufferOverflowError` frame). An error after the error frame closes the body normally
 * (the frame already told the client); a client that leaves (the signal aborts, or the
 * body is cancelled) unsubscribes the frames, which cancels the run behind them.
 */
export function sseResponse(frames$: Observable<Uint8Array>, options: SseOptions): Response {
  const body = boundedFrames(
    withHeartbeat(frames$, options.heartbeatInterval, options.scheduler),
    options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK,
    options.onError,
    options.signal,
    options.budget,
  );
  return new Response(body.stream, { status: 200, headers: SSE_HEADERS });
}
