import type { FallbacksOptions } from '../FallbacksOptions.js';
import type { RetryOptions } from '../RetryOptions.js';
import type { RunnableCore } from '../RunnableCore.js';
import type { RunnableLike } from '../RunnableLike.js';
import type { RunListeners } from '../RunListeners.js';
import type { RunnableConfig } from '../../core/RunnableConfig.js';

/**
 * The composition primitives the base class derives `pipe`, `withConfig`, `withRetry`
 * and `withFallbacks` from. Each is a subclass of `Runnable`, so `Runnable.ts` cannot
 * import them without a cycle: it reaches them through this late-bound table, which
 * `runnables/composition.ts` fills when `rxchain` is imported (see
 * docs/decisions/2026-11-21-composition-table.md).
 */
export interface Composition {
  sequence(first: RunnableCore, rest: readonly RunnableLike[]): RunnableCore;
  bind(runnable: RunnableCore, config: RunnableConfig): RunnableCore;
  coerce(value: RunnableLike): RunnableCore;
  retry(runnable: RunnableCore, options: RetryOptions): RunnableCore;
  fallbacks(runnable: RunnableCore, options: FallbacksOptions<unknown, unknown>): RunnableCore;
  pick(runnable: RunnableCore, keys: string | readonly string[]): RunnableCore;
  listeners(runnable: RunnableCore, listeners: RunListeners): RunnableCore;
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
