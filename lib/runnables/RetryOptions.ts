import type { SchedulerLike } from 'rxjs';

/**
 * An exponential backoff: attempt `n` failed, wait `min(maxDelayMs, initialDelayMs ×
 * factor^(n-1))`, or with `jitter` a random share of it ("full jitter", so many clients
 * retrying at once spread out).
 */
export interface BackoffOptions {
  /** The wait after the first failure, before jitter. @default 100 */
  initialDelayMs?: number | undefined;
  /** The longest wait, before jitter. @default 10_000 */
  maxDelayMs?: number | undefined;
  /** How much each wait grows. @default 2 */
  factor?: number | undefined;
  /**
   * Wait a random share of the delay: `true` (a cryptographic source), `false`, or a
   * source of numbers in [0, 1) (for tests). @default true
   */
  jitter?: boolean | (() => number) | undefined;
}

/**
 * Options of `withRetry`. An attempt that fails is retried when `retryIf` allows it,
 * up to `stopAfterAttempt` attempts in all, waiting on the RxJS scheduler between them:
 * what the error's `retryAfter` asks for (an `ApiCallError` of a 429), else an exponential
 * backoff with jitter (`backoff`), unless `delay` says otherwise. While streaming, an attempt that fails before its first chunk is retried
 * transparently; one that fails after chunks were passed on is not (unless
 * `afterFirstChunk: "restart"`), so no chunk is ever delivered twice.
 *
 * @typeParam I - the input type of the runnable retried.
 *
 * @example
 * ```ts
 * import { RunnableLambda, type RetryOptions } from 'rxchain';
 *
 * let calls = 0;
 * const flaky = RunnableLambda.from((x: number) => {
 *   calls++;
 *   if (calls < 3) throw new Error('try again');
 *   return x * 2;
 * });
 * const options: RetryOptions<number> = { stopAfterAttempt: 3, delay: (attempt) => 10 * 2 ** (attempt - 1) };
 * console.log(await flaky.withRetry(options).invoke(21), calls); // => 42, 3
 * ```
 */
export interface RetryOptions<I = unknown> {
  /** How many attempts in all, the first included (a positive integer). @default 3 */
  stopAfterAttempt?: number | undefined;
  /**
   * Whether to retry after `error` (attempt `attempt` failed, 1-based). @default
   * `isRetryableError`: the error's own `isRetryable` flag, never for an abort, else yes.
   */
  retryIf?: ((error: Error, attempt: number) => boolean) | undefined;
  /**
   * Milliseconds to wait before the next attempt after attempt `attempt` failed: a
   * number, or a function (`(attempt) => 100 * 2 ** (attempt - 1)`). Waited on
   * `scheduler`. When given, it replaces both the error's `retryAfter` and `backoff`.
   * @default the error's `retryAfter` (seconds, capped at a minute) when it has one, else `backoff`
   */
  delay?: number | ((attempt: number, error: Error) => number) | undefined;
  /**
   * The exponential backoff used when neither `delay` nor the error's `retryAfter` says
   * how long to wait. @default { initialDelayMs: 100, maxDelayMs: 10_000, factor: 2, jitter: true }
   */
  backoff?: BackoffOptions | undefined;
  /** The scheduler delays run on (virtual time inside `TestScheduler.run`). @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
  /**
   * Called after each failed attempt that will be retried, with the error, the input
   * (aggregated so far) and the attempt number. If it throws, retrying stops and the run
   * fails with what it threw.
   */
  onFailedAttempt?: ((error: Error, input: I, attempt: number) => void) | undefined;
  /**
   * What to do when an attempt fails after some of its chunks were passed on:
   * `"fail"` surfaces the error (every chunk delivered once); `"restart"` runs a new
   * attempt whose output starts over, after a `stream_restart` custom event on the retry
   * run (`data: { attempt, chunksDelivered, error }`) so listeners can discard what they
   * showed. `invoke` and `batch` on the retrying runnable itself see no chunks before the
   * end, so they retry at any point either way. @default "fail"
   */
  afterFirstChunk?: 'fail' | 'restart' | undefined;
}
