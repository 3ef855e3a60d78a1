import { from, Observable } from 'rxjs';
import { isPromiseLike } from '../../core/internal/isPromiseLike.js';

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
    if (isPromiseLike(result)) return from(result).subscribe(subscriber);
    subscriber.next(result);
    subscriber.complete();
    return undefined;
  });
}
