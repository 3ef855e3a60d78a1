import { Redis } from 'ioredis';
import { Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { RunNotFoundError } from '../errors/RunNotFoundError.js';
import type { RunStore, StoredFrame, StoredRun } from '../runstore/RunStore.js';

/** Options of `RedisRunStore`: a server to connect to, or a client to use. */
export interface RedisRunStoreOptions {
  /** The server, e.g. `redis://127.0.0.1:6379` (the store opens and `close()` closes the connection). */
  url?: string | undefined;
  /** An ioredis client to use instead (the store never closes it). */
  client?: Redis | undefined;
  /** The prefix of every key the store writes. @default 'rxchain:run:' */
  prefix?: string | undefined;
  /** How long a run is kept after its last frame was stored. @default 300000 (5 minutes) */
  ttlMs?: number | undefined;
  /** The most frames kept per run (Redis `MAXLEN ~`); a reader that needs older ones gets a `RunNotFoundError`. @default 100000 */
  maxFramesPerRun?: number | undefined;
  /** How long one blocking read waits for new frames before checking that the run still exists. @default 5000 */
  blockMs?: number | undefined;
}

type Fields = string[];

/**
 * A `RunStore` on Redis, shared by every server process that uses the same server: a run
 * produced by instance A can be resumed through instance B. Each run is a Redis Stream of
 * its frames (`XADD` with the frame's sequence number as the entry id, trimmed with
 * `MAXLEN ~`), a hash of what it is, and a reader lease; every key expires `ttlMs` after
 * the run's last frame. Live readers tail the stream with `XREAD BLOCK` on a connection of
 * their own, closed when they unsubscribe. Needs the `ioredis` package (an optional peer
 * dependency of rxchain).
 *
 * @example
 * ```ts
 * import { RedisRunStore } from 'rxchain/redis';
 * import { lastValueFrom, toArray } from 'rxjs';
 *
 * const store = new RedisRunStore({ url: process.env.REDIS_URL, prefix: 'docs:' });
 * try {
 *   await store.create('run-1', 'stream');
 *   await store.append('run-1', { id: 1, event: 'data', data: '"Hi"' }, false);
 *   await store.append('run-1', { id: 2, event: 'end' }, true);
 *   const frames = await lastValueFrom(store.read('run-1', 0).pipe(toArray()));
 *   console.log(frames.map((frame) => frame.id)); // => [1, 2]
 * } finally {
 *   await store.close();
 * }
 * ```
 */
export class RedisRunStore implements RunStore {
  readonly #client: Redis;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #maxFrames: number;
  readonly #blockMs: number;

  /**
   * @param options - a `url` or a `client`, the key prefix, time to live and bounds.
   * @throws InvalidArgumentError without a url or client, or for a bound that is not a positive number.
   */
  constructor(options: RedisRunStoreOptions) {
    if (options.client === undefined && (options.url === undefined || options.url === '')) {
      throw new InvalidArgumentError('url', 'RedisRunStore needs { url: "redis://host:port" } or { client }.');
    }
    this.#prefix = options.prefix ?? 'rxchain:run:';
    this.#ttlMs = positive('ttlMs', options.ttlMs ?? 300_000);
    this.#maxFrames = positive('maxFramesPerRun', options.maxFramesPerRun ?? 100_000);
    this.#blockMs = positive('blockMs', options.blockMs ?? 5000);
    // Connect only once the options are known to be good: a refused store leaves nothing open.
    this.#owned = options.client === undefined;
    this.#client = options.client ?? new Redis(options.url as string, { maxRetriesPerRequest: 2 });
  }

  #key(runId: string, part: 'frames' | 'meta' | 'lease'): string {
    return `${this.#prefix}${runId}:${part}`;
  }

  async create(runId: string, kind: string): Promise<void> {
    const meta = this.#key(runId, 'meta');
    await this.#client.multi().hset(meta, 'kind', kind, 'done', '0').pexpire(meta, this.#ttlMs).exec();
  }

  async append(runId: string, frame: StoredFrame, last: boolean): Promise<void> {
    const frames = this.#key(runId, 'frames');
    const meta = this.#key(runId, 'meta');
    const fields: string[] = ['e', frame.event];
    if (frame.data !== undefined) fields.push('d', frame.data);
    if (last) fields.push('l', '1');
    const batch = this.#client.multi();
    batch.xadd(frames, 'MAXLEN', '~', String(this.#maxFrames), `${frame.id}-1`, ...fields);
    if (last) batch.hset(meta, 'done', '1');
    batch.pexpire(frames, this.#ttlMs).pexpire(meta, this.#ttlMs);
    const results = await batch.exec();
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed !== undefined && failed !== null) throw failed;
  }

  async run(runId: string): Promise<StoredRun | undefined> {
    const [meta, newest] = await Promise.all([
      this.#client.hgetall(this.#key(runId, 'meta')),
      this.#client.xrevrange(this.#key(runId, 'frames'), '+', '-', 'COUNT', 1),
    ]);
    if (meta['kind'] === undefined) return undefined;
    const lastId = newest[0] !== undefined ? sequenceOf(newest[0][0]) : 0;
    return { runId, kind: meta['kind'], done: meta['done'] === '1', lastId };
  }

  read(runId: string, afterId: number): Observable<StoredFrame> {
    return new Observable<StoredFrame>((subscriber) => {
      // A blocking read needs a connection of its own, opened once the run is known to exist.
      let reader: Redis | undefined;
      let closed = false;
      const frames = this.#key(runId, 'frames');
      const loop = async (): Promise<void> => {
        if ((await this.run(runId)) === undefined) throw new RunNotFoundError(runId);
        const oldest = await this.#client.xrange(frames, '-', '+', 'COUNT', 1);
        if (afterId > 0 && oldest[0] !== undefined && sequenceOf(oldest[0][0]) > afterId + 1) {
          throw new RunNotFoundError(runId, `the frames after ${afterId} are no longer kept`);
        }
        if (closed) return;
        let cursor = `${afterId}-1`;
        // A reader does not reconnect: its command fails instead, and the client resumes
        // from its last frame id (that is what resumable streams are for).
        const connection = this.#client.duplicate({ retryStrategy: () => null });
        connection.on('error', () => undefined);
        reader = connection;
        while (!closed) {
          const answer = await connection.xread('COUNT', 1000, 'BLOCK', this.#blockMs, 'STREAMS', frames, cursor);
          if (closed) return;
          if (answer === null) {
            // Nothing new for a while: the run may have expired.
            if ((await this.run(runId)) === undefined) throw new RunNotFoundError(runId, 'its time to live ran out');
            continue;
          }
          for (const [id, fields] of answer[0]?.[1] ?? []) {
            cursor = id;
            const frame = frameOf(id, fields);
            subscriber.next(frame.frame);
            if (frame.last) {
              subscriber.complete();
              return;
            }
          }
        }
      };
      loop().then(
        () => undefined,
        (error: unknown) => {
          if (!closed) subscriber.error(error);
        },
      );
      return () => {
        closed = true;
        // Closing the connection ends a blocking XREAD at once. One still connecting is
        // closed as soon as it is up: closed mid-connect, ioredis would leave its connect
        // timer running.
        const connection = reader;
        if (connection === undefined) return;
        if (connection.status === 'connecting' || connection.status === 'connect') {
          connection.once('ready', () => connection.disconnect());
        } else {
          connection.disconnect();
        }
      };
    });
  }

  async touch(runId: string, leaseMs: number): Promise<void> {
    await this.#client.set(this.#key(runId, 'lease'), '1', 'PX', Math.max(1, Math.ceil(leaseMs)));
  }

  async isRead(runId: string): Promise<boolean> {
    return (await this.#client.exists(this.#key(runId, 'lease'))) === 1;
  }

  /** Closes the store's connection (not a client it was given). */
  async close(): Promise<void> {
    if (this.#owned) await this.#client.quit();
  }
}

function sequenceOf(entryId: string): number {
  return Number(entryId.slice(0, entryId.indexOf('-')));
}

function frameOf(id: string, fields: Fields): { frame: StoredFrame; last: boolean } {
  let event = '';
  let data: string | undefined;
  let last = false;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    if (fields[i] === 'e') event = value;
    else if (fields[i] === 'd') data = value;
    else if (fields[i] === 'l') last = value === '1';
  }
  const frame: StoredFrame = data === undefined ? { id: sequenceOf(id), event } : { id: sequenceOf(id), event, data };
  return { frame, last };
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && value > 0)) {
    throw new InvalidArgumentError(name, `${name} must be a positive number, got ${String(value)}.`);
  }
  return value;
}
