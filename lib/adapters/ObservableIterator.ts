import { Subscriber, takeWhile, type Observable, type Subscription } from 'rxjs';
import { BufferOverflowError } from '../errors/BufferOverflowError.js';
import { invalidBuffer } from './internal/invalidBuffer.js';
import { DemandGate, withDemand } from './internal/demand.js';

export type { IteratorBufferOptions, ObservableIteratorOptions } from './IteratorBufferOptions.js';
import type { ObservableIteratorOptions } from './IteratorBufferOptions.js';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** How many unread values make a pull-capable source pause (at most `highWaterMark`). */
const PAUSE_AT = 8;

/**
 * An Observable as an async iterator: subscribes when created (or on the first `next()`
 * with `lazy`), buffers the values the consumer has not pulled yet, and unsubscribes on
 * `return()`. `return()` (what `break` calls) never throws; an error is delivered by
 * the `next()` call that reaches it, never as an unhandled rejection.
 *
 * A pull-capable source it subscribes (`fromIterable`, directly or through synchronous
 * steps) pauses once 8 values (or `highWaterMark`, if lower) wait unread, and resumes
 * when the consumer has read them: a synchronous reply then reaches the consumer chunk
 * by chunk instead of being buffered whole. Other sources are buffered up to `highWaterMark`.
 *
 * @example
 * ```ts
 * import { ObservableIterator } from 'rxchain';
 * import { of } from 'rxjs';
 *
 * const seen: number[] = [];
 * for await (const n of new ObservableIterator(of(1, 2, 3))) seen.push(n);
 * console.log(seen); // => [1, 2, 3]
 * ```
 */
