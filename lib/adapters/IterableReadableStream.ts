import { ObservableIterator } from './ObservableIterator.js';

/**
 * A `ReadableStream` that is also an async iterator, like LangChain.js's: `for await`,
 * `next()`/`return()`, and `getReader()` all draw from one underlying iterator, and
 * `break`, `return()` or `cancel()` cancel the run behind it.
 *
 * @example
 * ```ts
 * import { IterableReadableStream, ObservableIterator } from 'rxchain';
 * import { of } from 'rxjs';
 *
 * const stream = new IterableReadableStream(new ObservableIterator(of('a', 'b')));
 * const reader = stream.getReader();
 * console.log((await reader.read()).value); // => 'a'
 * ```
 */
export class IterableReadableStream<T> extends ReadableStream<T> implements AsyncIterableIterator<T> {
  readonly #iterator: AsyncIterator<T>;

  /**
   * @param iterator - where the chunks come from (an `ObservableIterator` or any async iterator).
   */
  constructor(iterator: AsyncIterator<T>) {
    super(
      {
        async pull(controller) {
          try {
            const result = await iterator.next();
            if (result.done === true) controller.close();
            else controller.enqueue(result.value);
          } catch (error) {
            controller.error(error);
          }
        },
        async cancel() {
          await iterator.return?.();
        },
      },
      { highWaterMark: 0 },
    );
    this.#iterator = iterator;
  }

  /**
   * Wraps an Observable-free async iterable.
   * @param iterable - any async iterable.
   * @returns a stream over it.
   */
  static fromAsyncIterable<T>(iterable: AsyncIterable<T>): IterableReadableStream<T> {
    return new IterableReadableStream(iterable[Symbol.asyncIterator]());
  }

  /** @returns the next chunk. */
  next(): Promise<IteratorResult<T>> {
    return this.#iterator.next();
  }

  /** Cancels the stream; never throws. */
  async return(): Promise<IteratorResult<T>> {
    if (this.#iterator instanceof ObservableIterator) return this.#iterator.return();
    try {
      await this.#iterator.return?.();
    } catch {
      // Cancelling must not throw.
    }
    return { done: true, value: undefined };
  }

  /** Cancels the stream and rejects with `error`. */
  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  /** @returns this stream, as its own async iterator. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Cancels the stream (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}
