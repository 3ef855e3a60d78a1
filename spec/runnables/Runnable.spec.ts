import { firstValueFrom, from, interval, lastValueFrom, map, Observable, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError, RunnableLambda, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { jokeChain, collect } from '../support/jokeChain';

describe('Runnable', () => {
  describe('invoke', () => {
    it('should resolve with the aggregate of the stream', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'] });
      expect(await jokeChain(model).invoke({ topic: 'x' })).toBe('a b c');
    });

    it('should resolve with undefined when the stream is empty', async () => {
      const nothing = RunnableLambda.fromOperator(() => from([] as string[]));
      expect(await nothing.invoke('x')).toBeUndefined();
    });

    it('should reject with the model error when the model fails mid-stream', async () => {
      const error = new Error('model down');
      const model = new ScriptedChatModel({ responses: ['one two three four'], failAt: { token: 3, error } });
      await expect(jokeChain(model).invoke({ topic: 'x' })).rejects.toBe(error);
    });

    it('should reject, not throw, when its config is invalid', async () => {
      const identity = RunnableLambda.from((x: number) => x);
      const call = identity.invoke(1, { timeout: 0 });
      await expect(call).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(identity.invoke(1, { maxConcurrency: -1 })).rejects.toThrow(
        /maxConcurrency must be a positive integer/,
      );
      await expect(identity.invoke(1, { recursionLimit: 0 })).rejects.toThrow(/recursionLimit/);
    });
  });

  describe('stream', () => {
    it('should yield chunks token by token', async () => {
      const model = new ScriptedChatModel({ responses: ['Why did the parrot talk?'] });
      expect(await collect(await jokeChain(model).stream({ topic: 'parrots' }))).toEqual([
        'Why',
        ' did',
        ' the',
        ' parrot',
        ' talk?',
      ]);
    });

    it('should deliver the chunks before a failure at token 3, then reject with the model error', async () => {
      const error = new Error('model down');
      const model = new ScriptedChatModel({ responses: ['one two three four'], failAt: { token: 3, error }, delay: 1 });
      const stream = await jokeChain(model).stream({ topic: 'x' });
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const chunk of stream) seen.push(chunk);
        })(),
      ).rejects.toBe(error);
      expect(seen).toEqual(['one', ' two']);
    });

    it('should reject the stream() promise when the run fails before its first chunk', async () => {
      const error = new Error('no tokens');
      const model = new ScriptedChatModel({ responses: ['a b'], failAt: { token: 1, error } });
      await expect(jokeChain(model).stream({ topic: 'x' })).rejects.toBe(error);
    });

    it('should cancel the model when the consumer breaks, without throwing', async () => {
      let subscribed = 0;
      let unsubscribed = 0;
      const tokens$ = new Observable<string>((subscriber) => {
        subscribed++;
        const inner = interval(2)
          .pipe(map((i) => ` t${i}`))
          .subscribe(subscriber);
        return () => {
          unsubscribed++;
          inner.unsubscribe();
        };
      });
      const model = new ScriptedChatModel({ responses: [tokens$] });
      const seen: string[] = [];
      for await (const chunk of await jokeChain(model).stream({ topic: 'x' })) {
        seen.push(chunk);
        break;
      }
      expect(seen).toEqual([' t0']);
      expect(subscribed).toBe(1);
      expect(unsubscribed).toBe(1);
    });

    it('should be readable as a ReadableStream too', async () => {
      const model = new ScriptedChatModel({ responses: ['x y'] });
      const stream = await jokeChain(model).stream({ topic: 't' });
      const reader = stream.getReader();
      const chunks: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      expect(chunks).toEqual(['x', ' y']);
    });
  });

  describe('stream$', () => {
    let scheduler: TestScheduler;
    beforeEach(() => {
      scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    });

    it('should be cold: nothing runs before subscription', () => {
      const model = new ScriptedChatModel({ responses: ['hi'] });
      const stream$ = jokeChain(model).stream$({ topic: 'x' });
      expect(model.calls).toHaveLength(0);
      void firstValueFrom(stream$);
      expect(model.calls).toHaveLength(1);
    });

    it('should run again on each subscription', async () => {
      const model = new ScriptedChatModel({ responses: ['one', 'two'] });
      const stream$ = jokeChain(model).stream$({ topic: 'x' });
      expect(await lastValueFrom(stream$)).toBe('one');
      expect(await lastValueFrom(stream$)).toBe('two');
    });

    it('should take an Observable of input chunks', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const input = cold('-a--b|', { a: 'x', b: 'y' });
        const upper = RunnableLambda.fromOperator((in$: Observable<string>) => in$.pipe(map((s) => s.toUpperCase())));
        expectObservable(upper.stream$(input)).toBe('-a--b|', { a: 'X', b: 'Y' });
        expectSubscriptions(input.subscriptions).toBe('^----!');
      });
    });

    it('should tear the source down when cut by take', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-c-d|');
        const chain = new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q').pipe(take(2))).toBe('-a-(b|)');
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
      });
    });

    it('should tear the source down on unsubscription', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-c-d|');
        const chain = new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q'), '^--!').toBe('-a-');
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
      });
    });

    it('should fail with the model error in the same frame', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const tokens = cold('-a-#', { a: 'x' }, new Error('down'));
        const chain = new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('-a-#', { a: 'x' }, new Error('down'));
      });
    });
  });
});
