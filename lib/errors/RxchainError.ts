/**
 * The base class of every error rxchain raises, so that `instanceof RxchainError`
 * tells a library error from one thrown by user code.
 *
 * @example
 * ```ts
 * import { RxchainError, MissingPromptVariableError } from 'rxchain';
 *
 * const error = new MissingPromptVariableError('topic', []);
 * console.log(error instanceof RxchainError); // => true
 * ```
 */
export class RxchainError extends Error {
  override name = 'RxchainError';

  /**
   * @param message - what went wrong and how to fix it.
   * @param options - the underlying `cause`, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
