/**
 * Whether retrying after `error` may help: the error's own `isRetryable` flag when it has
 * one (every rxchain error does, and so do the HTTP errors of model providers), false for
 * an abort (`name` `"AbortError"`, which includes the platform's `DOMException`), true
 * for anything else (a network failure, an exception in user code). This is the default
 * `retryIf` of `withRetry`.
 *
 * @param error - what an attempt failed with.
 * @returns true if a new attempt may succeed.
 *
 * @example
 * ```ts
 * import { isRetryableError, TimeoutError, MissingPromptVariableError } from 'rxchain';
 *
 * console.log(isRetryableError(new TimeoutError('model', 100))); // => true
 * console.log(isRetryableError(new MissingPromptVariableError('topic', []))); // => false
 * console.log(isRetryableError(Object.assign(new Error('Bad request'), { isRetryable: false }))); // => false
 * console.log(isRetryableError(new Error('socket hang up'))); // => true
 * ```
 */
export function isRetryableError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return true;
  const flag = (error as { isRetryable?: unknown }).isRetryable;
  if (typeof flag === 'boolean') return flag;
  return (error as { name?: unknown }).name !== 'AbortError';
}
