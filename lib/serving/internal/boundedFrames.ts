import type { Observable, Subscription } from 'rxjs';
import { sseFrame } from '../../codecs/sse/sseFrame.js';
import { toJson } from '../../codecs/toJson.js';
import { BufferOverflowError } from '../../errors/BufferOverflowError.js';
import { errorPayload } from '../../events/encodeEventStream.js';
import type { BudgetMember, FrameBudget } from './FrameBudget.js';

/** The default bound of the frames held for one connection: 1 MiB. */
export const DEFAULT_HIGH_WATER_MARK = 1_048_576;

/** The most bytes joined into one chunk handed to the socket. */
const MAX_CHUNK = 65_536;

/** Frames waiting for a slow client are joined into one block every this many, so that a full buffer holds a few large blocks rather than thousands of small arrays. */
const JOIN_EVERY = 64;

/** A pull-based byte stream over SSE frames, and the way to end it from outside. */
export interface BoundedFrames {
  /** The body: each read hands out the frames buffered so far (whole, joined up to 64 KiB). */
  readonly stream: ReadableStream<Uint8Array>;
  /** Unsubscribes the frames (the client left) and ends the stream. */
  close(): void;
}

/**
 * Holds the frames a subscription produces until the body is read, at most
 * `highWaterMark` bytes of them. The frames are subscribed on the first read. A client
 * that reads slower than the run produces (the socket's `drain` never comes) makes the
 * held bytes pass the bound: then the frames are unsubscribed (which cancels the run),
 * the frames not yet sent are dropped, and an `event: error` frame of a
 * {@link BufferOverflowError} is the last thing the body gives; `onError` is told. The
 * frames' own error ends the body normally (its error frame was already sent). An
 * aborted `signal` (the client left) ends it too. With a `budget`, the bytes held also
 * count towards the server's total, and this connection is cut off the same way when the
 * total passes its limit and it holds the most.
 */
export function boundedFrames(
  frames$: Observable<Uint8Array>,
  highWaterMark: number,
  onError: (error: unknown) => void,
  signal?: AbortSignal,
  budget?: FrameBudget,
): BoundedFrames {
  const queue: Uint8Array[] = [];
  /** How many frames at the end of the queue are not joined into a block yet. */
  let loose = 0;
  let held = 0;
  let ended = false;
  const member: BudgetMember = {
    get held() {
      return held;
    },
    overflow: (limit) =>
      overflow(new BufferOverflowError(limit, 'bytes', "The server's server-sent-events responses together")),
  };
  const counted = (bytes: number): void => {
    held += bytes;
    if (!ended) budget?.add(bytes);
  };
  let subscription: Subscription | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const end = (): void => {
    if (!ended) budget?.leave(member, held);
    ended = true;
    signal?.removeEventListener('abort', end);
    subscription?.unsubscribe();
    notify();
  };
  // The frames not yet sent are dropped for the error frame, which ends the body.
  const overflow = (error: BufferOverflowError): void => {
    if (ended) return;
    end();
    const frame = sseFrame('error', toJson(errorPayload(error)));
    queue.length = 0;
    queue.push(frame);
    held = frame.byteLength;
    onError(error);
  };
  const push = (frame: Uint8Array): void => {
    if (ended) return;
    queue.push(frame);
    if (held + frame.byteLength > highWaterMark) {
      overflow(new BufferOverflowError(highWaterMark, 'bytes', 'The server-sent-events response'));
      return;
    }
    counted(frame.byteLength);
    if (++loose >= JOIN_EVERY) {
      queue.push(joined(queue.splice(queue.length - loose, loose)));
      loose = 0;
    }
    notify();
  };
  const start = (): void => {
    subscription = frames$.subscribe({
      next: push,
      error: (error: unknown) => {
        onError(error);
        end();
      },
      complete: end,
    });
    // A source that ended (or overflowed) during subscribe.
    if (ended) subscription.unsubscribe();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (subscription === undefined && !ended) start();
        while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
        if (queue.length === 0) {
          controller.close();
          return;
        }
        controller.enqueue(take());
      },
      cancel: end,
    },
    { highWaterMark: 0 },
  );
  const take = (): Uint8Array => {
    const first = queue.shift() as Uint8Array;
    let size = first.byteLength;
    let count = 0;
    while (count < queue.length && size + (queue[count] as Uint8Array).byteLength <= MAX_CHUNK) {
      size += (queue[count] as Uint8Array).byteLength;
      count++;
    }
    counted(-size);
    loose = Math.min(loose, queue.length - count);
    return count === 0 ? first : joined([first, ...queue.splice(0, count)]);
  };
  budget?.join(member);
  if (signal?.aborted === true) end();
  else signal?.addEventListener('abort', end, { once: true });
  return { stream, close: end };
}

function joined(frames: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const frame of frames) size += frame.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.byteLength;
  }
  return out;
}
