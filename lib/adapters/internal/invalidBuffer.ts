import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

const OVERFLOWS: readonly string[] = ['error', 'drop-oldest', 'latest'];

/**
 * Why an iterator's buffer options cannot be used, if they cannot: a `highWaterMark` that
 * is not a positive integer (or Infinity), an unknown `overflow` policy.
 *
 * Internal to `lib/adapters`; not part of the public API.
 *
 * @param options - the options as given.
 * @returns the error, or undefined when they are valid.
 */
export function invalidBuffer(
  options: { readonly highWaterMark?: number | undefined; readonly overflow?: string | undefined } | undefined,
): InvalidArgumentError | undefined {
  const mark = options?.highWaterMark;
  if (mark !== undefined && mark !== Infinity && !(Number.isInteger(mark) && mark > 0)) {
    return new InvalidArgumentError(
      'highWaterMark',
      `highWaterMark must be a positive integer (or Infinity), got ${String(mark)}.`,
    );
  }
  const overflow = options?.overflow;
  if (overflow !== undefined && !OVERFLOWS.includes(overflow)) {
    return new InvalidArgumentError(
      'overflow',
      `overflow must be 'error', 'drop-oldest' or 'latest', got ${JSON.stringify(overflow)}.`,
    );
  }
  return undefined;
}
