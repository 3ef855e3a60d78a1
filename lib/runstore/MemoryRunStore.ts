import { asyncScheduler, Observable, type SchedulerLike, Subject } from 'rxjs';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { RunNotFoundError } from '../errors/RunNotFoundError.js';
import { RunStoreLimitError } from '../errors/RunStoreLimitError.js';
import type { RunStore, StoredFrame, StoredRun } from './RunStore.js';

/** Options of `MemoryRunStore`. */
export interface MemoryRunStoreOptions {
  /** The most runs kept at once; the oldest finished runs go first. @default 1000 */
  maxRuns?: number | undefined;
  /** The most bytes of frame data kept in all (UTF-16 length, counted per character). @default 67108864 (64 MiB) */
  maxBytes?: number | undefined;
  /** How long a run is kept after its last frame was stored. @default 300000 (5 minutes) */
  ttlMs?: number | undefined;
  /** The clock of time to live and leases (virtual time in marble tests). @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
}

interface Entry {
  readonly kind: string;
  readonly frames: StoredFrame[];
  readonly live: Subject<StoredFrame>;
  bytes: number;
  done: boolean;
  /** When the last frame was stored: the time to live counts from here. */
  touchedAt: number;
  /** Until when a reader holds the run. */
  leaseUntil: number;
}

/**
 * A `RunStore` in this process's memory, bounded by runs, bytes and time to live, for one
 * server process (runs cannot be resumed through another process: use `RedisRunStore`
 * for that). When a bound is reached it drops finished runs, oldest first; a live run's
 * frame that still does not fit is refused with a `RunStoreLimitError`. Expired runs are
 * dropped as the store is used, so it keeps no timer.
 *
 * @example
 * ```ts
 * import { MemoryRunStore } from 'rxchain';
 *
 * const store = new MemoryRunStore({ maxRuns: 100, ttlMs: 60_000 });
 * await store.create('run-1', 'stream_events');
 * await store.append('run-1', { id: 1, event: 'data', data: '{}' }, false);
 * console.log(await store.run('run-1')); // => { runId: 'run-1', kind: 'stream_events', done: false, lastId: 1 }
 * ```
 */
export class MemoryRunStore implements RunStore {
  readonly #runs = new Map<string, Entry>();
  readonly #maxRuns: number;
  readonly #maxBytes: number;
  readonly #ttlMs: number;
  readonly #scheduler: SchedulerLike;
  #bytes = 0;

  /**
   * @param options - the bounds, the time to live and the clock.
   * @throws InvalidArgumentError for a bound that is not a positive number.
   */
  constructor(options: MemoryRunStoreOptions = {}) {
    this.#maxRuns = positive('maxRuns', options.maxRuns ?? 1000);
    this.#maxBytes = positive('maxBytes', options.maxBytes ?? 64 * 1024 * 1024);
    this.#ttlMs = positive('ttlMs', options.ttlMs ?? 300_000);
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  /** How many bytes of frame data the store keeps now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** How many runs the store keeps now. */
  get size(): number {
    this.#expire();
    return this.#runs.size;
  }

  async create(runId: string, kind: string): Promise<void> {
    this.#expire();
    if (this.#runs.size >= this.#maxRuns) this.#dropFinished(() => this.#runs.size >= this.#maxRuns);
    if (this.#runs.size >= this.#maxRuns) throw new RunStoreLimitError(runId, 'maxRuns', this.#maxRuns);
    const now = this.#scheduler.now();
    this.#runs.set(runId, {
      kind,
      frames: [],
      live: new Subject(),
      bytes: 0,
      done: false,
      touchedAt: now,
      leaseUntil: 0,
    });
  }

  async append(runId: string, frame: StoredFrame, last: boolean): Promise<void> {
    const entry = this.#entry(runId);
    if (entry === undefined || entry.done) throw new RunNotFoundError(runId, 'it is not open for writing');
    const size = frameBytes(frame);
    if (this.#bytes + size > this.#maxBytes) this.#dropFinished(() => this.#bytes + size > this.#maxBytes);
    if (this.#bytes + size > this.#maxBytes) throw new RunStoreLimitError(runId, 'maxBytes', this.#maxBytes);
    entry.frames.push(frame);
    entry.bytes += size;
    this.#bytes += size;
    entry.touchedAt = this.#scheduler.now();
    if (last) entry.done = true;
    entry.live.next(frame);
    if (last) entry.live.complete();
  }

  async run(runId: string): Promise<StoredRun | undefined> {
    const entry = this.#entry(runId);
    if (entry === undefined) return undefined;
    return { runId, kind: entry.kind, done: entry.done, lastId: entry.frames.at(-1)?.id ?? 0 };
  }

  read(runId: string, afterId: number): Observable<StoredFrame> {
    return new Observable<StoredFrame>((subscriber) => {
      const entry = this.#entry(runId);
      if (entry === undefined) {
        subscriber.error(new RunNotFoundError(runId));
        return undefined;
      }
      // Frames appended while the stored ones are replayed come through `live`, in order,
      // after them: the replay is synchronous, so none can arrive in between.
      for (const frame of entry.frames) {
        if (frame.id > afterId) subscriber.next(frame);
        if (subscriber.closed) return undefined;
      }
      if (entry.done) {
        subscriber.complete();
        return undefined;
      }
      return entry.live.subscribe(subscriber);
    });
  }

  async touch(runId: string, leaseMs: number): Promise<void> {
    const entry = this.#entry(runId);
    if (entry !== undefined) entry.leaseUntil = Math.max(entry.leaseUntil, this.#scheduler.now() + leaseMs);
  }

  async isRead(runId: string): Promise<boolean> {
    const entry = this.#entry(runId);
    return entry !== undefined && entry.leaseUntil > this.#scheduler.now();
  }

  #entry(runId: string): Entry | undefined {
    this.#expire();
    return this.#runs.get(runId);
  }

  /** Drops every run whose time to live ran out (finished or abandoned). */
  #expire(): void {
    const horizon = this.#scheduler.now() - this.#ttlMs;
    for (const [runId, entry] of this.#runs) {
      if (entry.touchedAt <= horizon) this.#drop(runId, entry);
    }
  }

  /** Drops finished runs, oldest first, while `needed()` says so. */
  #dropFinished(needed: () => boolean): void {
    for (const [runId, entry] of this.#runs) {
      if (!needed()) return;
      if (entry.done) this.#drop(runId, entry);
    }
  }

  #drop(runId: string, entry: Entry): void {
    this.#runs.delete(runId);
    this.#bytes -= entry.bytes;
    if (!entry.done) entry.live.error(new RunNotFoundError(runId, 'its time to live ran out'));
  }
}

function frameBytes(frame: StoredFrame): number {
  return frame.event.length + (frame.data?.length ?? 0) + 16;
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && value > 0)) {
    throw new InvalidArgumentError(name, `${name} must be a positive number, got ${String(value)}.`);
  }
  return value;
}
