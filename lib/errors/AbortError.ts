import { RxchainError } from './RxchainError.js';

/**
 * Raised when a run is cancelled through an `AbortSignal` whose reason is not an `Error`
 * of the caller's: no reason (`controller.abort()`), a string, or one of the platform's
 * `DOMException`s (kept as `cause`). Its `name` is `"AbortError"`, like the platform's
 * `DOMException`, so code that checks `error.name === "AbortError"` treats both alike.
 *
 * @example
 * ```ts
 * import { AbortError } from 'rxchain';
 *
 * const error = new AbortError('stopped by the user');
 * console.log(error.name); // => 'AbortError'
 * ```
 */
export class AbortError extends RxchainError {
  override name = 'AbortError';

  /** Never retried: the caller asked the run to stop. */
  readonly isRetryable: boolean = false;

  /**
   * @param reason - why the run was cancelled.
   * @param options - the underlying `cause`, if any.
   */
  constructor(reason = 'The run was aborted.', options?: { cause?: unknown }) {
    super(reason, options);
  }
}
