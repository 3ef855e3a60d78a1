import { ApiCallError, type ApiCallErrorFields } from './ApiCallError.js';

/**
 * Raised by `RemoteRunnable` when a server refused a call or could not be reached: an
 * HTTP error status (a 422 for an input the server's schema rejects, a 404 for a wrong
 * URL...), or a network failure. It is an `ApiCallError` (URL, status, response body,
 * `isRetryable`: 408, 409, 429, 5xx and unreachable servers), plus zod's `issues` for a
 * 422. A run that fails on the server is a `RemoteRunError` instead.
 *
 * @example
 * ```ts
 * import { ApiCallError, RemoteCallError } from 'rxchain';
 *
 * const error = new RemoteCallError({
 *   url: 'http://127.0.0.1:8080/joke/invoke',
 *   status: 404,
 *   isRetryable: false,
 *   problem: 'HTTP 404: No route here',
 *   hint: 'Check the RemoteRunnable url.',
 * });
 * console.log(error instanceof ApiCallError, error.status); // => true, 404
 * console.log(error.message); // => 'POST http://127.0.0.1:8080/joke/invoke failed: HTTP 404: No route here. Check the RemoteRunnable url.'
 * ```
 */
export class RemoteCallError extends ApiCallError {
  override name = 'RemoteCallError';
  /** For a 422: the issues the server's validation found, with paths into the request body. */
  readonly issues: readonly unknown[] | undefined;

  /**
   * @param fields - what `ApiCallError` takes, and the issues of a 422.
   */
  constructor(fields: ApiCallErrorFields & { readonly issues?: readonly unknown[] | undefined }) {
    super(fields);
    this.issues = fields.issues;
  }
}
