import { Observable, type Subscriber, Subscription } from 'rxjs';
import { fromByteStream } from '../../adapters/fromByteStream.js';
import { EventStreamError } from '../../errors/EventStreamError.js';
import { RemoteRunError } from '../../errors/RemoteRunError.js';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { BoundedSseParser, MAX_SSE_LINE_CHARS } from '../../models/internal/BoundedSseParser.js';
import { describeValue } from '../../errors/internal/describeValue.js';

/** Where an event stream comes from (for errors), and the longest line it may have. */
export interface LineBound {
  /** The URL the stream was fetched from. @default 'the event stream' */
  readonly url?: string | undefined;
  /** The longest line, in characters. @default 1048576 */
  readonly maxLineChars?: number | undefined;
}

/** What a frame handler did: `'more'` to read on, `'ended'` once it completed or failed the output. */
export type FrameOutcome = 'more' | 'ended';

/**
 * Reads rxchain's SSE framing from a body: decodes UTF-8 across reads, cuts frames, and
 * hands each to `onFrame` until it reports `'ended'` (then stops reading). A handler may
 * throw to fail the output; a body that ends before that fails it with an
 * `EventStreamError`; a line longer than `bound.maxLineChars` with a `ResponseLimitError`.
 * Unsubscribing cancels the body.
 *
 * @param body - the response body.
 * @param onFrame - emits, completes or fails `output` for one frame.
 * @param bound - where the bytes come from (for errors) and the longest line. @default 1 MiB
 * @returns the handler's output.
 */
export function readFrames$<T>(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  onFrame: (frame: SseFrame, output: Subscriber<T>) => FrameOutcome,
  bound: LineBound = {},
): Observable<T> {
  return new Observable<T>((output) => {
    const decoder = new TextDecoder();
    const parser = new BoundedSseParser(bound.url ?? 'the event stream', bound.maxLineChars ?? MAX_SSE_LINE_CHARS);
    let ended = false;
    const handle = (text: string): void => {
      for (const frame of parser.push(text)) {
        if (onFrame(frame, output) === 'ended') {
          ended = true;
          return;
        }
      }
    };
    const guarded = (text: string): void => {
      try {
        handle(text);
      } catch (error) {
        ended = true;
        output.error(error);
      }
    };
    // A callback may end the reading while subscribe() is still running: the holder is then
    // closed, and adding the body's subscription to it unsubscribes that at once.
    const subscription = new Subscription();
    subscription.add(
      fromByteStream(body).subscribe({
        next: (chunk) => {
          guarded(decoder.decode(chunk, { stream: true }));
          if (ended) subscription.unsubscribe();
        },
        error: (error: unknown) => output.error(error),
        complete: () => {
          if (ended) return;
          guarded(`${decoder.decode()}\n\n`);
          if (!ended) output.error(new EventStreamError('the stream ended before its "event: end" frame'));
        },
      }),
    );
    return subscription;
  });
}

/**
 * The `RemoteRunError` an `event: error` frame carries (`{ name, message, run_name? }`).
 * @throws EventStreamError when the frame's data is not such an object.
 */
export function remoteRunErrorOf(frame: SseFrame): RemoteRunError {
  let payload: unknown;
  try {
    payload = JSON.parse(frame.data);
  } catch {
    throw new EventStreamError('error frame data is not JSON', frame.raw);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new EventStreamError('error frame data is not a { name, message } object', frame.raw);
  }
  const { name, message, run_name: runName } = payload as { name?: unknown; message?: unknown; run_name?: unknown };
  return new RemoteRunError(
    typeof name === 'string' ? name : 'Error',
    typeof message === 'string' ? message : describeValue(message ?? ''),
    typeof runName === 'string' ? runName : undefined,
  );
}
