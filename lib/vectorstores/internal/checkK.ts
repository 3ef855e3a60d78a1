import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/** Throws an `InvalidArgumentError` for a `k` that is not a positive integer. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidArgumentError('k', `k is how many documents to return: a positive integer, got ${String(k)}.`);
  }
}
