import { interval, Observable, of } from 'rxjs';
import { IterableReadableStream, ObservableIterator } from 'rxchain';

describe('IterableReadableStream', () => {
  it('should be read with a reader', async () => {
    const stream = new IterableReadableStream(new ObservableIterator(of(1, 2)));
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ done: false, value: 1 });
    expect(await reader.read()).toEqual({ done: false, value: 2 });
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('should cancel the source when the reader cancels', async () => {
    let torndown = false;
    const source = new Observable<number>((subscriber) => {
      const ticks = interval(1).subscribe(subscriber);
      return () => {
        torndown = true;
        ticks.unsubscribe();
      };
    });
    const stream = new IterableReadableStream(new ObservableIterator(source));
    const reader = stream.getReader();
    expect((await reader.read()).value).toBe(0);
    await reader.cancel();
    expect(torndown).toBe(true);
  });

  it('should cancel the source on asyncDispose', async () => {
    let torndown = false;
    const source = new Observable<number>(() => () => {
      torndown = true;
    });
    const stream = new IterableReadableStream(new ObservableIterator(source));
    await stream[Symbol.asyncDispose]();
    expect(torndown).toBe(true);
  });

  it('should wrap a plain async iterable and stop it on return()', async () => {
    let closed = false;
    async function* letters() {
      try {
        yield 'a';
        yield 'b';
      } finally {
        closed = true;
      }
    }
    const stream = IterableReadableStream.fromAsyncIterable(letters());
    for await (const letter of stream) {
      expect(letter).toBe('a');
      break;
    }
    expect(closed).toBe(true);
  });

  it('should reject throw() with the given error after cancelling', async () => {
    const stream = new IterableReadableStream(new ObservableIterator(of(1)));
    await expect(stream.throw(new Error('stop'))).rejects.toThrow('stop');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
