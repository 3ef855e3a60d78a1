import { ThrownValueError } from './ThrownValueError.js';

/**
 * The `Error` to report for any thrown value: an `Error` as it is, anything else wrapped
 * in a {@link ThrownValueError} whose message is a bounded text of the value.
 *
 * @example
 * ```ts
 * import { toError } from 'rxchain';
 *
 * console.log(toError('boom').name, toError(new RangeError('r')).name); // => 'ThrownValueError', 'RangeError'
 * ```
 */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new ThrownValueError(value);
}
