import { firstValueFrom, from, interval, lastValueFrom, map, NEVER, Observable, of, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  AbortError,
  ChatPromptTemplate,
  InvalidArgumentError,
  RunnableBinding,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
  TimeoutError,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const jokeChain = (model: ScriptedChatModel) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}').pipe(model).pipe(new StringOutputParser());

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

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

  describe('batch', () => {
    it('should return outputs in input order', async () => {
      const double = RunnableLambda.from(async (x: number) => {
        await new Promise((resolve) => setImmediate(resolve));
        return x * 2;
      });
      expect(await double.batch([1, 2, 3])).toEqual([2, 4, 6]);
    });

    it('should run at most maxConcurrency inputs at once', async () => {
      let running = 0;
      let peak = 0;
      const slow = RunnableLambda.from(async (x: number) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return x;
      });
      expect(await slow.batch([1, 2, 3, 4, 5], { maxConcurrency: 2 })).toEqual([1, 2, 3, 4, 5]);
      expect(peak).toBe(2);
      peak = 0;
      await slow.batch([1, 2, 3, 4, 5]);
      expect(peak).toBe(5);
      peak = 0;
      await slow.batch([1, 2, 3, 4, 5], undefined, { maxConcurrency: 3 });
      expect(peak).toBe(3);
    });

    it('should return errors in place with returnExceptions', async () => {
      const picky = RunnableLambda.from((x: number) => {
        if (x === 2) throw new Error('two');
        return x;
      });
      const results = await picky.batch([1, 2, 3], undefined, { returnExceptions: true });
      expect(results[0]).toBe(1);
      expect(results[1]).toBeInstanceOf(Error);
      expect((results[1] as Error).message).toBe('two');
      expect(results[2]).toBe(3);
      await expect(picky.batch([1, 2, 3])).rejects.toThrow('two');
    });

    it('should take one config per input and reject a list of the wrong length', async () => {
      const named = RunnableLambda.from((x: string, config) => `${x}:${String(config.metadata?.['n'])}`);
      expect(await named.batch(['a', 'b'], [{ metadata: { n: 1 } }, { metadata: { n: 2 } }])).toEqual(['a:1', 'b:2']);
      await expect(named.batch(['a', 'b'], [{}])).rejects.toBeInstanceOf(InvalidArgumentError);
    });
  });

  describe('asOperator', () => {
    it('should treat the source as the input stream of one run', async () => {
      const parser = new StringOutputParser();
      const out = await lastValueFrom(of('a', 'b').pipe(parser.asOperator(), toArray()));
      expect(out).toEqual(['a', 'b']);
    });

    it('should let a whole-input step see the concatenated source', async () => {
      const length = RunnableLambda.from((text: string) => text.length);
      expect(await lastValueFrom(of('ab', 'cd').pipe(length.asOperator()))).toBe(4);
    });
  });

  describe('signal and timeout', () => {
    it('should reject with the signal reason when aborted mid-stream and stop the model', async () => {
      const controller = new AbortController();
      let torndown = false;
      const endless$ = new Observable<string>(() => () => {
        torndown = true;
      });
      const model = new ScriptedChatModel({ responses: [endless$] });
      const run = jokeChain(model).invoke({ topic: 'x' }, { signal: controller.signal });
      controller.abort(new Error('user stopped'));
      await expect(run).rejects.toThrow('user stopped');
      expect(torndown).toBe(true);
    });

    it('should reject at once with an AbortError for an already aborted signal with a string reason', async () => {
      const controller = new AbortController();
      controller.abort('nope');
      const model = new ScriptedChatModel({ responses: ['x'] });
      const error = await jokeChain(model)
        .invoke({ topic: 'x' }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).name).toBe('AbortError');
      expect(model.calls).toHaveLength(0);
    });

    it('should fail with a TimeoutError naming the run, in virtual time', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-------b|');
        const chain = RunnableSequence.from(
          [new ScriptedChatModel({ responses: [tokens] }), new StringOutputParser()],
          'joke',
        );
        expectObservable(chain.stream$('q', { timeout: 5 })).toBe('-a---#', undefined, new TimeoutError('joke', 5));
        expectSubscriptions(tokens.subscriptions).toBe('^----!');
      });
    });

    it('should apply a timeout bound with withConfig to that step only', async () => {
      const stuck = RunnableLambda.fromOperator(() => NEVER, { name: 'stuck' }).withConfig({ timeout: 5 });
      const error = await RunnableSequence.from([(x: string) => x, stuck])
        .invoke('x')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).runName).toBe('stuck');
    });
  });

  describe('pipe and withConfig', () => {
    it('should flatten piped steps into one sequence', () => {
      const chain = RunnableLambda.from((x: number) => x)
        .pipe((x: number) => x + 1)
        .pipe((x: number) => x * 2);
      expect(chain).toBeInstanceOf(RunnableSequence);
      expect((chain as RunnableSequence).steps).toHaveLength(3);
    });

    it('should coerce an object in pipe into a parallel map', async () => {
      const chain = RunnableLambda.from((x: number) => x).pipe({ a: (x: number) => x + 1, b: (x: number) => x - 1 });
      expect(await chain.invoke(10)).toEqual({ a: 11, b: 9 });
    });

    it('should merge chained withConfig layers instead of replacing them', () => {
      const step = RunnableLambda.from((x: number) => x)
        .withConfig({ tags: ['a'], metadata: { x: 1 } })
        .withConfig({ tags: ['b'], metadata: { y: 2 }, runName: 'named' });
      expect(step.getName()).toBe('named');
      expect((step as RunnableBinding).config).toMatchObject({
        tags: ['a', 'b'],
        metadata: { x: 1, y: 2 },
      });
    });
  });
});
