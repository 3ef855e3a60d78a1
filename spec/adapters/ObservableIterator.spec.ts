import { interval, NEVER, Observable, of, Subject, throwError } from 'rxjs';
import { ObservableIterator } from 'rxchain';

describe('ObservableIterator', () => {
  it('should buffer values the consumer has not pulled yet, in order', async () => {
    const source = new Subject<number>();
    const iterator = new ObservableIterator(source);
    source.next(1);
    source.next(2);
    source.next(3);
    expect(iterator.buffered).toBe(3);
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    expect(await iterator.next()).toEqual({ done: false, value: 2 });
    expect(iterator.buffered).toBe(1);
  });

  it('should deliver a large burst exactly once, in order', async () => {
    const count = 100_000;
    const values = Array.from({ length: count }, (_, i) => i);
    const iterator = new ObservableIterator(of(...values));
    let expected = 0;
    for await (const value of iterator) {
      if (value !== expected) throw new Error(`got ${value}, expected ${expected}`);
      expected++;
    }
    expect(expected).toBe(count);
  });

  it('should resolve a pending next() when a value arrives', async () => {
    const source = new Subject<string>();
    const iterator = new ObservableIterator(source);
    const pending = iterator.next();
    source.next('late');
    expect(await pending).toEqual({ done: false, value: 'late' });
  });

  it('should deliver the values before an error, then reject once, then be done', async () => {
    const error = new Error('source failed');
    const iterator = new ObservableIterator(
      new Observable<number>((subscriber) => {
        subscriber.next(1);
        subscriber.error(error);
      }),
    );
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    await expect(iterator.next()).rejects.toBe(error);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('should not subscribe before the first next() when lazy', async () => {
    let subscribed = false;
    const iterator = new ObservableIterator(
      new Observable<number>((subscriber) => {
        subscribed = true;
        subscriber.next(7);
        subscriber.complete();
      }),
      { lazy: true },
    );
    expect(subscribed).toBe(false);
    expect(await iterator.next()).toEqual({ done: false, value: 7 });
    expect(subscribed).toBe(true);
  });

  it('should unsubscribe on return() (what break calls) and never throw', async () => {
    let torndown = false;
    const iterator = new ObservableIterator(
      new Observable<number>((subscriber) => {
        const ticks = interval(1).subscribe(subscriber);
        return () => {
          torndown = true;
          ticks.unsubscribe();
        };
      }),
    );
    for await (const value of iterator) {
      expect(value).toBe(0);
      break;
    }
    expect(torndown).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('should settle a pending next() when closed, with done or with the reason', async () => {
    const quiet = new ObservableIterator(NEVER);
    const pendingDone = quiet.next();
    quiet.close();
    expect(await pendingDone).toEqual({ done: true, value: undefined });
    const cancelled = new ObservableIterator(NEVER);
    const pendingReject = cancelled.next();
    const reason = new Error('cancelled');
    cancelled.close(reason);
    await expect(pendingReject).rejects.toBe(reason);
  });

  it('should reject ready() when the source fails before emitting, consuming the error', async () => {
    const error = new Error('early');
    const iterator = new ObservableIterator(throwError(() => error));
    await expect(iterator.ready()).rejects.toBe(error);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('should keep the first value after ready()', async () => {
    const iterator = new ObservableIterator(of('first', 'second'));
    await iterator.ready();
    expect(await iterator.next()).toEqual({ done: false, value: 'first' });
    expect(await iterator.next()).toEqual({ done: false, value: 'second' });
  });

  it('should refuse a second concurrent next()', async () => {
    const iterator = new ObservableIterator(NEVER);
    void iterator.next();
    await expect(iterator.next()).rejects.toThrow(/still pending/);
    iterator.close();
  });
});
