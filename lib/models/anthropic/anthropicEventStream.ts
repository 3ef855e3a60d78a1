import type { Observable } from 'rxjs';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { errorMessageOf } from '../internal/httpErrors.js';
import { readSseBody$, type SseBodySource } from '../internal/sseBody.js';

/** One event of a Messages API stream: a JSON object with a `type`. */
export type AnthropicEvent = Readonly<Record<string, unknown>> & { readonly type: string };

/** What the decoder needs to know about the response it reads. */
export type AnthropicStreamSource = SseBodySource;

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
  return readSseBody$<AnthropicEvent>(body, source, {
    frame: (frame, emit) => {
      if (frame.data.trim() === '') return false;
      const event = eventOf(source, frame);
      if (event.type === 'ping') return false;
      if (event.type === 'error' || frame.event === 'error') throw anthropicStreamError(source, frame.data, event);
      emit(event);
      return event.type === 'message_stop';
    },
    endedEarly: () =>
      new ProviderResponseError(source.url, 'the stream ended before its message_stop event', undefined, {
        hint: 'The reply is cut short (the server closed the stream early); retry to get the whole reply.',
      }),
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
