import { RxchainError } from './RxchainError.js';

/**
 * Raised by `parseEventStream` when the bytes are not a well-formed rxchain event stream:
 * a frame whose data is not JSON, an unknown event type, or a stream that ends without
 * its closing `event: end` frame (a cut connection).
 *
 * @example
 * ```ts
 * import { EventStreamError } from 'rxchain';
 *
 * const error = new EventStreamError('frame data is not JSON', 'data: {oops');
 * console.log(error.frame); // => 'data: {oops'
 * ```
 */
export class EventStreamError extends RxchainError {
  override name = 'EventStreamError';

  /** Retried: a cut or garbled stream may come through whole the next time. */
  readonly isRetryable: boolean = true;

  /**
   * @param problem - what is wrong with the stream.
   * @param frame - the offending frame's text, if there is one.
   */
  constructor(
    problem: string,
    readonly frame?: string,
  ) {
    super(
      `Malformed event stream: ${problem}. ` +
        'Expected frames "event: data\\ndata: <json>\\n\\n" closed by "event: end\\n\\n", as streamEvents(..., { encoding: "text/event-stream" }) writes them.',
    );
  }
}
