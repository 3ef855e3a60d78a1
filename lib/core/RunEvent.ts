/**
 * The kind of component a run belongs to; it names its events (`on_<type>_start`).
 */
export type RunType = 'chain' | 'prompt' | 'parser' | 'chat_model' | 'llm' | 'tool' | 'retriever';

/**
 * What every lifecycle record says about the run it belongs to.
 */
export interface RunInfo {
  /** The run's id. */
  readonly runId: string;
  /** The ids of the run's ancestors, root first; empty for the root. */
  readonly parentIds: readonly string[];
  /** The run's name (its `runName`, or the runnable's name). */
  readonly name: string;
  /** The kind of component. */
  readonly runType: RunType;
  /** The run's tags: its position tag (if any), its own, then inherited ones. */
  readonly tags: readonly string[];
  /** The run's metadata, inherited and own merged. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * A neutral lifecycle record on the internal event channel (DESIGN.md §3). Every public
 * event API (`events$`, `streamEvents`, `streamLog`) is a mapping of these.
 */
export type RunEvent =
  | { readonly type: 'start'; readonly run: RunInfo; readonly hasInput: boolean; readonly input?: unknown }
  | { readonly type: 'stream'; readonly run: RunInfo; readonly chunk: unknown }
  | { readonly type: 'end'; readonly run: RunInfo; readonly input: unknown; readonly output: unknown }
  | { readonly type: 'error'; readonly run: RunInfo; readonly input: unknown; readonly error: unknown }
  | { readonly type: 'custom'; readonly run: RunInfo; readonly name: string; readonly data: unknown };

/**
 * Where a run reports its lifecycle records. An RxJS `Subject<RunEvent>` is one.
 */
export interface EventSink {
  next(event: RunEvent): void;
}
