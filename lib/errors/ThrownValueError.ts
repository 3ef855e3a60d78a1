import { RxchainError } from './RxchainError.js';
import { describeValue } from './internal/describeValue.js';

/**
 * Stands for a value that user code threw but that is not an `Error`: a string, a plain
 * object, a number. rxchain never carries such a value on an event or over the wire as
 * it is (it may hold secrets, and `JSON.stringify` of it is unbounded); the run fails
 * with this error instead, whose message is a short, bounded text of the value. The
 * value itself stays in the process, on `thrown`. Throw an `Error` (or a subclass) to
 * choose the name and message yourself.
 *
 * @example
 * ```ts
 * import { ThrownValueError, toError } from 'rxchain';
 *
 * const error = toError({ code: 42 });
 * console.log(error instanceof ThrownValueError, error.message); // => true, 'A value that is not an Error was thrown: {"code":42}'
 * ```
 */
export class ThrownValueError extends RxchainError {
  override name = 'ThrownValueError';
  /** The same value thrown again gives the same error; a retry may still help, as for any user error. */
  readonly isRetryable: boolean = true;
  /** The value as it was thrown (kept in the process, never serialized). */
  readonly thrown: unknown;

  /** @param thrown - the value that was thrown. */
  constructor(thrown: unknown) {
    super(`A value that is not an Error was thrown: ${describeValue(thrown)}`);
    this.thrown = thrown;
  }

  /** What `JSON.stringify` shows: the name and the bounded message, never the value. */
  toJSON(): { name: string; message: string } {
    return { name: this.name, message: this.message };
  }
}
