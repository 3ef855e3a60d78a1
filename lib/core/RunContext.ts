import type { AccumulatorFactory } from './accumulators.js';
import { defaultIdGenerator } from './ids.js';
import { unique, type RunnableConfig } from './RunnableConfig.js';
import type { EventSink, RunInfo, RunType } from './RunEvent.js';

/**
 * The recursion limit when no config sets one.
 *
 * @example
 * ```ts
 * import { DEFAULT_RECURSION_LIMIT } from 'rxchain';
 *
 * console.log(DEFAULT_RECURSION_LIMIT); // => 25
 * ```
 */
export const DEFAULT_RECURSION_LIMIT = 25;

const EMPTY_TAGS: readonly string[] = Object.freeze([]);
const EMPTY_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/** The tags of runs that have a position tag and nothing else, shared (runs of a chain repeat them). */
const POSITION_ONLY = new Map<string, readonly string[]>();
const POSITION_ONLY_LIMIT = 1024;

/** `[positionTag]`, one frozen array per tag (fresh once the cache is full). */
function positionOnly(positionTag: string): readonly string[] {
  let tags = POSITION_ONLY.get(positionTag);
  if (tags === undefined) {
    tags = Object.freeze([positionTag]);
    if (POSITION_ONLY.size < POSITION_ONLY_LIMIT) POSITION_ONLY.set(positionTag, tags);
  }
  return tags;
}

/** What a run needs to know about where it is being started from. */
export interface RunOrigin {
  /** The parent run, absent for a root run. */
  readonly parent?: RunContext | undefined;
  /** A structural tag for this run only (`seq:step:2`, `map:key:context`, `retry:attempt:2`). */
  readonly positionTag?: string | undefined;
  /** The config given to this run (a call's or a binding's). */
  readonly config?: RunnableConfig | undefined;
  /** Where this run reports its events (else its parent's sink). */
  readonly sink?: EventSink | undefined;
  /** A fresh accumulator of this run's input chunks: the upstream step's own aggregation. */
  readonly inputAccumulator?: AccumulatorFactory | undefined;
  /**
   * Whether user code of the parent started this run (a call made from a lambda, tool or
   * retriever with its config, or a runnable a lambda returned): one level deeper for
   * the recursion limit. Composition (sequence steps, map branches) does not nest.
   */
  readonly nested?: boolean | undefined;
}

/**
 * One run of a runnable: its identity, its place in the run tree, and what it inherits.
 * A step receives its `RunContext` and passes it as the parent of the runs it starts.
 *
 * Ids are made on first use, so a run nobody observes never generates one.
 *
 * @example
 * ```ts
 * import { Runnable, type RunContext } from 'rxchain';
 * import { map, type Observable } from 'rxjs';
 *
 * class Tagged extends Runnable<string, string> {
 *   protected _step(input$: Observable<string>, run: RunContext): Observable<string> {
 *     return input$.pipe(map((text) => `${run.name}: ${text}`));
 *   }
 * }
 *
 * console.log(await new Tagged().invoke('hi', { runName: 'greeter' })); // => 'greeter: hi'
 * ```
 */
export class RunContext implements RunInfo {
  /** The run's name. */
  readonly name: string;
  /** The kind of component. */
  readonly runType: RunType;
  /** The parent run, if any. */
  readonly parent: RunContext | undefined;
  /** All tags this run reports: position tag, own tags, inherited tags. */
  readonly tags: readonly string[];
  /** The tags nested runs inherit (no position tag). */
  readonly inheritableTags: readonly string[];
  /** Inherited and own metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Inherited and own `configurable` values. */
  readonly configurable: Readonly<Record<string, unknown>>;
  /** Where this run's records go; absent when nobody listens. */
  readonly sink: EventSink | undefined;
  /** The signal that cancels this run (its own, else its parent's). */
  readonly signal: AbortSignal | undefined;
  /** How deep runs started from user code may nest (returned runnables, nested calls). */
  readonly recursionLimit: number;
  /** How many levels of user-code nesting this run is below its root (0 for the root). */
  readonly recursionDepth: number;
  /** The concurrency limit for batch and parallel branches. */
  readonly maxConcurrency: number | undefined;
  /** How this run's input chunks add up (see `RunOrigin.inputAccumulator`). */
  readonly inputAccumulator: AccumulatorFactory | undefined;
  /** Makes run ids. */
  readonly idGenerator: () => string;
  #runId: string | undefined;
  #parentIds: readonly string[] | undefined;

  /**
   * @param name - the runnable's name (a `runName` in the config wins).
   * @param runType - the runnable's kind.
   * @param origin - the parent, position tag, config and sink.
   */
  constructor(name: string, runType: RunType, origin: RunOrigin) {
    const { parent, config, positionTag } = origin;
    this.name = config?.runName ?? name;
    this.runType = runType;
    this.parent = parent;
    const inherited = parent?.inheritableTags ?? EMPTY_TAGS;
    const own = config?.tags;
    this.inheritableTags = own !== undefined && own.length > 0 ? unique([...own, ...inherited]) : inherited;
    this.tags =
      positionTag === undefined
        ? this.inheritableTags
        : this.inheritableTags.length === 0
          ? positionOnly(positionTag)
          : [positionTag, ...this.inheritableTags];
    const parentMetadata = parent?.metadata ?? EMPTY_METADATA;
    this.metadata = config?.metadata !== undefined ? { ...parentMetadata, ...config.metadata } : parentMetadata;
    const parentConfigurable = parent?.configurable ?? EMPTY_METADATA;
    this.configurable =
      config?.configurable !== undefined ? { ...parentConfigurable, ...config.configurable } : parentConfigurable;
    this.sink = origin.sink ?? parent?.sink;
    this.signal = config?.signal ?? parent?.signal;
    this.recursionLimit = config?.recursionLimit ?? parent?.recursionLimit ?? DEFAULT_RECURSION_LIMIT;
    this.recursionDepth = parent === undefined ? 0 : parent.recursionDepth + (origin.nested === true ? 1 : 0);
    this.maxConcurrency = config?.maxConcurrency ?? parent?.maxConcurrency;
    this.inputAccumulator = origin.inputAccumulator;
    this.idGenerator = config?.idGenerator ?? parent?.idGenerator ?? defaultIdGenerator;
    this.#runId = config?.runId;
  }

  /** The run's id (made on first read). */
  get runId(): string {
    return (this.#runId ??= this.idGenerator());
  }

  /** The ancestors' ids, root first. */
  get parentIds(): readonly string[] {
    if (this.#parentIds === undefined) {
      const parent = this.parent;
      this.#parentIds = parent === undefined ? EMPTY_TAGS : [...parent.parentIds, parent.runId];
    }
    return this.#parentIds;
  }
}
