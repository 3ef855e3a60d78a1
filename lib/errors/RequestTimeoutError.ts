import { RxchainError } from './RxchainError.js';

/**
 * Raised by a server when a client sends its request body too slowly: nothing for
 * `bodyIdleTimeout` milliseconds (before the first byte or between two), or not all of it
 * within `bodyTimeout`. The server answers 408 with this error's name and message and
 * closes the connection, before any run starts, so a client that trickles bytes
 * (slowloris) cannot hold a connection and its buffer for long. Send the whole body at
 * once, or raise the limit on the server.
 *
 * @example
 * ```ts
 * import { RequestTimeoutError } from 'rxchain';
 *
 * const error = new RequestTimeoutError('bodyIdleTimeout', 10_000);
 * console.log(error.limit, error.milliseconds, error.isRetryable); // => 'bodyIdleTimeout', 10000, true
 * ```
 */
export class RequestTimeoutError extends RxchainError {
  override name = 'RequestTimeoutError';
  /** A client on a better connection may get through. */
  readonly isRetryable: boolean = true;

  /**
   * @param limit - which bound tripped: the whole body's, or the one between bytes.
   * @param milliseconds - its value.
   */
  constructor(
    readonly limit: 'bodyTimeout' | 'bodyIdleTimeout',
    readonly milliseconds: number,
  ) {
    super(
      limit === 'bodyTimeout'
        ? `The request body did not arrive within ${milliseconds} ms (bodyTimeout). Send the whole body at once.`
        : `The request body stalled: nothing came for ${milliseconds} ms (bodyIdleTimeout). Send the whole body at once.`,
    );
  }
}
