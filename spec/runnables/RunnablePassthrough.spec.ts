import { EMPTY, from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError, RunnablePassthrough, RunnableSequence } from 'rxchain';
import { names, recordEvents } from '../support/events';

describe('RunnablePassthrough', () => {
  it('should pass every chunk through on the frame it arrives', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const input = cold('-a-b-|');
      expectObservable(new RunnablePassthrough<string>().stream$(input)).toBe('-a-b-|');
      expectSubscriptions(input.subscriptions).toBe('^----!');
    });
  });

  describe('assign', () => {
    it('should keep the input keys and add the computed ones', async () => {
      const chain = RunnablePassthrough.assign({
        total: (x: { a: number; b: number }) => x.a + x.b,
        product: (x: { a: number; b: number }) => x.a * x.b,
      });
      expect(await chain.invoke({ a: 2, b: 3 })).toEqual({ a: 2, b: 3, total: 5, product: 6 });
    });

    it('should emit the passthrough keys first, then the computed pieces', async () => {
      const chain = RunnablePassthrough.assign({ upper: (x: { word: string }) => x.word.toUpperCase() });
      expect(await lastValueFrom(chain.stream$({ word: 'hi' }).pipe(toArray()))).toEqual([
        { word: 'hi' },
        { upper: 'HI' },
      ]);
    });

    it('should run the mapper as an untagged child run', async () => {
      const chain = RunnableSequence.from([
        (x: string) => ({ word: x }),
        RunnablePassthrough.assign({ upper: (x: { word: string }) => x.word.toUpperCase() }),
      ]);
      const events = await recordEvents(chain, 'hi');
      const mapper = events.find((e) => e.type === 'start' && e.run.name === 'RunnableMap');
      expect(mapper?.run.tags).toEqual([]);
      expect(names(events)).toContain('end:RunnableAssign');
    });

    it('should fail with InvalidArgumentError for a non-object input', async () => {
      const chain = RunnablePassthrough.assign({ x: () => 1 });
      const error = await chain.invoke('text' as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/needs an object input, got string/);
    });
  });
});

describe('RunnablePassthrough({ func })', () => {
  it('should call func with the whole input once it passed through, under invoke and stream', async () => {
    const seen: string[] = [];
    const logged = new RunnablePassthrough<string>({ func: (input) => void seen.push(input) });
    expect(await logged.invoke('hello')).toBe('hello');
    const chunks = await lastValueFrom(logged.stream$(from(['a', 'b'])).pipe(toArray()));
    expect(chunks).toEqual(['a', 'b']);
    expect(seen).toEqual(['hello', 'ab']);
  });

  it('should end the run only when an async func settles, and fail when it rejects', async () => {
    const order: string[] = [];
    const slow = new RunnablePassthrough<string>({
      func: async () => {
        await Promise.resolve();
        order.push('func');
      },
    });
    await slow.invoke('x');
    order.push('done');
    expect(order).toEqual(['func', 'done']);
    const failing = new RunnablePassthrough<string>({ func: () => Promise.reject(new Error('store down')) });
    await expect(failing.invoke('x')).rejects.toThrow('store down');
  });

  it('should not call func for an empty input', async () => {
    let calls = 0;
    const passthrough = new RunnablePassthrough<string>({ func: () => void calls++ });
    await lastValueFrom(passthrough.stream$(EMPTY).pipe(toArray()));
    expect(calls).toBe(0);
  });
});
