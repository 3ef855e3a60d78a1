import { lastValueFrom, take, toArray } from 'rxjs';
import { fromByteStream } from '../../lib/adapters/fromByteStream.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('fromByteStream', () => {
  it('should read a ReadableStream through its reader', async () => {
    const body = new Blob(['ab', 'cd']).stream();
    const chunks = await lastValueFrom(fromByteStream(body).pipe(toArray()));
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe('abcd');
  });

  it('should read an async iterable of bytes', async () => {
    async function* two() {
      yield bytes('a');
      yield bytes('b');
    }
    expect((await lastValueFrom(fromByteStream(two()).pipe(toArray()))).length).toBe(2);
  });

  it('should cancel the stream when unsubscribed', async () => {
    let onCancel: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => {
      onCancel = resolve;
    });
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(bytes('x')),
      cancel: () => onCancel(),
    });
    expect(await lastValueFrom(fromByteStream(body).pipe(take(2), toArray()))).toHaveLength(2);
    await cancelled;
  });
});
