import { RxchainError } from './RxchainError.js';

/**
 * Raised when streamed JSON nests arrays and objects deeper than the parser's
 * `maxDepth` (default 1,000): a model (or text injected into its prompt) that opens
 * brackets without end. The parser stops at the bracket that would pass the limit,
 * so the cost stays bounded and the stack never overflows. Raise `maxDepth` on
 * `JsonOutputParser` (or `PartialJsonParser`) if your documents really nest deeper.
 *
 * @example
 * ```ts
 * import { JsonDepthError } from 'rxchain';
 *
 * const error = new JsonDepthError(1000, 1000);
 * console.log(error.limit, error.position, error.isRetryable); // => 1000, 1000, true
 * ```
 */
export class JsonDepthError extends RxchainError {
  override name = 'JsonDepthError';
  /** Asked again, a model may answer with a sane document. */
  readonly isRetryable: boolean = true;

  /**
   * @param limit - the maximum nesting depth in force.
   * @param position - the offset, in UTF-16 code units of the text so far, of the
   *   bracket that would have opened one level too many.
   */
  constructor(
    readonly limit: number,
    readonly position: number,
  ) {
    super(
      `JSON nests deeper than ${limit} levels at position ${position}: the parser stopped there. ` +
        'Raise the maxDepth option if documents this deep are expected.',
    );
  }
}
