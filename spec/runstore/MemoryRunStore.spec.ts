import { lastValueFrom, take, toArray } from 'rxjs';
import { InvalidArgumentError, MemoryRunStore, RunNotFoundError, RunStoreLimitError, type StoredFrame } from 'rxchain';

const data = (id: number, text = `"t${id}"`): StoredFrame => ({ id, event: 'data', data: text });
const end = (id: number): StoredFrame => ({ id, event: 'end' });

describe('MemoryRunStore', () => {
  it('should replay the frames after an id, then the new ones, and complete after the last', async () => {
    const store = new MemoryRunStore();
    await store.create('r', 'stream_events');
    await store.append('r', data(1), false);
    await store.append('r', data(2), false);
    const seen: number[] = [];
    const done = new Promise<void>((resolve, reject) => {
      store.read('r', 1).subscribe({ next: (frame) => seen.push(frame.id), error: reject, complete: resolve });
    });
    expect(seen).toEqual([2]);
    await store.append('r', data(3), false);
    await store.append('r', end(4), true);
    await done;
    expect(seen).toEqual([2, 3, 4]);
    expect(await store.run('r')).toEqual({ runId: 'r', kind: 'stream_events', done: true, lastId: 4 });
  });

  it('should complete at once when the run is done and nothing is after the id', async () => {
    const store = new MemoryRunStore();
    await store.create('r', 'stream');
    await store.append('r', end(1), true);
    expect(await lastValueFrom(store.read('r', 1).pipe(toArray()))).toEqual([]);
    expect(await lastValueFrom(store.read('r', 0).pipe(toArray()))).toEqual([end(1)]);
  });

  it('should fail a read of an unknown run, and an append to a finished one', async () => {
    const store = new MemoryRunStore();
    await expect(lastValueFrom(store.read('nope', 0))).rejects.toBeInstanceOf(RunNotFoundError);
    await store.create('r', 'stream');
    await store.append('r', end(1), true);
    await expect(store.append('r', data(2), false)).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('should stop reading when unsubscribed, and leave the run to later readers', async () => {
    const store = new MemoryRunStore();
    await store.create('r', 'stream');
    const first = lastValueFrom(store.read('r', 0).pipe(take(1)));
    await store.append('r', data(1), false);
    expect((await first).id).toBe(1);
    await store.append('r', end(2), true);
    expect((await lastValueFrom(store.read('r', 0).pipe(toArray()))).map((f) => f.id)).toEqual([1, 2]);
  });

  it('should expire runs after their time to live, finished or abandoned, failing their live readers', () => {
    // A hand-driven clock: the store reads time only through scheduler.now().
    const clock = { now: 0 };
    const scheduler = { now: () => clock.now } as never;
    const store = new MemoryRunStore({ ttlMs: 1000, scheduler });
    return (async () => {
      await store.create('finished', 'stream');
      await store.append('finished', end(1), true);
      await store.create('abandoned', 'stream');
      await store.append('abandoned', data(1), false);
      const failed = lastValueFrom(store.read('abandoned', 1)).catch((e: unknown) => e);
      clock.now = 999;
      expect(store.size).toBe(2);
      clock.now = 1000;
      expect(store.size).toBe(0);
      expect(await failed).toBeInstanceOf(RunNotFoundError);
      expect(await store.run('finished')).toBeUndefined();
      expect(store.bytes).toBe(0);
    })();
  });

  it('should stay within its byte bound with 1,000 finished runs, dropping the oldest', async () => {
    const maxBytes = 200_000;
    const store = new MemoryRunStore({ maxBytes, maxRuns: 10_000 });
    const payload = 'x'.repeat(500);
    let peak = 0;
    for (let run = 0; run < 1000; run++) {
      await store.create(`r${run}`, 'stream');
      for (let id = 1; id <= 3; id++) await store.append(`r${run}`, data(id, payload), false);
      await store.append(`r${run}`, end(4), true);
      peak = Math.max(peak, store.bytes);
    }
    expect(peak).toBeLessThanOrEqual(maxBytes);
    expect(await store.run('r0')).toBeUndefined();
    expect((await store.run('r999'))?.done).toBe(true);
    expect(store.size).toBeLessThan(1000);
  });

  it('should refuse a live run frame that cannot fit, and a run beyond maxRuns while all are live', async () => {
    const store = new MemoryRunStore({ maxBytes: 100, maxRuns: 2 });
    await store.create('a', 'stream');
    await store.create('b', 'stream');
    await expect(store.create('c', 'stream')).rejects.toMatchObject({ name: 'RunStoreLimitError', limit: 'maxRuns' });
    const error = await store.append('a', data(1, 'y'.repeat(200)), false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunStoreLimitError);
    expect((error as RunStoreLimitError).limit).toBe('maxBytes');
  });

  it('should hold a reader lease for its time, across callers', async () => {
    const clock = { now: 0 };
    const store = new MemoryRunStore({ scheduler: { now: () => clock.now } as never });
    await store.create('r', 'stream');
    expect(await store.isRead('r')).toBe(false);
    await store.touch('r', 500);
    clock.now = 499;
    expect(await store.isRead('r')).toBe(true);
    clock.now = 500;
    expect(await store.isRead('r')).toBe(false);
  });

  it('should refuse bounds that are not positive numbers', () => {
    expect(() => new MemoryRunStore({ maxBytes: 0 })).toThrow(InvalidArgumentError);
    expect(() => new MemoryRunStore({ ttlMs: -1 })).toThrow('ttlMs must be a positive number');
  });
});
