import { Observable } from 'rxjs';
import type { AccumulatorFactory } from './accumulators.js';

/**
 * The one fold from a run's chunks to its final value: adds every chunk of `chunks$` to
 * a fresh accumulator (one per subscription) and, when the stream completes, emits the aggregate once (`undefined`
 * when there was no chunk). `invoke`, `batch`, `RemoteRunnable` and the server's
 * `/invoke` and `/batch` all get their output here; the `end` event and the run log
 * read the same accumulator, fed by the lifecycle.
 *
 * @param chunks$ - the chunks of one run.
 * @param accumulator - makes the accumulator they add up in (a runnable's `outputAccumulator`).
 * @returns the final value, once.
 *
 * @example
 * ```ts
 * import { aggregate$, concatAccumulator } from 'rxchain';
 * import { lastValueFrom, of } from 'rxjs';
 *
 * console.log(await lastValueFrom(aggregate$(of('a', 'b', 'c'), concatAccumulator<string>))); // => 'abc'
 * ```
 */
export function aggregate$<T>(chunks$: Observable<T>, accumulator: AccumulatorFactory<T>): Observable<T | undefined> {
  return new Observable<T | undefined>((subscriber) => {
    const total = accumulator();
    return chunks$.subscribe({
      next: (chunk) => total.add(chunk),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        subscriber.next(total.value());
        subscriber.complete();
      },
    });
  });
}
