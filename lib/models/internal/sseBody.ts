import { Observable, Subscription } from 'rxjs';
import { fromByteStream } from '../../adapters/fromByteStream.js';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { BoundedSseParser } from './BoundedSseParser.js';
import { describe } from './httpErrors.js';

/** What a provider's stream reader knows of the response it reads. */
export interface SseBodySource {
  /** The request's URL, for errors (no credentials). */
  readonly url: string;
  /** The response's HTTP status. */
  readonly status: number;
  /** Masks the API key in text that goes into errors. */
  readonly mask: (text: string) => string;
}

/** How one provider's protocol reads its frames. */
export interface SseProtocol<T> {
  /**
   * Reads one frame: emits its values with `emit`, and returns `true` for the frame that
   * ends the stream (its end marker). Throws a named error for a frame that reports one.
   */
  frame(frame: SseFrame, emit: (value: T) => void): boolean;
  /** The body ended before the end marker: the error to fail with, or undefined to complete. */
  endedEarly(): Error | undefined;
}

/**
 * A provider's server-sent-events body read with the bounded SSE parser (a line over
 * 1 MiB fails with a `ResponseLimitError`): bytes may be split anywhere, each frame goes
 * to `protocol.frame`, reading stops at the end marker (the body is cancelled), and a lost
 * connection fails with a retryable `ApiCallError` after every value before it.
 * Unsubscribing cancels the body.
 */
export function readSseBody$<T>(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  source: SseBodySource,
  protocol: SseProtocol<T>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const decoder = new TextDecoder();
    const parser = new BoundedSseParser(source.url);
    const emit = (value: T): void => subscriber.next(value);
    let finished = false;
    const handle = (frames: readonly SseFrame[]): void => {
      for (const frame of frames) {
        if (finished || subscriber.closed) return;
        if (protocol.frame(frame, emit)) {
          finished = true;
          subscriber.complete();
          return;
        }
      }
    };
    const fail = (error: unknown): void => {
      finished = true;
      subscriber.error(error);
    };
    // A callback may end the reading while subscribe() is still running: the holder is then
    // closed, and adding the body's subscription to it unsubscribes that at once.
    const subscription = new Subscription();
    subscription.add(
      fromByteStream(body).subscribe({
        next: (bytes) => {
          try {
            handle(parser.push(decoder.decode(bytes, { stream: true })));
          } catch (error) {
            fail(error);
          }
          if (finished) subscription.unsubscribe();
        },
        error: (error: unknown) => {
          if (!finished) fail(connectionLost(source, error));
        },
        complete: () => {
          if (finished) return;
          try {
            // Flush a character or frame the body ended inside of.
            handle(parser.push(`${decoder.decode()}\n\n`));
          } catch (error) {
            fail(error);
            return;
          }
          if (finished) return;
          const early = protocol.endedEarly();
          finished = true;
          if (early !== undefined) subscriber.error(early);
          else subscriber.complete();
        },
      }),
    );
    return subscription;
  });
}

function connectionLost(source: SseBodySource, error: unknown): ApiCallError {
  return new ApiCallError({
    url: source.url,
    status: source.status,
    isRetryable: true,
    problem: `the connection was lost in the middle of the stream (${source.mask(describe(error))})`,
    hint: 'The chunks received before the loss were delivered; retry to get the whole reply.',
    cause: error,
  });
}
