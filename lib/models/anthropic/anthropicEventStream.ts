import { Observable, Subscription } from 'rxjs';
import { fromByteStream } from '../../adapters/fromByteStream.js';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { BoundedSseParser } from '../internal/BoundedSseParser.js';
import { describe, errorMessageOf } from '../internal/httpErrors.js';

/** One event of a Messages API stream: a JSON object with a `type`. */
export type AnthropicEvent = Readonly<Record<string, unknown>> & { readonly type: string };

/** What the decoder needs to know about the response it reads. */
export interface AnthropicStreamSource {
  /** The request's URL, for errors. */
  readonly url: string;
  /** The response's HTTP status. */
  readonly status: number;
  /** Masks the API key in text that goes into errors. */
  readonly mask: (text: string) => string;
}

/** Error types of the Messages API after which a retry may help. */
const RETRYABLE_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);

/**
 * The events of a Messages API server-sent-events body, as JSON objects, completing after
 * `message_stop`. `ping` events are skipped. Bytes may be split anywhere.
 *
 * Fails with an `ApiCallError` on an `error` event (such as `overloaded_error`, marked
 * retryable) or a lost connection, with a `ProviderResponseError` for a data line that is
 * not a JSON object or a body that ends before `message_stop`, and with a
 * `ResponseLimitError` for a line over 1 MiB. Unsubscribing cancels the body.
 */
export function anthropicEvents$(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  source: AnthropicStreamSource,
): Observable<AnthropicEvent> {
  return new Observable<AnthropicEvent>((subscriber) => {
    const decoder = new TextDecoder();
    const parser = new BoundedSseParser(source.url);
    let finished = false;
    const handle = (frames: readonly SseFrame[]): void => {
      for (const frame of frames) {
        if (finished || subscriber.closed) return;
        if (frame.data.trim() === '') continue;
        const event = eventOf(source, frame);
        if (event.type === 'ping') continue;
        if (event.type === 'error' || frame.event === 'error') throw anthropicStreamError(source, frame.data, event);
        subscriber.next(event);
        if (event.type === 'message_stop') {
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
            handle(parser.push(`${decoder.decode()}\n\n`));
          } catch (error) {
            fail(error);
            return;
          }
          if (finished) return;
          fail(
            new ProviderResponseError(source.url, 'the stream ended before its message_stop event', undefined, {
              hint: 'The reply is cut short (the server closed the stream early); retry to get the whole reply.',
            }),
          );
        },
      }),
    );
    return subscription;
  });
}

function eventOf(source: AnthropicStreamSource, frame: SseFrame): AnthropicEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.data);
  } catch (error) {
    throw new ProviderResponseError(source.url, 'a data line is not JSON', source.mask(frame.raw), { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ProviderResponseError(source.url, 'a data line is not a JSON object', source.mask(frame.raw));
  }
  const record = parsed as Record<string, unknown>;
  // The event name of the frame stands in for a payload without a type.
  const type = typeof record['type'] === 'string' ? record['type'] : frame.event;
  return { ...record, type };
}

/** The `ApiCallError` of an `error` event: `{ type: 'error', error: { type, message } }`. */
export function anthropicStreamError(source: AnthropicStreamSource, raw: string, value: unknown): ApiCallError {
  const error = value !== null && typeof value === 'object' && 'error' in value ? value.error : value;
  const type =
    error !== null && typeof error === 'object' && typeof (error as { type?: unknown }).type === 'string'
      ? (error as { type: string }).type
      : undefined;
  const isRetryable = type !== undefined && RETRYABLE_TYPES.has(type);
  const message = errorMessageOf(value) ?? raw;
  return new ApiCallError({
    url: source.url,
    status: source.status,
    responseBody: source.mask(raw),
    isRetryable,
    problem: `the server reported ${type ?? 'an error'} in its stream: ${source.mask(message)}`,
    hint: isRetryable
      ? 'The server is overloaded or failed: retry later (the error is marked isRetryable). The chunks before the error were delivered.'
      : 'Check the request (model, messages, tools) against what the API supports.',
  });
}

function connectionLost(source: AnthropicStreamSource, error: unknown): ApiCallError {
  return new ApiCallError({
    url: source.url,
    status: source.status,
    isRetryable: true,
    problem: `the connection was lost in the middle of the stream (${source.mask(describe(error))})`,
    hint: 'The chunks received before the loss were delivered; retry to get the whole reply.',
    cause: error,
  });
}
