import { RxchainError } from './RxchainError.js';

/**
 * Raised when runs started from user code nest deeper than `recursionLimit` (default
 * 25): a lambda that keeps returning runnables, or a lambda (tool, retriever) that keeps
 * calling runnables with the config it received. The run that would be one level too
 * deep never starts; its parent fails with this error.
 *
 * @example
 * ```ts
 * import { RunnableLambda, RecursionLimitError, type Runnable } from 'rxchain';
 *
 * const loop: Runnable<number, number> = RunnableLambda.from((n: number) => loop);
 * const error = await loop.invoke(1, { recursionLimit: 5 }).catch((e: unknown) => e);
 * console.log(error instanceof RecursionLimitError, (error as RecursionLimitError).limit); // => true, 5
 * ```
 */
export class RecursionLimitError extends RxchainError {
  override name = 'RecursionLimitError';

  /** Never retried: the same chain nests just as deep again. */
  readonly isRetryable: boolean = false;

  /**
   * @param runName - the run whose nested run would exceed the limit.
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
