import { RxchainError } from './RxchainError.js';

/** What an `ApiCallError` knows about the failed call. */
export interface ApiCallErrorFields {
  /** The request's URL, without credentials. */
  readonly url: string;
  /** The HTTP status, when a response arrived (200 for an error reported inside a stream). */
  readonly status?: number | undefined;
  /** The response body (or the stream's error object), as text, with the API key masked. */
  readonly responseBody?: string | undefined;
  /** Whether trying again later may succeed: 408, 409, 429, 5xx, lost connections, overload. */
  readonly isRetryable: boolean;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter?: number | undefined;
  /** What went wrong, in a sentence. */
  readonly problem: string;
  /** How to fix it, in a sentence. */
  readonly hint?: string | undefined;
  /** The underlying error (a network failure), if any. */
  readonly cause?: unknown;
  /** How many attempts were made, the first included (a model's built-in retries). @default 1 */
  readonly attempts?: number | undefined;
}

/**
 * Raised when a provider's HTTP API fails: an error status (401, 429, 500...), an
 * `error` object sent inside a stream, a network failure before the response, or a
 * connection lost in the middle of a stream. It carries the status, the URL (never the
 * API key), the response body and whether a retry may help (`isRetryable`: 408, 409,
 * 429, 5xx and lost connections).
 *
 * @example
 * ```ts
 * import { ApiCallError } from 'rxchain';
 *
 * const error = new ApiCallError({
 *   url: 'https://api.openai.com/v1/chat/completions',
 *   status: 429,
 *   responseBody: '{"error":{"message":"Rate limit reached"}}',
 *   isRetryable: true,
 *   problem: 'HTTP 429: Rate limit reached',
 * });
 * console.log(error.status, error.isRetryable); // => 429, true
 * console.log(error.message); // => 'POST https://api.openai.com/v1/chat/completions failed: HTTP 429: Rate limit reached.'
 * ```
 */
export class ApiCallError extends RxchainError {
  override name = 'ApiCallError';
  /** The request's URL, without credentials. */
  readonly url: string;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The response body (or the stream's error object), as text. */
  readonly responseBody: string | undefined;
  /** Whether trying again later may succeed. */
  readonly isRetryable: boolean;
  /** Seconds the server asked to wait before retrying, when it said. */
  readonly retryAfter: number | undefined;
  /** How many attempts were made before this error surfaced, the first included. */
  readonly attempts: number;
  /** What went wrong, in a sentence. */
  readonly problem: string;
  /** How to fix it, in a sentence. */
  readonly hint: string | undefined;

  /**
   * @param fields - the URL, status, body, retryability, and what went wrong.
   */
  constructor(fields: ApiCallErrorFields) {
    const problem = fields.problem.replace(/[\s.]+$/, '');
    const attempts = fields.attempts ?? 1;
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(`POST ${fields.url} failed${tries}: ${problem}.${fields.hint !== undefined ? ` ${fields.hint}` : ''}`, {
      cause: fields.cause,
    });
    this.attempts = attempts;
    this.problem = problem;
    this.hint = fields.hint;
    this.url = fields.url;
    this.status = fields.status;
    this.responseBody = fields.responseBody;
    this.isRetryable = fields.isRetryable;
    this.retryAfter = fields.retryAfter;
  }

  /**
   * This error as it surfaces after `attempts` attempts (the message names them).
   * @param attempts - the attempts made, the first included.
   * @returns a copy with `attempts` set.
   */
  afterAttempts(attempts: number): ApiCallError {
    return new ApiCallError({ ...this, problem: this.problem, hint: this.hint, cause: this.cause, attempts });
  }
}
