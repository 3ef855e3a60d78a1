/**
 * Whether a value is a thenable (a Promise, or any object or function with a `then`
 * method), as `await` and `from()` treat it.
 *
 * @param value - what a user's function returned.
 * @returns whether to wait for it.
 */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
