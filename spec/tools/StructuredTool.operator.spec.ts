import { lastValueFrom, NEVER, toArray } from 'rxjs';
import { ToolInputError } from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';
import { argChunks, multiplyTool } from '../support/multiplyTool';

describe('StructuredTool', () => {
  describe('as an operator (marble)', () => {
    it('should wait for its whole input (object chunks merge) and emit one result', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const args$ = cold('-a-b|', { a: { a: 6 }, b: { b: 7 } });
        expectObservable(multiplyTool().stream$(argChunks(args$))).toBe('----(r|)', { r: 42 });
        expectSubscriptions(args$.subscriptions).toBe('^---!');
      });
    });

    it('should fail at input completion for invalid input, and pass a source error on', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(multiplyTool().stream$(argChunks(cold('-a-|', { a: { a: 6 } })))).toBe(
          '---#',
          undefined,
          expect.any(ToolInputError),
        );
        const boom = new Error('source');
        expectObservable(multiplyTool().stream$(argChunks(cold('-a-#', { a: { a: 6 } }, boom)))).toBe(
          '---#',
          undefined,
          boom,
        );
      });
    });

    it('should stop listening to its input when unsubscribed early', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const args$ = cold('-a--', { a: { a: 6 } });
        expectObservable(multiplyTool().stream$(argChunks(args$)), '^-!').toBe('---');
        expectSubscriptions(args$.subscriptions).toBe('^-!');
      });
    });
  });

  it('should emit nothing when its input never completes', async () => {
    const chunks: unknown[] = [];
    const subscription = multiplyTool()
      .stream$(NEVER)
      .subscribe((chunk) => chunks.push(chunk));
    await Promise.resolve();
    subscription.unsubscribe();
    expect(chunks).toEqual([]);
  });

  it('should stream one chunk', async () => {
    expect(await lastValueFrom(multiplyTool().stream$({ a: 2, b: 2 }).pipe(toArray()))).toEqual([4]);
  });
});
