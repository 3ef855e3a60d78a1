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
 * A lifecycle record made by `traced()` for a run of this process: its `start`, a
 * `stream` per output chunk, its `end` or `error`, the custom events it dispatched, and
 * (for a retry) a `restart` when it starts over after passing chunks on, which the
 * public event stream shows as the custom event `stream_restart`.
 */
export type LifecycleRecord =
  | { readonly type: 'start'; readonly run: RunInfo; readonly hasInput: boolean; readonly input?: unknown }
  | {
      readonly type: 'stream';
      readonly run: RunInfo;
      readonly chunk: unknown;
      /** Set when the chunk is the whole output of a run that does not stream (a root prompt, tool or retriever). */
      readonly output?: boolean | undefined;
    }
  | { readonly type: 'end'; readonly run: RunInfo; readonly input: unknown; readonly output: unknown }
  | { readonly type: 'error'; readonly run: RunInfo; readonly input: unknown; readonly error: unknown }
  | { readonly type: 'custom'; readonly run: RunInfo; readonly name: string; readonly data: unknown }
  | {
      readonly type: 'restart';
      readonly run: RunInfo;
      readonly attempt: number;
      readonly chunksDelivered: number;
      readonly error: unknown;
    };

/** The name of the custom event a `restart` record is shown as. */
export const RESTART_EVENT = 'stream_restart';

/**
 * A lifecycle record of a run that happened elsewhere (on a server a `RemoteRunnable`
 * called), forwarded into this process's event channel by the local run `via`. Its
 * `record` is that run's record as the other side reported it, re-parented: the remote
 * run keeps its id, and its `parentIds` start with `via`'s ancestry and id. `run` is the
 * same as `record.run`. See docs/decisions/2026-11-21-foreign-records.md.
 */
export interface ForeignRecord {
  readonly type: 'foreign';
  /** The remote run the record belongs to (re-parented), the same as `record.run`. */
  readonly run: RunInfo;
  /** The local run that received the record (the `RemoteRunnable`'s run). */
  readonly via: RunInfo;
  /** The remote run's record. */
  readonly record: LifecycleRecord;
}

/**
 * A neutral record on the internal event channel (DESIGN.md §3): a lifecycle record of
 * a local run, or a foreign record forwarded from a remote one. Every public event API
 * (`events$`, `streamEvents`, `streamLog`) is a mapping of these.
 */
export type RunEvent = LifecycleRecord | ForeignRecord;

/**
 * The lifecycle record a channel record stands for: itself for a local run, the
 * forwarded record for a foreign one.
 */
export function lifecycleRecordOf(record: RunEvent): LifecycleRecord {
  return record.type === 'foreign' ? record.record : record;
}

/**
 * Where a run reports its lifecycle records. An RxJS `Subject<RunEvent>` is one.
 */
export interface EventSink {
  next(event: RunEvent): void;
}