export class ObservableIterator<T> implements AsyncIterableIterator<T> {
  #source: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #queue: T[] = [];
  #head = 0;
  // A pending next()'s settle functions, kept by one executor per iterator, not a closure per pull.
  #waiter: ((result: IteratorResult<T>) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  readonly #park = (resolve: (result: IteratorResult<T>) => void, reject: (error: unknown) => void): void =>
    void ((this.#waiter = resolve), (this.#reject = reject));
  #state: 'open' | 'complete' | 'failed' | 'closed' = 'open';
  #error: unknown;
  #onDone: (() => void) | undefined;
  readonly #highWaterMark: number;
  readonly #overflow: 'error' | 'drop-oldest' | 'latest';
  readonly #pauseAt: number;
  /** What pull-capable sources subscribed by this iterator pause on. */
  readonly #demand = new DemandGate(() => this.#state !== 'open' || this.#queue.length - this.#head >= this.#pauseAt);

  /**
   * @param source - the Observable to iterate.
   * @param options - `lazy: true` to subscribe on the first `next()` instead of now;
   *   `highWaterMark` and `overflow` to bound the buffer (unbounded by default). Invalid
   *   bounds reject the first `next()` with an `InvalidArgumentError`.
   */
  constructor(source: Observable<T>, options?: ObservableIteratorOptions) {
    this.#highWaterMark = options?.highWaterMark ?? Infinity;
    this.#overflow = options?.overflow ?? 'error';
    this.#pauseAt = Math.min(PAUSE_AT, this.#highWaterMark);
    const invalid = invalidBuffer(options);
    if (invalid !== undefined) {
      this.#state = 'failed';
      this.#error = invalid;
      return;
    }
    this.#source = source;
    if (options?.lazy !== true) this.#subscribe();
  }

  #buffer(value: T): void {
    if (this.#queue.length - this.#head < this.#highWaterMark) {
      this.#queue.push(value);
    } else if (this.#overflow === 'drop-oldest') {
      this.#take();
      this.#queue.push(value);
    } else if (this.#overflow === 'latest') {
      this.#queue[this.#queue.length - 1] = value;
    } else if (this.#state === 'open') {
      this.#state = 'failed';
      this.#error = new BufferOverflowError(this.#highWaterMark, 'items', 'The async iterator');
      const subscription = this.#subscription;
      this.#subscription = undefined;
      subscription?.unsubscribe();
    }
  }

  #subscribe(): void {
    const source = this.#source;
    if (source === undefined) return;
    this.#source = undefined;
    // A synchronous source cannot be unsubscribed while it emits: stop it from inside
    // the chain once an overflow has cancelled the run.
    const bounded =
      this.#highWaterMark !== Infinity && this.#overflow === 'error'
        ? source.pipe(takeWhile(() => this.#state === 'open'))
        : source;
    const subscription = withDemand(this.#demand, () => bounded.subscribe(new ObservableIterator.#Receiver(this)));
    if (this.#state !== 'open') subscription.unsubscribe();
    else this.#subscription = subscription;
  }

  /** The source's subscriber: one object per iterator, holding no closures. */
  static readonly #Receiver = class Receiver<V> extends Subscriber<V> {
    constructor(private readonly iterator: ObservableIterator<V>) {
      super();
    }
    protected override _next(value: V): void {
      const iterator = this.iterator;
      const waiter = iterator.#waiter;
      if (waiter !== undefined) {
        iterator.#waiter = undefined;
        waiter({ done: false, value });
      } else if (iterator.#state === 'open') {
        iterator.#buffer(value);
      }
    }
    protected override _error(error: unknown): void {
      this.#end('failed', error);
    }
    protected override _complete(): void {
      this.#end('complete', undefined);
    }
    #end(state: 'failed' | 'complete', error: unknown): void {
      const iterator = this.iterator;
      try {
        if (iterator.#state !== 'open') return;
        iterator.#state = state;
        iterator.#error = error;
        iterator.#settleWaiter();
      } finally {
        this.unsubscribe();
      }
    }
  };

  /** Resumes the paused pull-capable sources once all is read: once per `pauseAt` values, not per value. */
  #wake(): void {
    if (this.#demand.paused && this.#state === 'open' && this.#queue.length === this.#head) this.#demand.resume();
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    this.#done();
    if (this.#state === 'failed') {
      this.#state = 'closed';
      (this.#reject as (error: unknown) => void)(this.#error);
    } else {
      waiter(DONE);
    }
  }

  #done(): void {
    const onDone = this.#onDone;
    this.#onDone = undefined;
    onDone?.();
  }

  #take(): T {
    const value = this.#queue[this.#head] as T;
    this.#queue[this.#head] = undefined as T;
    this.#head++;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return value;
  }

  /** How many values are buffered, waiting to be pulled. */
  get buffered(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * Pulls the next value: a buffered one at once, else the next one the Observable emits.
   * @returns the next result; rejects with the Observable's error after its last value.
   */
  next(): Promise<IteratorResult<T>> {
    if (this.#source !== undefined) this.#subscribe();
    if (this.#head < this.#queue.length) {
      const value = this.#take();
      this.#wake();
      return Promise.resolve({ done: false, value });
    }
    switch (this.#state) {
      case 'complete':
      case 'closed':
        this.#done();
        return Promise.resolve(DONE);
      case 'failed':
        this.#state = 'closed';
        this.#done();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the source's error, passed on as it is
        return Promise.reject(this.#error);
      case 'open':
        if (this.#waiter !== undefined) {
          return Promise.reject(
            new Error('ObservableIterator.next() called while an earlier next() is still pending.'),
          );
        }
        {
          const pending = new Promise<IteratorResult<T>>(this.#park);
          this.#wake();
          return pending;
        }
    }
  }

  /** Resolves once a value is buffered or the Observable ended; rejects, consuming the error, if it failed first. */
  async ready(): Promise<void> {
    if (this.#head < this.#queue.length || this.#state !== 'open') {
      if (this.#state === 'failed' && this.#head >= this.#queue.length) {
        this.#state = 'closed';
        this.#done();
        throw this.#error;
      }
      return;
    }
    const first = await this.next();
    if (first.done !== true) {
      // Put the value back in front of the queue.
      if (this.#head > 0) this.#queue[--this.#head] = first.value;
      else this.#queue.unshift(first.value);
    }
  }

  /** Stops iterating: unsubscribes (cancelling the upstream run) and drops the buffer. Never throws. */
  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve(DONE);
  }

  /** Stops iterating like `return()`; the error is not re-thrown into the source. */
  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's own value, handed back
    return Promise.reject(error);
  }

  /**
   * Stops iterating now: unsubscribes, drops the buffer, and settles a pending `next()`
   * (with `done`, or by rejecting with `reason` when one is given).
   */
  close(reason?: unknown): void {
    if (this.#state === 'closed' && this.#waiter === undefined) return;
    this.#state = 'closed';
    this.#source = undefined;
    this.#queue = [];
    this.#head = 0;
    this.#demand.clear();
    const subscription = this.#subscription;
    this.#subscription = undefined;
    subscription?.unsubscribe();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    this.#done();
    if (waiter !== undefined) {
      if (reason !== undefined) (this.#reject as (error: unknown) => void)(reason);
      else waiter(DONE);
    }
  }

  /**
   * Calls `callback` once the iteration is over (its end or error delivered, or stopped
   * early), e.g. to remove a listener from an `AbortSignal`. @param callback - what to run.
   */
  onDone(callback: () => void): void {
    this.#onDone = callback;
  }

  /**
   * Stops because the consumer's run was aborted: `close(reason)`, and the next `next()`
   * rejects with `reason` (once), even after the Observable completed. @param reason - the abort error.
   */
  abort(reason: unknown): void {
    if (this.#state === 'closed' && this.#waiter === undefined) return;
    const pending = this.#waiter !== undefined;
    this.close(reason);
    if (!pending) {
      this.#state = 'failed';
      this.#error = reason;
    }
  }

  /** @returns this iterator. */
  [Symbol.asyncIterator](): this {
    return this;
  }
}
