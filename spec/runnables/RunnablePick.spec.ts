import { lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError, RunnableMap, RunnablePick } from 'rxchain';

const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('RunnablePick', () => {
  describe('streaming (marbles)', () => {
    it('should pick one key out of every chunk that has it, dropping the others', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const input = cold('-a-b-c|', { a: { x: 'He', y: 1 }, b: { y: 2 }, c: { x: 'llo' } });
        expectObservable(new RunnablePick('x').stream$(input)).toBe('-a---c|', { a: 'He', c: 'llo' });
        expectSubscriptions(input.subscriptions).toBe('^-----!');
      });
    });

    it('should pick an object of several keys, dropping chunks holding none', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const input = cold('-a-b-c|', { a: { x: 1, y: 2, z: 3 }, b: { z: 4 }, c: { y: 5 } });
        expectObservable(new RunnablePick(['x', 'y']).stream$(input)).toBe('-a---c|', {
          a: { x: 1, y: 2 },
          c: { y: 5 },
        });
      });
    });

    it('should complete on an empty source, forward a source error, and unsubscribe early', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const empty = cold<Record<string, unknown>>('|');
        expectObservable(new RunnablePick('x').stream$(empty)).toBe('|');
        const failing = cold('-a-#', { a: { x: 1 } }, new Error('boom'));
        expectObservable(new RunnablePick('x').stream$(failing)).toBe('-a-#', { a: 1 }, new Error('boom'));
        const long = cold('-a-a-a|', { a: { x: 1 } });
        expectObservable(new RunnablePick('x').stream$(long), '^--!').toBe('-a-', { a: 1 });
        expectSubscriptions(long.subscriptions).toBe('^--!');
      });
    });

    it('should fail with an InvalidArgumentError on a chunk that is not an object', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const input = cold('-a|', { a: 'text' as unknown as Record<string, unknown> });
        expectObservable(new RunnablePick('x').stream$(input)).toBe(
          '-#',
          undefined,
          expect.any(InvalidArgumentError) as unknown as Error,
        );
      });
    });
  });

  it('should be what .pick() chains after a runnable', async () => {
    const map = RunnableMap.from({ a: (x: number) => x + 1, b: (x: number) => x * 2, c: () => 'c' });
    expect(await map.pick('b').invoke(4)).toBe(8);
    expect(await map.pick(['a', 'c']).invoke(4)).toEqual({ a: 5, c: 'c' });
    expect(await lastValueFrom(map.pick('a').stream$(1).pipe(toArray()))).toEqual([2]);
  });

  it('should add picked chunks up as the input did', async () => {
    const map = RunnableMap.from({
      text: async function* (input: AsyncIterable<string>) {
        for await (const chunk of input) yield* chunk.split('');
      },
    });
    expect(await map.pick('text').invoke('abc' as never)).toBe('abc');
  });
});
