import type { Observable } from 'rxjs';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { errorMessageOf, isRetryableStatus } from '../internal/httpErrors.js';
import { readSseBody$, type SseBodySource } from '../internal/sseBody.js';

/** One `data:` payload of an OpenAI-compatible stream: a JSON object. */
export type StreamPayload = Readonly<Record<string, unknown>>;

/** What the stream decoder needs to know about the response it reads. */
export interface StreamSource extends SseBodySource {
  /**
   * Whether a body that ends without `data: [DONE]` is complete anyway (some servers
   * omit the marker after the last `finish_reason`). Asked once, when the body ends.
   */
  readonly mayEndWithoutDone: () => boolean;
}

/**
 * The `data:` payloads of an OpenAI-compatible server-sent-events body, as JSON objects,
 * completing at `data: [DONE]`. Bytes may be split anywhere (inside a line, inside a UTF-8
 * character); lines may end in LF, CRLF or CR; comments and keep-alives are skipped.
 *
 * Fails with a `ProviderResponseError` naming the line when a `data:` line is not a JSON
 * object, with an `ApiCallError` when the stream carries an `error` object (or an
 * `event: error` frame), when the connection is lost, or, as a `ProviderResponseError`,
 * when the body ends before `[DONE]`, with a `ResponseLimitError` for a line over 1 MiB.
 * Unsubscribing cancels the body.
 */
export function openAIStreamPayloads$(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  source: StreamSource,
): Observable<StreamPayload> {
  return readSseBody$<StreamPayload>(body, source, {
    frame: (frame, emit) => {
      if (frame.event === 'error') throw streamError(source, frame.data, parseLoosely(frame.data));
      if (frame.event !== 'message') return false;
      const data = frame.data.trim();
      if (data === '') return false;
      if (data === '[DONE]') return true;
      emit(payloadOf(source, frame, data));
      return false;
    },
    endedEarly: () =>
      source.mayEndWithoutDone()
        ? undefined
        : new ProviderResponseError(source.url, 'the stream ended before its "data: [DONE]" line', undefined, {
            hint: 'The reply is cut short (the server closed the stream early); retry to get the whole reply.',
          }),
  });
}

function payloadOf(source: StreamSource, frame: SseFrame, data: string): StreamPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw new ProviderResponseError(source.url, 'a data line is not JSON', source.mask(frame.raw), { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ProviderResponseError(source.url, 'a data line is not a JSON object', source.mask(frame.raw));
  }
  const payload = parsed as StreamPayload;
  if (payload['error'] !== undefined && payload['error'] !== null) throw streamError(source, data, payload);
  return payload;
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The `ApiCallError` of an error a server reported inside a stream (or a completion body). */
export function streamError(
  source: Pick<StreamSource, 'url' | 'status' | 'mask'>,
  raw: string,
  value: unknown,
): ApiCallError {
  const message = errorMessageOf(value) ?? raw;
  return new ApiCallError({
    url: source.url,
    status: source.status,
    responseBody: source.mask(raw),
    isRetryable: isRetryableError(value),
    problem: `the server reported an error in its response: ${source.mask(message)}`,
    hint: isRetryableError(value)
      ? 'The server is overloaded or failed: retry later (the error is marked isRetryable).'
      : 'Check the request (model, messages, tools) against what the server supports.',
  });
}

/** Whether an error object says "try again": a 408/409/429/5xx code, or an overload/server/rate-limit type. */
function isRetryableError(value: unknown): boolean {
  const error = value !== null && typeof value === 'object' && 'error' in value ? value.error : value;
  if (error === null || typeof error !== 'object') return false;
  const { code, type, status } = error as { code?: unknown; type?: unknown; status?: unknown };
  for (const candidate of [code, status]) {
    const number = typeof candidate === 'number' ? candidate : typeof candidate === 'string' ? Number(candidate) : NaN;
    if (Number.isInteger(number) && number >= 100) return isRetryableStatus(number);
  }
  return [code, type].some(
    (field) =>
      typeof field === 'string' && /server_error|rate_limit|overload|timeout|unavailable|capacity/i.test(field),
  );
}
