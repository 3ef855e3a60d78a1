import { RxchainError } from './RxchainError.js';

const SHOWN = 200;

/**
 * Raised when a parser cannot turn a model's output into the expected value. The whole
 * raw text is kept on `llmOutput`; the message shows at most its first 200 characters.
 *
 * @example
 * ```ts
 * import { OutputParserError } from 'rxchain';
 *
 * const error = new OutputParserError('Expected JSON', 'not json at all');
 * console.log(error.llmOutput); // => 'not json at all'
 * ```
 */
export class OutputParserError extends RxchainError {
  override name = 'OutputParserError';

  /** Retried: a model asked again may answer in the expected format. */
  readonly isRetryable: boolean = true;

  /**
   * @param problem - what was wrong with the output.
   * @param llmOutput - the raw text that failed to parse.
   * @param options - the underlying `cause`, if any.
   */
  constructor(
    problem: string,
    readonly llmOutput: string,
    options?: { cause?: unknown },
  ) {
    const shown =
      llmOutput.length > SHOWN ? `${llmOutput.slice(0, SHOWN)}… (${llmOutput.length} characters)` : llmOutput;
    super(`${problem}. Output was: ${JSON.stringify(shown)}`, options);
  }
}
