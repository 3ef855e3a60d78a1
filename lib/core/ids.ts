import { nanoid } from 'nanoid';

/**
 * The default run-id generator: a 21-character URL-safe nanoid.
 */
export const defaultIdGenerator: () => string = () => nanoid();

/**
 * Makes a deterministic id generator for tests: `run-1`, `run-2`, ...
 *
 * @param prefix - the text before the counter.
 * @returns a function that returns the next id on each call.
 *
 * @example
 * ```ts
 * import { sequentialIds } from 'rxchain';
 *
 * const next = sequentialIds('r');
 * console.log([next(), next()]); // => ['r1', 'r2']
 * ```
 */
export function sequentialIds(prefix = 'run-'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
