import { Observable } from 'rxjs';

/** Runs a function in some context (a run's), returning its result. */
export type ContextRunner = <R>(fn: () => R) => R;

const direct: ContextRunner = (fn) => fn();

/**
 * An async iterable as an Observable: pulls one value at a time; unsubscribing calls
 * the iterator's `return()`, so an async generator's `finally` blocks run.
 *
 * @param iterable - the source.
 * @param enter - runs each `next()` call inside a context (used to keep a run current
 *   inside async-generator lambdas).
 * @returns a cold Observable of the iterable's values.
 *
 * @example
 * ```ts
 * import { fromAsyncIterable } from 'rxchain';
 * import { lastValueFrom, toArray } from 'rxjs';
 *
 * async function* count() { yield 1; yield 2; }
 * console.log(await lastValueFrom(fromAsyncIterable(count()).pipe(toArray()))); // => [1, 2]
 * ```
 */
export function fromAsyncIterable<T>(iterable: AsyncIterable<T>, enter: ContextRunner = direct): Observable<T> {
  return new Observable<T>((subscriber) => {
    const iterator = iterable[Symbol.asyncIterator]();
    let active = true;
    // One pull function per subscription, not a closure per value.
    const pull = (): Promise<IteratorResult<T>> => iterator.next();
    void (async () => {
      try {
        for (;;) {
          const result = await (enter === direct ? iterator.next() : enter(pull));
          if (!active) return;
          if (result.done === true) {
            active = false;
            subscriber.complete();
            return;
          }
          subscriber.next(result.value);
          if (!active) return;
        }
      } catch (error) {
        if (active) {
          active = false;
          subscriber.error(error);
        }
      }
    })();
    return () => {
      if (!active) return;
      active = false;
      try {
        const closing = enter(() => iterator.return?.());
        if (closing !== undefined) closing.then(undefined, () => undefined);
      } catch {
        // A failing return() has nowhere to report once the subscriber is gone.
      }
    };
  });
}
