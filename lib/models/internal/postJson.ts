import { ApiCallError } from '../../errors/ApiCallError.js';
import { ResponseLimitError } from '../../errors/ResponseLimitError.js';
import { abortReason } from '../../core/lifecycle.js';
import type { FetchLike } from '../FetchLike.js';
import { clip, describe, isRetryableStatus, providerMessage } from './httpErrors.js';
import { readErrorBody, retryAfterSeconds, shouldRetryHeader } from './httpResponse.js';

/** One JSON POST of a provider client. */
export interface JsonPost {
  /** The URL to call (credentials and all). */
  readonly url: string;
  /** The URL as errors show it. */
  readonly safeUrl: string;
  /** The request headers (content type included). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, sent as JSON. */
  readonly body: unknown;
  readonly signal: AbortSignal;
  /** The `fetch` to call; the global one when undefined. */
  readonly fetch: FetchLike | undefined;
  /** Masks secrets in text that goes into errors. */
  readonly mask: (text: string) => string;
  /** Now, in ms (the retry scheduler's clock), for an HTTP-date `retry-after`. */
  readonly now: number;
  /** What to tell the user about a failed status. */
  readonly hint: (status: number) => string;
  /** What to tell the user when no response arrived. */
  readonly unreachableHint: string;
}

/**
 * POSTs JSON. Resolves with a 2xx response; rejects with an `ApiCallError` for an error
 * status (retryable per `x-should-retry`, else by status; `retryAfter` from the headers)
 * or a network failure, or with the signal's reason when the signal aborted the request.
 */
export async function postJson(post: JsonPost): Promise<Response> {
  const { signal, mask, safeUrl } = post;
  const fetchFn = post.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(post.url, {
      method: 'POST',
      headers: { ...post.headers },
      body: JSON.stringify(post.body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    throw new ApiCallError({
      url: safeUrl,
      isRetryable: true,
      problem: `the request failed before a response arrived (${mask(describe(error))})`,
      hint: post.unreachableHint,
      cause: error,
    });
  }
  if (response.ok) return response;
  const status = response.status;
  const isRetryable = shouldRetryHeader(response.headers) ?? isRetryableStatus(status);
  let text = '';
  try {
    text = mask(await readErrorBody(response, safeUrl, isRetryable));
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    if (error instanceof ResponseLimitError) throw error;
  }
  const said = providerMessage(text) ?? (text.trim() === '' ? response.statusText : clip(text.trim()));
  throw new ApiCallError({
    url: safeUrl,
    status,
    responseBody: text,
    isRetryable,
    retryAfter: retryAfterSeconds(response.headers, post.now),
    problem: `HTTP ${status}${said !== '' ? `: ${said}` : ''}`,
    hint: post.hint(status),
  });
}
