/**
 * How many values an async iterator may hold that its consumer has not pulled, and what
 * happens past that bound: `'error'` cancels the run and rejects the next pull (after the
 * buffered values) with a `BufferOverflowError`; `'drop-oldest'` discards the oldest
 * buffered value; `'latest'` replaces the newest buffered value with the new one (for a
 * UI that only needs the most recent state).
 *
 * @example
 * ```ts
 * import type { IteratorBufferOptions } from 'rxchain';
 *
 * const options: IteratorBufferOptions = { highWaterMark: 1000, overflow: 'drop-oldest' };
 * console.log(options.overflow); // => 'drop-oldest'
 * ```
 */
export interface IteratorBufferOptions {
  /** The largest number of unread values kept (a positive integer). @default Infinity */
  highWaterMark?: number | undefined;
  /** What to do with a value past `highWaterMark`. @default 'error' */
  overflow?: 'error' | 'drop-oldest' | 'latest' | undefined;
}

/** Options of an `ObservableIterator`. */
export interface ObservableIteratorOptions extends IteratorBufferOptions {
  /** Subscribe on the first `next()` instead of when created. @default false */
  lazy?: boolean | undefined;
}
