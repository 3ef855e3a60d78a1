import { RxchainError } from './RxchainError.js';

/**
 * Raised when a consumer reads slower than a run produces and the buffer between them
 * passes its bound (an async iterator's `highWaterMark`, an HTTP response's per-connection
 * limit). The run is cancelled rather than let memory grow without bound. Read faster,
 * raise the bound, or choose a lossy overflow policy (`drop-oldest`, `latest`) where a
 * UI only needs recent values.
 *
 * @example
 * ```ts
 * import { BufferOverflowError } from 'rxchain';
 *
 * const error = new BufferOverflowError(1024, 'bytes', 'the response');
 * console.log(error.limit, error.unit); // => 1024, 'bytes'
 * ```
 */
export class BufferOverflowError extends RxchainError {
  override name = 'BufferOverflowError';
  /** Never by itself: the same slow consumer overflows again. */
  readonly isRetryable: boolean = false;
  /** The bound that was passed, in the unit of `unit`. */
  readonly limit: number;
  /** What `limit` counts. */
  readonly unit: 'bytes' | 'items';

  /**
   * @param limit - the bound that was passed.
   * @param unit - what it counts.
   * @param where - who holds the buffer (for the message), e.g. "the stream() iterator".
   */
  constructor(limit: number, unit: 'bytes' | 'items', where: string) {
    super(
      `${where} buffered more than ${limit} ${unit} that its consumer has not read, so the run was cancelled. ` +
        `Read faster, raise the bound (highWaterMark), or choose overflow: 'drop-oldest' or 'latest'.`,
    );
    this.limit = limit;
    this.unit = unit;
  }
}
