import { lastValueFrom, take, toArray } from 'rxjs';
import { fromAsyncIterable } from 'rxchain';

describe('fromAsyncIterable', () => {
  it('should emit every value then complete', async () => {
    async function* three() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await lastValueFrom(fromAsyncIterable(three()).pipe(toArray()))).toEqual([1, 2, 3]);
  });

  it('should call return() on unsubscribe, so the generator finally block runs', async () => {
    let finallyRan: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => {
      finallyRan = resolve;
    });
    let produced = 0;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield produced;
        }
      } finally {
        finallyRan();
      }
    }
    expect(await lastValueFrom(fromAsyncIterable(endless()).pipe(take(2), toArray()))).toEqual([1, 2]);
    await ran;
    expect(produced).toBeLessThanOrEqual(3);
  });

  it('should deliver an error thrown by the iterator', async () => {
    async function* failing() {
      yield 'a';
      throw new Error('iterator failed');
    }
    const seen: string[] = [];
    await expect(
      new Promise((resolve, reject) =>
        fromAsyncIterable(failing()).subscribe({
          next: (v) => seen.push(v),
          error: reject,
          complete: () => resolve(null),
        }),
      ),
    ).rejects.toThrow('iterator failed');
    expect(seen).toEqual(['a']);
  });

  it('should swallow a failing return() after unsubscribe instead of leaking a rejection', async () => {
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: false, value: 1 }),
        return: () => Promise.reject(new Error('cannot close')),
      }),
    };
    expect(await lastValueFrom(fromAsyncIterable(iterable).pipe(take(1)))).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('should run each next() through the context runner', async () => {
    let entered = 0;
    async function* two() {
      yield 'x';
      yield 'y';
    }
    const runner = <R>(fn: () => R): R => {
      entered++;
      return fn();
    };
    expect(await lastValueFrom(fromAsyncIterable(two(), runner).pipe(toArray()))).toEqual(['x', 'y']);
    expect(entered).toBe(3);
  });
});
