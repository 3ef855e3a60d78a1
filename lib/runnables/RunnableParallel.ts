import { RunnableMap } from './RunnableMap.js';

/**
 * LangChain's name for `RunnableMap`: the same class, so `instanceof` holds either way.
 * Runs its branches on one shared input, concurrently; their chunks interleave as they come,
 * each as a `{ [key]: chunk }` piece.
 *
 * @example
 * ```ts
 * import { RunnableMap, RunnableParallel } from 'rxchain';
 *
 * const both = RunnableParallel.from({ upper: (x: string) => x.toUpperCase(), size: (x: string) => x.length });
 * console.log(await both.invoke('abc'), both instanceof RunnableMap); // => { upper: 'ABC', size: 3 }, true
 * ```
 */
export const RunnableParallel = RunnableMap;

/** The type of a `RunnableParallel` (a `RunnableMap`). */
export type RunnableParallel<I = unknown, O extends Record<string, unknown> = Record<string, unknown>> = RunnableMap<
  I,
  O
>;
