import { Observable, Subject } from 'rxjs';
import { BufferOverflowError, InvalidArgumentError, ObservableIterator, RunnableLambda } from 'rxchain';

async function drain<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const value of iterator) seen.push(value);
  return seen;
}

function counting(count: number, produced: { n: number }): Observable<number> {
  return new Observable<number>((subscriber) => {
    for (let i = 0; i < count && !subscriber.closed; i++) {
      produced.n++;
      subscriber.next(i);
    }
    subscriber.complete();
  });
}

describe('ObservableIterator with a bounded buffer', () => {
  it('should cancel a synchronous source past the mark and reject after the buffered values', async () => {
    const produced = { n: 0 };
    const iterator = new ObservableIterator(counting(100_000, produced), { highWaterMark: 3 });
    expect(produced.n).toBeLessThanOrEqual(5);
    expect(iterator.buffered).toBe(3);
    expect(await iterator.next()).toEqual({ done: false, value: 0 });
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    expect(await iterator.next()).toEqual({ done: false, value: 2 });
    const failure = await iterator.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BufferOverflowError);
    expect(failure).toMatchObject({ limit: 3, unit: 'items' });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('should unsubscribe an asynchronous source on overflow', async () => {
    const source = new Subject<number>();
    const iterator = new ObservableIterator(source, { highWaterMark: 2 });
    source.next(1);
    source.next(2);
    expect(source.observed).toBe(true);
    source.next(3);
    expect(source.observed).toBe(false);
    await expect(drain(iterator)).rejects.toBeInstanceOf(BufferOverflowError);
  });

  it('should not overflow while the consumer keeps up', async () => {
    const source = new Subject<number>();
    const iterator = new ObservableIterator(source, { highWaterMark: 1 });
    for (let i = 0; i < 5; i++) {
      const pending = iterator.next();
      source.next(i);
      expect(await pending).toEqual({ done: false, value: i });
    }
    source.next(5);
    source.complete();
    expect(await drain(iterator)).toEqual([5]);
  });

  it("should keep the newest values with 'drop-oldest'", async () => {
    const produced = { n: 0 };
    const iterator = new ObservableIterator(counting(10, produced), { highWaterMark: 3, overflow: 'drop-oldest' });
    expect(await drain(iterator)).toEqual([7, 8, 9]);
    expect(produced.n).toBe(10);
  });

  it("should replace the newest buffered value with 'latest'", async () => {
    const iterator = new ObservableIterator(counting(10, { n: 0 }), { highWaterMark: 3, overflow: 'latest' });
    expect(await drain(iterator)).toEqual([0, 1, 9]);
  });

  it('should reject an invalid bound on the first pull, without subscribing', async () => {
    const source = new Subject<number>();
    const iterator = new ObservableIterator(source, { highWaterMark: 0 });
    expect(source.observed).toBe(false);
    await expect(iterator.next()).rejects.toBeInstanceOf(InvalidArgumentError);
    const policy = new ObservableIterator(source, { overflow: 'newest' as 'latest' });
    await expect(policy.next()).rejects.toThrow(/overflow must be/);
  });

  it('should be reachable from stream() and streamEvents()', async () => {
    const many = RunnableLambda.from(function* (text: string) {
      for (let i = 0; i < 1000; i++) yield text;
    });
    const stream = await many.stream('x', { buffer: { highWaterMark: 10 } });
    await expect(drain(stream)).rejects.toBeInstanceOf(BufferOverflowError);
    const latest = await many.stream('x', { buffer: { highWaterMark: 2, overflow: 'latest' } });
    expect((await drain(latest)).length).toBe(2);
    const events = many.streamEvents('x', { version: 'v2', buffer: { highWaterMark: 10 } });
    await expect(drain(events)).rejects.toBeInstanceOf(BufferOverflowError);
  });
});
