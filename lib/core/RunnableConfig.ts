/**
 * Options for one run of a runnable, following LangChain.js's `RunnableConfig`.
 *
 * `tags`, `metadata`, `configurable`, `signal` and `recursionLimit` are inherited by every
 * nested run; `runName` and `runId` apply to the run they are given to only.
 *
 * @example
 * ```ts
 * import { RunnableLambda, type RunnableConfig } from 'rxchain';
 *
 * const config: RunnableConfig = { runName: 'shout', tags: ['demo'], timeout: 1000 };
 * const shout = RunnableLambda.from((text: string) => text.toUpperCase());
 * console.log(await shout.invoke('hi', config)); // => 'HI'
 * ```
 */
export interface RunnableConfig {
  /** The name this run reports in events (this run only). */
  runName?: string | undefined;
  /** Tags for this run and every run nested in it. */
  tags?: string[] | undefined;
  /** Metadata for this run and every run nested in it (merged key by key). */
  metadata?: Record<string, unknown> | undefined;
  /** Cancels the run when aborted; it then fails with the signal's reason (or an `AbortError`). */
  signal?: AbortSignal | undefined;
  /** Fails the run with a `TimeoutError` after this many milliseconds (on the RxJS scheduler). */
  timeout?: number | undefined;
  /**
   * Fails the run with a `TimeoutError` (`limit: "firstChunkTimeout"`) when its first
   * output chunk comes more than this many milliseconds after the run started (had its
   * input). This run only; on the RxJS scheduler.
   */
  firstChunkTimeout?: number | undefined;
  /**
   * Fails the run with a `TimeoutError` (`limit: "idleTimeout"`) when more than this many
   * milliseconds pass between two output chunks, or between the last chunk and the end.
   * This run only; on the RxJS scheduler.
   */
  idleTimeout?: number | undefined;
  /** The largest number of runs `batch` (and parallel branches) run at once. @default Infinity */
  maxConcurrency?: number | undefined;
  /**
   * How deep runs started from user code may nest: a lambda returning a runnable, or a
   * lambda (tool, retriever) calling a runnable with its config, is one level deeper.
   * Deeper runs fail with a `RecursionLimitError`. @default 25
   */
  recursionLimit?: number | undefined;
  /** Free-form values for runnables to read at run time (inherited, merged key by key). */
  configurable?: Record<string, unknown> | undefined;
  /** The id of this run (this run only); generated when absent. */
  runId?: string | undefined;
  /** Makes run ids for this run and its descendants, e.g. a counter in tests. @default nanoid */
  idGenerator?: (() => string) | undefined;
}

/** Every key of `RunnableConfig`, for checking options objects for unknown keys. */
export const RUNNABLE_CONFIG_KEYS: readonly (keyof RunnableConfig)[] = [
  'runName',
  'tags',
  'metadata',
  'signal',
  'timeout',
  'firstChunkTimeout',
  'idleTimeout',
  'maxConcurrency',
  'recursionLimit',
  'configurable',
  'runId',
  'idGenerator',
];

/** Call options `batch` takes besides the config. */
export interface BatchOptions {
  /** Resolve with the error in place of a failed input's output instead of rejecting. @default false */
  returnExceptions?: boolean | undefined;
  /** The largest number of inputs run at once (the config's `maxConcurrency` wins). */
  maxConcurrency?: number | undefined;
}

/**
 * Merges the config a runnable was bound with (`withConfig`) and the config of a call.
 * Tags join; the call's scalar options win; `configurable` merges with the call winning;
 * metadata merges with the binding winning, because `withConfig` is the most specific word
 * about this runnable (see docs/decisions/2026-11-21-metadata-precedence.md).
 */
export function mergeConfigs(bound: RunnableConfig, call: RunnableConfig | undefined): RunnableConfig {
  if (call === undefined) return bound;
  return copyHiddenKeys(call, combine(bound, call, 'base'));
}

/**
 * Merges two `withConfig` layers: the later one wins, tags join.
 */
export function layerConfigs(earlier: RunnableConfig, later: RunnableConfig): RunnableConfig {
  return combine(earlier, later, 'over');
}

/** `over`'s defined options on top of `base`'s; tags and `configurable` join, metadata as told. */
function combine(base: RunnableConfig, over: RunnableConfig, metadataWinner: 'base' | 'over'): RunnableConfig {
  const merged: RunnableConfig = { ...base, ...withoutUndefined(over) };
  if (base.tags !== undefined || over.tags !== undefined) {
    merged.tags = unique([...(base.tags ?? []), ...(over.tags ?? [])]);
  }
  if (base.metadata !== undefined || over.metadata !== undefined) {
    merged.metadata =
      metadataWinner === 'base' ? { ...over.metadata, ...base.metadata } : { ...base.metadata, ...over.metadata };
  }
  if (base.configurable !== undefined || over.configurable !== undefined) {
    merged.configurable = { ...base.configurable, ...over.configurable };
  }
  return merged;
}

function withoutUndefined(config: RunnableConfig): RunnableConfig {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) copy[key] = value;
  }
  return copy;
}

function copyHiddenKeys(from: RunnableConfig, to: RunnableConfig): RunnableConfig {
  for (const key of Object.getOwnPropertySymbols(from)) {
    (to as Record<symbol, unknown>)[key] = (from as Record<symbol, unknown>)[key];
  }
  return to;
}

/** Removes duplicates, keeping the first occurrence of each value. */
export function unique(values: readonly string[]): string[] {
  return values.length < 2 ? [...values] : [...new Set(values)];
}
