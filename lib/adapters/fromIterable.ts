import { Observable } from 'rxjs';
import { activeDemand } from './internal/demand.js';

/**
 * A synchronous iterable (an array, a generator) as a cold Observable that produces only
 * as fast as it is read: subscribed by `stream()` or `streamEvents()` (directly, or
 * through the synchronous steps of a chain), it pauses as soon as the consumer holds
 * unread values and resumes when the consumer pulls, so the first chunk reaches a
 * `for await` loop before the rest is produced and nothing piles up in memory.
 * Subscribed by anything else it emits everything at once, like RxJS `from`.
 * Unsubscribing calls the iterator's `return()` (a generator's `finally` runs); an
 * error thrown by the iterator goes to the error channel.
 *
 * Use it where a model or step has its whole reply at hand (a cache, a local model).
 *
 * @param iterable - the values.
 * @returns a cold Observable of them.
 *
 * @example
 * ```ts
 * import { fromIterable, RunnableLambda } from 'rxchain';
 *
 * const produced: number[] = [];
 * function* numbers() {
 *   for (let i = 0; i < 1000; i++) {
 *     produced.push(i);
 *     yield i;
 *   }
 * }
 * const chain = RunnableLambda.fromOperator(() => fromIterable(numbers()));
 * for await (const n of await chain.stream(null)) {
 *   if (n === 2) break;
 * }
 * console.log(produced.length < 1000); // => true
 * ```
 */
export function fromIterable<T>(iterable: Iterable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const demand = activeDemand();
    let iterator: Iterator<T> | undefined;
    let waiting = false;
    let producing = false;
    const produce = (): void => {
      waiting = false;
      if (producing) return;
      producing = true;
      try {
        iterator ??= iterable[Symbol.iterator]();
        while (!subscriber.closed) {
          const result = iterator.next();
          if (result.done === true) {
            iterator = undefined;
            subscriber.complete();
            return;
          }
          subscriber.next(result.value);
          if (demand !== undefined && demand.satisfied && !subscriber.closed) {
            waiting = true;
            demand.whenWanted(produce);
            return;
          }
        }
      } catch (error) {
        iterator = undefined;
        subscriber.error(error);
      } finally {
        producing = false;
      }
    };
    produce();
    return () => {
      if (waiting) demand?.cancel(produce);
      waiting = false;
      const open = iterator;
      iterator = undefined;
      if (open === undefined) return;
      try {
        open.return?.();
      } catch {
        // A failing return() has nowhere to report once the subscriber is gone.
      }
    };
  });
}
