import type { Observable, Subscription } from 'rxjs';
import { sseFrame } from '../../codecs/sse/sseFrame.js';
import { toJson } from '../../codecs/toJson.js';
import { BufferOverflowError } from '../../errors/BufferOverflowError.js';
import { errorPayload } from '../../events/encodeEventStream.js';

/** The default bound of the frames held for one connection: 1 MiB. */
export const DEFAULT_HIGH_WATER_MARK = 1_048_576;

/** The most bytes joined into one chunk handed to the socket. */
const MAX_CHUNK = 65_536;

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
 * aborted `signal` (the client left) ends it too.
 */
export function boundedFrames(
  frames$: Observable<Uint8Array>,
  highWaterMark: number,
  onError: (error: unknown) => void,
  signal?: AbortSignal,
): BoundedFrames {
  const queue: Uint8Array[] = [];
  let held = 0;
  let ended = false;
  let subscription: Subscription | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const end = (): void => {
    ended = true;
    signal?.removeEventListener('abort', end);
    subscription?.unsubscribe();
    notify();
  };
  const push = (frame: Uint8Array): void => {
    if (ended) return;
    queue.push(frame);
    held += frame.byteLength;
    if (held > highWaterMark) {
      const overflow = new BufferOverflowError(highWaterMark, 'bytes', 'The server-sent-events response');
      const frame = sseFrame('error', toJson(errorPayload(overflow)));
      queue.length = 0;
      queue.push(frame);
      held = frame.byteLength;
      end();
      onError(overflow);
      return;
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
    held -= size;
    if (count === 0) return first;
    const joined = new Uint8Array(size);
    joined.set(first, 0);
    let at = first.byteLength;
    for (const frame of queue.splice(0, count)) {
      joined.set(frame, at);
      at += frame.byteLength;
    }
    return joined;
  };
  if (signal?.aborted === true) end();
  else signal?.addEventListener('abort', end, { once: true });
  return { stream, close: end };
}
