import type { RunInfo } from './RunEvent.js';

const origins = new WeakMap<object, RunInfo>();

/**
 * Records the run an error first surfaced in. The error object itself is left as it
 * was thrown, so callers still receive the original error.
 */
export function markFailedRun(error: unknown, run: RunInfo): void {
  if (error !== null && typeof error === 'object' && !origins.has(error)) origins.set(error, run);
}

/**
 * The run an error first surfaced in (the innermost failing run), if rxchain saw it.
 *
 * @param error - an error a run rejected with.
 * @returns the failing run's name, id, type, tags and ancestry, or undefined.
 *
 * @example
 * ```ts
 * import { RunnableLambda, RunnableSequence, failedRunOf } from 'rxchain';
 *
 * const boom = RunnableLambda.from(function explode(): string {
 *   throw new Error('kaboom');
 * }, { name: 'explode' });
 * const chain = RunnableSequence.from([(x: string) => x, boom]);
 * const error = await chain.invoke('x').catch((e: unknown) => e);
 * console.log(failedRunOf(error)?.name); // => 'explode'
 * ```
 */
export function failedRunOf(error: unknown): RunInfo | undefined {
  return error !== null && typeof error === 'object' ? origins.get(error) : undefined;
}
