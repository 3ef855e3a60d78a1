import { from, Observable } from 'rxjs';

/**
 * The result of a user hook that may return a value or a Promise, as an Observable of one
 * value: synchronous for a plain value (so marble tests see it in the same frame), after
 * the Promise settles otherwise. A throw or a rejection is the Observable's error.
 *
 * @param call - the hook call.
 * @returns an Observable of its result.
 */
export function resolved<T>(call: () => T | PromiseLike<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let result: T | PromiseLike<T>;
    try {
      result = call();
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    if (isThenable(result)) return from(result).subscribe(subscriber);
    subscriber.next(result);
    subscriber.complete();
    return undefined;
  });
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
