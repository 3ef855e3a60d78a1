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
  if (isPlainObject(value)) {
    return new RunnableMap(mapOfSteps(value as Readonly<Record<string, RunnableLike>>));
  }
  throw new InvalidArgumentError('step', notAStepMessage(value));
}

const WRAP_HINT = 'Wrap it in a function: RunnableLambda.from((input) => other.invoke(input)).';

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function notAStepMessage(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const what = typeof kind === 'string' && kind !== '' ? `a ${kind}` : 'an object';
    const invoke = (value as { invoke?: unknown }).invoke;
    if (typeof invoke === 'function') {
      return (
        `Expected an rxchain runnable, got ${what} that is not an rxchain runnable ` +
        `(a runnable from another library, such as LangChain.js, or from another copy of rxchain). ${WRAP_HINT}`
      );
    }
    return `Expected a runnable, a function, or a plain object of steps, got ${what}. ${WRAP_HINT}`;
  }
  const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return `Expected a runnable, a function, or an object of steps, got ${what}.`;
}
