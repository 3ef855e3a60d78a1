import { RxchainError } from './RxchainError.js';

/**
 * Raised when a run exceeds its `timeout` (milliseconds, measured on the RxJS scheduler).
 *
 * @example
 * ```ts
 * import { RunnableLambda, TimeoutError } from 'rxchain';
 * import { NEVER } from 'rxjs';
 *
 * const stuck = RunnableLambda.fromOperator(() => NEVER);
 * const error = await stuck.invoke('x', { timeout: 10 }).catch((e: unknown) => e);
 * console.log(error instanceof TimeoutError); // => true
 * console.log((error as TimeoutError).limit); // => 'timeout'
 * ```
 */
export class TimeoutError extends RxchainError {
  override name = 'TimeoutError';

  /** Retried: a slow or stalled attempt may go through the next time. */
  readonly isRetryable: boolean = true;

  /**
   * @param runName - the run that timed out.
   * @param milliseconds - the limit that was exceeded.
   * @param limit - which limit tripped.
   */
  constructor(
    readonly runName: string,
    readonly milliseconds: number,
    readonly limit: 'timeout' | 'firstChunkTimeout' | 'idleTimeout' = 'timeout',
  ) {
    super(
      `Run "${runName}" exceeded its ${limit} of ${milliseconds} ms. ` +
        `Raise the ${limit} option or make the step faster.`,
    );
  }
}
