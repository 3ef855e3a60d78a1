import { RxchainError } from './RxchainError.js';

/**
 * Raised where rxchain walks a value and it nests arrays and objects deeper than it
 * allows (1,000 levels): a request body a server receives (answered with a 400 before
 * any run starts), an output the server writes as JSON, or a value `RemoteRunnable` and
 * `parseEventStream` revive from what a server sent. The walk stops there, so a hostile
 * value gets this error instead of a stack overflow (`RangeError: Maximum call stack
 * size exceeded`). Flatten the value, or send it as a string.
 *
 * @example
 * ```ts
 * import { NestingDepthError } from 'rxchain';
 *
 * const error = new NestingDepthError(1000, 'the request body');
 * console.log(error.limit, error.where, error.isRetryable); // => 1000, 'the request body', false
 * ```
 */
export class NestingDepthError extends RxchainError {
  override name = 'NestingDepthError';
  /** The same value nests as deep the next time. */
  readonly isRetryable: boolean = false;

  /**
   * @param limit - the deepest nesting allowed.
   * @param where - what nested too deep ("the request body", "the output").
   */
  constructor(
    readonly limit: number,
    readonly where: string,
  ) {
    super(
      `${where.charAt(0).toUpperCase()}${where.slice(1)} nests arrays and objects deeper than ${limit} levels. ` +
        'Flatten it, or send the deep part as a string.',
    );
  }
}
