import { animationFrameScheduler, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { AIMessageChunk, coalesce, InvalidArgumentError, lastChunkAccumulator } from 'rxchain';

const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('coalesce', () => {
  it('should emit one joined chunk per window, opened by the first chunk', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('ab-c------d|', { a: 'He', b: 'll', c: 'o', d: '!' });
      expectObservable(tokens.pipe(coalesce(5))).toBe('-----x-----(y|)', { x: 'Hello', y: '!' });
      expectSubscriptions(tokens.subscriptions).toBe('^----------!');
    });
  });

  it('should emit nothing for an empty source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('---|').pipe(coalesce(2))).toBe('---|');
    });
  });

  it('should emit the open window before a source error', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const tokens = cold('ab#', { a: 'x', b: 'y' }, new Error('cut'));
      expectObservable(tokens.pipe(coalesce(10))).toBe('--(s#)', { s: 'xy' }, new Error('cut'));
    });
  });

  it('should fail when the accumulator throws, and tear the source down', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('a-b-c|', { a: 'x', b: 'boom', c: 'z' });
      const failing = () => ({
        add: (chunk: string) => {
          if (chunk === 'boom') throw new Error('bad chunk');
        },
        value: () => 'x',
      });
      expectObservable(tokens.pipe(coalesce(1, { accumulator: failing }))).toBe(
        '-x#',
        { x: 'x' },
        new Error('bad chunk'),
      );
      expectSubscriptions(tokens.subscriptions).toBe('^-!');
    });
  });

  it('should clear the open window when unsubscribed early', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('a-b-c-d|', { a: 'a', b: 'b', c: 'c', d: 'd' });
      expectObservable(tokens.pipe(coalesce(3)), '^----!').toBe('---x-', { x: 'ab' });
      expectSubscriptions(tokens.subscriptions).toBe('^----!');
    });
  });

  it('should take a synchronous source cut by take', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const tokens = cold('(abcd|)', { a: 'a', b: 'b', c: 'c', d: 'd' });
      expectObservable(tokens.pipe(take(2), coalesce(4))).toBe('(x|)', { x: 'ab' });
    });
  });

  it('should keep the last value of cumulative chunks with lastChunkAccumulator', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const partials = cold('ab-c|', { a: { n: 'F' }, b: { n: 'Fr' }, c: { n: 'Fra' } });
      expectObservable(partials.pipe(coalesce(2, { accumulator: lastChunkAccumulator }))).toBe('--x-(y|)', {
        x: { n: 'Fr' },
        y: { n: 'Fra' },
      });
    });
  });

  it('should concatenate message chunks', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('ab|', { a: new AIMessageChunk('Hel'), b: new AIMessageChunk('lo') });
      const text = chunks.pipe(coalesce(5));
      expectObservable(text).toBe('--(x|)', { x: new AIMessageChunk('Hello') });
    });
  });

  it('should emit once per animation frame with "frame"', () => {
    scheduler().run(({ animate, cold, expectObservable }) => {
      animate('---x---x---x');
      const tokens = cold('abc--de--f|', { a: 'a', b: 'b', c: 'c', d: 'd', e: 'e', f: 'f' });
      expectObservable(tokens.pipe(coalesce('frame', { scheduler: animationFrameScheduler }))).toBe('---x---y--(z|)', {
        x: 'abc',
        y: 'de',
        z: 'f',
      });
    });
  });

  it('should refuse a window that is not a duration', () => {
    expect(() => coalesce(-1)).toThrow(InvalidArgumentError);
    expect(() => coalesce('soon' as never)).toThrow('coalesce() takes a number of milliseconds');
  });
});
