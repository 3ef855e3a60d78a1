import { RxchainError } from './RxchainError.js';

/**
 * Raised by `RemoteRunnable` when the server refused a call or could not be reached:
 * an HTTP error status (a 422 for an input the server's schema rejects, a 404 for a
 * wrong URL...), or a network failure. It carries the URL, the status, the response body
 * and, for a 422, zod's issues. A run that fails on the server is a `RemoteRunError`
 * instead.
 *
 * @example
 * ```ts
 * import { RemoteCallError } from 'rxchain';
 *
 * const error = new RemoteCallError({
 *   url: 'http://127.0.0.1:8080/joke/invoke',
 *   status: 404,
 *   problem: 'HTTP 404: No route here',
 *   hint: 'Check the RemoteRunnable url: it is the base path, without /invoke.',
 * });
 * console.log(error.status, error.message); // => 404, 'POST http://127.0.0.1:8080/joke/invoke failed: HTTP 404: No route here. Check the RemoteRunnable url: it is the base path, without /invoke.'
 * ```
 */
export class RemoteCallError extends RxchainError {
  override name = 'RemoteCallError';
  /** The URL that was called. */
  readonly url: string;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The response body, as text, when there was one. */
  readonly responseBody: string | undefined;
  /** For a 422: the issues the server's validation found, with paths into the request body. */
  readonly issues: readonly unknown[] | undefined;

  /**
   * @param fields - the URL, status, body and issues, what went wrong and how to fix it.
   */
  constructor(fields: {
    readonly url: string;
    readonly status?: number | undefined;
    readonly responseBody?: string | undefined;
    readonly issues?: readonly unknown[] | undefined;
    readonly problem: string;
    readonly hint?: string | undefined;
    readonly cause?: unknown;
  }) {
    super(`POST ${fields.url} failed: ${fields.problem}.${fields.hint !== undefined ? ` ${fields.hint}` : ''}`, {
      cause: fields.cause,
    });
    this.url = fields.url;
    this.status = fields.status;
    this.responseBody = fields.responseBody;
    this.issues = fields.issues;
  }
}
