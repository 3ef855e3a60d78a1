import type { FallbacksOptions } from '../FallbacksOptions.js';
import type { RetryOptions } from '../RetryOptions.js';
import type { Runnable, RunnableLike } from '../Runnable.js';
import type { RunnableConfig } from '../RunnableConfig.js';

/**
 * The composition primitives the base class derives `pipe`, `withConfig`, `withRetry`
 * and `withFallbacks` from. They live in `lib/runnables/`, which depends on the core;
 * the core reaches them through this late-bound table to keep imports pointing one way
 * (see docs/decisions/2026-11-21-composition-table.md).
 */
export interface Composition {
  sequence(first: Runnable, rest: readonly RunnableLike[]): Runnable;
  bind(runnable: Runnable, config: RunnableConfig): Runnable;
  coerce(value: RunnableLike): Runnable;
  retry(runnable: Runnable, options: RetryOptions): Runnable;
  fallbacks(runnable: Runnable, options: FallbacksOptions<unknown, unknown>): Runnable;
}

let table: Composition | undefined;

/** Installs the composition primitives (called once by `lib/runnables/composition.ts`). */
export function provideComposition(composition: Composition): void {
  table = composition;
}

/** The installed composition primitives. */
export function composition(): Composition {
  if (table === undefined) {
    throw new Error('rxchain composition is not loaded: import runnables from "rxchain", not from internal paths.');
  }
  return table;
}
