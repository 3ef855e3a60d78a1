import {
  animationFrameScheduler,
  asyncScheduler,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { concatAccumulator, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/** Options of `coalesce`. */
export interface CoalesceOptions<T> {
  /**
   * How the chunks of one window add up: `concat` by default (text joins, message chunks
   * concatenate); `lastChunkAccumulator` for cumulative chunks such as partial JSON.
   * @default concatAccumulator
   */
  accumulator?: AccumulatorFactory<T> | undefined;
  /**
   * The scheduler windows are timed on. @default asyncScheduler for a number of
   * milliseconds, animationFrameScheduler for `"frame"`
   */
  scheduler?: SchedulerLike | undefined;
}

/**
 * Joins the chunks of a fast stream into one chunk per window, for a UI that should not
 * re-render on every token: the first chunk opens a window of `window` milliseconds (or
 * until the next animation frame, for `"frame"`); every chunk that arrives in it is added
 * up (`concat` by default); the sum is emitted when the window closes. Nothing is lost or
 * reordered: when the source completes or fails, the open window is emitted first. A
 * window with no chunk emits nothing, and no timer outlives the subscription.
 *
 * @param window - milliseconds per window, or `"frame"` for one per animation frame.
 * @param options - how chunks add up, and the scheduler.
 * @returns the operator.
 *
 * @example
 * ```ts
 * import { coalesce } from 'rxchain';
 * import { TestScheduler } from 'rxjs/testing';
 *
 * const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
 * scheduler.run(({ cold, expectObservable }) => {
 *   const tokens = cold('ab-c------d|', { a: 'He', b: 'll', c: 'o', d: '!' });
 *   expectObservable(tokens.pipe(coalesce(5))).toBe('-----x-----(y|)', { x: 'Hello', y: '!' });
 * });
 * ```
 */
export function coalesce<T>(window: number | 'frame', options: CoalesceOptions<T> = {}): OperatorFunction<T, T> {
  if (window !== 'frame' && !(typeof window === 'number' && window >= 0 && Number.isFinite(window))) {
    throw new InvalidArgumentError(
      'window',
      `coalesce() takes a number of milliseconds (0 or more) or "frame", got ${JSON.stringify(window)}.`,
    );
  }
  const accumulate = options.accumulator ?? concatAccumulator<T>;
  const scheduler = options.scheduler ?? (window === 'frame' ? animationFrameScheduler : asyncScheduler);
  const delay = window === 'frame' ? 0 : window;
  return (source$) =>
    new Observable<T>((subscriber) => {
      let open: OutputAccumulator<T> | undefined;
      let timer: Subscription | undefined;
      const flush = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        const total = open;
        open = undefined;
        const value = total?.value();
        if (value !== undefined) subscriber.next(value);
      };
      const subscription = source$.subscribe({
        next: (chunk) => {
          try {
            if (open === undefined) {
              open = accumulate();
              timer = scheduler.schedule(flush, delay);
            }
            open.add(chunk);
          } catch (error) {
            // The accumulator is user code: its error goes down the error channel.
            timer?.unsubscribe();
            subscriber.error(error);
          }
        },
        error: (error: unknown) => {
          flush();
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
