import { lastValueFrom, toArray } from 'rxjs';
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
