import type { Observable } from 'rxjs';
import { fromAsyncIterable } from './fromAsyncIterable.js';

/**
 * A byte stream (a `ReadableStream` such as a fetch body, or any async iterable of bytes)
 * as a cold Observable. A `ReadableStream` is read through its reader, since not every
 * browser makes it async-iterable; unsubscribing cancels the reader, which releases the
 * connection behind a fetch body.
 *
 * @param body - the bytes.
 * @returns an Observable of the byte chunks as they are read.
 */
export function fromByteStream(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): Observable<Uint8Array> {
  if (typeof (body as ReadableStream<Uint8Array>).getReader !== 'function') {
    return fromAsyncIterable(body as AsyncIterable<Uint8Array>);
  }
  const stream = body as ReadableStream<Uint8Array>;
  return fromAsyncIterable<Uint8Array>({
    [Symbol.asyncIterator]: () => {
      const reader = stream.getReader();
      return {
        next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
        return: async () => {
          await reader.cancel();
          return { done: true, value: undefined };
        },
      };
    },
  });
}
