import type { Observable } from 'rxjs';

/** One stored SSE frame of a run: its sequence number (1-based, monotonic per run) and content. */
export interface StoredFrame {
  /** The frame's sequence number: what its `id:` line and a client's `Last-Event-ID` say. */
  readonly id: number;
  /** The frame's event type (`data`, `metadata`, `end`, `error`...). */
  readonly event: string;
  /** The frame's data, if it has any. */
  readonly data?: string | undefined;
}

/** What a store knows of one run. */
export interface StoredRun {
  /** The run's id. */
  readonly runId: string;
  /** What the frames are: the route that started the run (`stream`, `stream_events`, `stream_log`). */
  readonly kind: string;
  /** Whether its last frame is stored. */
  readonly done: boolean;
  /** The sequence number of its newest frame (0 before the first). */
  readonly lastId: number;
}

/**
 * Where a resumable server keeps the frames of its runs, so that a client that lost its
 * connection can read on from the last frame it saw (`Last-Event-ID`), through any server
 * instance that shares the store. The producing instance writes; any instance reads.
 * `MemoryRunStore` is the embedded default; `RedisRunStore` (`rxchain/redis`) shares runs
 * between processes.
 *
 * @example
 * ```ts
 * import { MemoryRunStore, type RunStore } from 'rxchain';
 * import { lastValueFrom, toArray } from 'rxjs';
 *
 * const store: RunStore = new MemoryRunStore();
 * await store.create('run-1', 'stream');
 * await store.append('run-1', { id: 1, event: 'data', data: '"Hel"' }, false);
 * await store.append('run-1', { id: 2, event: 'end' }, true);
 * const frames = await lastValueFrom(store.read('run-1', 1).pipe(toArray()));
 * console.log(frames.map((frame) => frame.event)); // => ['end']
 * ```
 */
export interface RunStore {
  /**
   * Starts keeping a run's frames.
   * @param runId - the run's id (unique).
   * @param kind - what the frames are (the route that started the run).
   */
  create(runId: string, kind: string): Promise<void>;
  /**
   * Keeps the run's next frame. Frames are appended in order, by the one instance that
   * produces the run.
   * @param last - whether it is the run's last frame (`end` or `error`).
   * @throws RunStoreLimitError (as a rejection) when it cannot be kept within the store's bounds.
   */
  append(runId: string, frame: StoredFrame, last: boolean): Promise<void>;
  /** What the store knows of a run; undefined when it has no such run (or it expired). */
  run(runId: string): Promise<StoredRun | undefined>;
  /**
   * The run's frames after `afterId` (0 for all), then each new one as it is appended;
   * completes after the last. Fails with `RunNotFoundError` for a run the store does not
   * have, or whose frames after `afterId` it no longer keeps. Unsubscribing stops reading.
   */
  read(runId: string, afterId: number): Observable<StoredFrame>;
  /**
   * Notes that a client is reading the run (called by any instance, at least every
   * `leaseMs`), so that its producer does not cancel it as abandoned.
   */
  touch(runId: string, leaseMs: number): Promise<void>;
  /** Whether some client touched the run within its last lease. */
  isRead(runId: string): Promise<boolean>;
}
