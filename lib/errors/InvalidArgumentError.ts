import { RxchainError } from './RxchainError.js';

/**
 * Raised when an option or argument has a value rxchain cannot use, for example a
 * negative `timeout` or a `batch` config list whose length differs from the inputs'.
 *
 * @example
 * ```ts
 * import { RunnableLambda, InvalidArgumentError } from 'rxchain';
 *
 * const double = RunnableLambda.from((x: number) => x * 2);
 * const error = await double.invoke(1, { timeout: -5 }).catch((e: unknown) => e);
 * console.log(error instanceof InvalidArgumentError); // => true
 * console.log((error as InvalidArgumentError).argument); // => 'timeout'
 * ```
 */
export class InvalidArgumentError extends RxchainError {
  override name = 'InvalidArgumentError';

  /** Never retried: the same arguments fail the same way. */
  readonly isRetryable: boolean = false;

  /**
   * @param argument - the option or argument that is wrong.
   * @param message - what is wrong and how to fix it.
   */
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}
