import { RxchainError } from './RxchainError.js';

/**
 * Thrown by a server's `authorize(request)` function to refuse a request: with status
 * 401 (no or unknown credentials: the client should authenticate) or 403 (known, but not
 * allowed to run this). The server answers with that status and `{ "error": { "name":
 * "Unauthorized" | "Forbidden", "message" } }` before reading the body, so no run starts.
 * Write the message for the client: it is sent as it is.
 *
 * @example
 * ```ts
 * import { AccessDeniedError } from 'rxchain';
 *
 * const error = new AccessDeniedError(403, 'This token may read, not run.');
 * console.log(error.status, error.isRetryable); // => 403, false
 * ```
 */
export class AccessDeniedError extends RxchainError {
  override name = 'AccessDeniedError';
  /** The same credentials get the same answer. */
  readonly isRetryable: boolean = false;

  /**
   * @param status - 401 (authenticate first) or 403 (not allowed).
   * @param message - what the client is told. @default 'The request has no valid credentials.' (401) or 'These credentials may not make this request.' (403)
   */
  constructor(
    readonly status: 401 | 403,
    message?: string,
  ) {
    super(
      message ??
        (status === 401 ? 'The request has no valid credentials.' : 'These credentials may not make this request.'),
    );
  }
}
