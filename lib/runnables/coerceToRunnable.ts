import { Runnable } from './Runnable.js';
import type { RunnableLike } from './RunnableLike.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { RunnableLambda } from './RunnableLambda.js';
import { mapOfSteps, RunnableMap } from './RunnableMap.js';

/**
 * Turns anything usable as a step into a runnable: runnables stay as they are,
 * functions become `RunnableLambda`s, and objects of steps become `RunnableMap`s.
 *
 * @param value - a runnable, function, or object of steps.
 * @returns the runnable.
 *
 * @example
 * ```ts
 * import { coerceToRunnable } from 'rxchain';
 *
 * const step = coerceToRunnable((x: number) => x + 1);
 * console.log(await step.invoke(1)); // => 2
 * ```
 */
export function coerceToRunnable(value: RunnableLike): Runnable {
  if (value instanceof Runnable) return value as Runnable;
  if (typeof value === 'function') return RunnableLambda.from(value as (input: unknown) => unknown);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return new RunnableMap(mapOfSteps(value as Readonly<Record<string, RunnableLike>>));
  }
  throw new InvalidArgumentError(
    'step',
    `Expected a runnable, a function, or an object of steps, got ${value === null ? 'null' : typeof value}.`,
  );
}
