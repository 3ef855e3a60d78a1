import { RxchainError } from './RxchainError.js';

/**
 * Raised when lambdas that return runnables nest deeper than `recursionLimit`.
 *
 * @example
 * ```ts
 * import { RunnableLambda, RecursionLimitError, type Runnable } from 'rxchain';
 *
 * const loop: Runnable<number, number> = RunnableLambda.from((n: number) => loop);
 * const error = await loop.invoke(1, { recursionLimit: 5 }).catch((e: unknown) => e);
 * console.log(error instanceof RecursionLimitError); // => true
 * ```
 */
export class RecursionLimitError extends RxchainError {
  override name = 'RecursionLimitError';

  /**
   * @param runName - the lambda whose returned runnable would exceed the limit.
   * @param limit - the limit in force.
   */
  constructor(
    readonly runName: string,
    readonly limit: number,
  ) {
    super(
      `Recursion limit of ${limit} reached in "${runName}": a lambda kept returning runnables. ` +
        'Check for a loop, or raise the recursionLimit option.',
    );
  }
}
