import { lastValueFrom, take, toArray } from 'rxjs';
import { InvalidArgumentError, RunNotFoundError, type StoredFrame } from 'rxchain';
import { RedisRunStore } from 'rxchain/redis';
import { Redis } from 'ioredis';
import { RedisTestServer } from '../support/redisServer';

const data = (id: number): StoredFrame => ({ id, event: 'data', data: `{"n":${id}}` });
const end = (id: number): StoredFrame => ({ id, event: 'end' });

describe('RedisRunStore (a real redis-server)', () => {
  let redis: RedisTestServer;
  const stores: RedisRunStore[] = [];
  const store = (options: Partial<ConstructorParameters<typeof RedisRunStore>[0]> = {}): RedisRunStore => {
    const made = new RedisRunStore({ url: redis.url, blockMs: 200, ...options });
    stores.push(made);
    return made;
  };

  beforeAll(async () => {
    redis = await RedisTestServer.start();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    // Every store closed its connection, and every reader its own: only ours is left.
    const admin = new Redis(redis.url);
    let clients = Infinity;
    for (let poll = 0; poll < 100 && clients > 1; poll++) {
      clients = Number(/connected_clients:(\d+)/.exec(await admin.info('clients'))?.[1]);
      if (clients > 1) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await admin.quit();
    await redis.stop();
    expect(clients).toBe(1);
  });

  it('should replay the frames after an id, tail new ones, and complete after the last', async () => {
    const writer = store();
    const reader = store();
    await writer.create('a', 'stream_events');
    await writer.append('a', data(1), false);
    await writer.append('a', data(2), false);
    const read = lastValueFrom(reader.read('a', 1).pipe(toArray()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.append('a', data(3), false);
    await writer.append('a', end(4), true);
    expect((await read).map((frame) => frame.id)).toEqual([2, 3, 4]);
    expect(await reader.run('a')).toEqual({ runId: 'a', kind: 'stream_events', done: true, lastId: 4 });
    expect((await read)[0]).toEqual(data(2));
    expect((await read)[2]).toEqual(end(4));
  });

  it('should fail a read of a run it does not have', async () => {
    await expect(lastValueFrom(store().read('missing', 0))).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('should fail a read whose frames were trimmed away', async () => {
    const small = store({ maxFramesPerRun: 1 });
    await small.create('trimmed', 'stream');
    // MAXLEN ~ trims whole internal nodes: write enough frames for it to drop some.
    for (let id = 1; id <= 300; id++) await small.append('trimmed', data(id), false);
    await small.append('trimmed', end(301), true);
    await expect(lastValueFrom(small.read('trimmed', 1))).rejects.toThrow('no longer kept');
  });

  it('should leave no connection behind when readers come and go while connecting', async () => {
    const churn = store();
    await churn.create('churn', 'stream');
    for (let i = 0; i < 20; i++) {
      const subscription = churn.read('churn', 0).subscribe({ error: () => undefined });
      await new Promise((resolve) => setTimeout(resolve, i));
      subscription.unsubscribe();
    }
    // afterAll counts the connections left.
    expect(await churn.run('churn')).toMatchObject({ done: false });
  });

  it('should stop its blocking read when unsubscribed, and free the connection', async () => {
    const writer = store();
    await writer.create('b', 'stream');
    await writer.append('b', data(1), false);
    const admin = new Redis(redis.url);
    try {
      const before = Number(/connected_clients:(\d+)/.exec(await admin.info('clients'))?.[1]);
      expect((await lastValueFrom(store().read('b', 0).pipe(take(1)))).id).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = Number(/connected_clients:(\d+)/.exec(await admin.info('clients'))?.[1]);
      // The reader's own connection is gone; the store's main one (opened meanwhile) stays.
      expect(after).toBeLessThanOrEqual(before + 1);
    } finally {
      admin.disconnect();
    }
  });

  it('should expire a run after its time to live', async () => {
    const short = store({ ttlMs: 100 });
    await short.create('c', 'stream');
    await short.append('c', data(1), false);
    expect(await short.run('c')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await short.run('c')).toBeUndefined();
  });

  it('should share reader leases between instances', async () => {
    const a = store();
    const b = store();
    await a.create('d', 'stream');
    expect(await a.isRead('d')).toBe(false);
    await b.touch('d', 1000);
    expect(await a.isRead('d')).toBe(true);
  });

  it('should refuse options it cannot use', () => {
    expect(() => new RedisRunStore({})).toThrow(InvalidArgumentError);
    expect(() => new RedisRunStore({ url: redis.url, ttlMs: 0 })).toThrow('ttlMs must be a positive number');
  });
});
