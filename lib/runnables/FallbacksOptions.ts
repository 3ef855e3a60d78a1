import type { RunnableCore } from './RunnableCore.js';

/**
 * Options of `withFallbacks`: the runnables to try, in order, when the first one fails,
 * and where to hand them the error. A fallback is tried only when the runnable before it
 * failed before passing on any chunk; if all fail, the run fails with the first error.
 *
 * @typeParam I - the input type.
 * @typeParam O - the output type.
 *
 * @example
 * ```ts
 * import { RunnableLambda, type FallbacksOptions } from 'rxchain';
 *
 * const primary = RunnableLambda.from((_: { q: string }): string => {
 *   throw new Error('down');
 * });
 * const backup = RunnableLambda.from((input: { q: string; error?: unknown }) => `${input.q}: ${(input.error as Error).message}`);
 * const options: FallbacksOptions<{ q: string }, string> = { fallbacks: [backup], exceptionKey: 'error' };
 * console.log(await primary.withFallbacks(options).invoke({ q: 'status' })); // => 'status: down'
 * ```
 */
export interface FallbacksOptions<I, O> {
  /** The runnables to try, in order, after the first one fails. */
  fallbacks: readonly RunnableCore<I, O>[];
  /**
   * When set, each fallback receives the input (which must then be an object) with the
   * previous attempt's error added under this key.
   */
  exceptionKey?: string | undefined;
}
