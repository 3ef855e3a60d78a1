import { interval, lastValueFrom, map, Observable, of, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  RecursionLimitError,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
  type Runnable,
  type RunnableConfig,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { names, recordEvents } from '../support/events';

describe('RunnableLambda', () => {
  describe('from a function', () => {
    it('should call sync and async functions with the input and a config', async () => {
      const seen: RunnableConfig[] = [];
      const sync = RunnableLambda.from((x: number, config: RunnableConfig) => {
        seen.push(config);
        return x + 1;
      });
      const asyncFn = RunnableLambda.from(async (x: number) => x * 2);
      expect(await sync.invoke(1, { tags: ['t'], metadata: { m: 1 } })).toBe(2);
      expect(await asyncFn.invoke(4)).toBe(8);
      expect(seen[0]).toMatchObject({ tags: ['t'], metadata: { m: 1 } });
      expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
    });

    it('should be named RunnableLambda whatever its function is called, as in LangChain, unless given a name', () => {
      function reverseWord(word: string): string {
        return [...word].reverse().join('');
      }
      expect(RunnableLambda.from(reverseWord).getName()).toBe('RunnableLambda');
      expect(RunnableLambda.from((x: string) => x).getName()).toBe('RunnableLambda');
      expect(RunnableLambda.fromOperator((x$) => x$).getName()).toBe('RunnableLambda');
      expect(RunnableLambda.from(reverseWord, { name: 'custom' }).getName()).toBe('custom');
      expect(RunnableLambda.from(reverseWord).withConfig({ runName: 'reverse' }).getName()).toBe('reverse');
    });

    it('should stream what a function returns as an Observable, an async iterable or a generator', async () => {
      const viaObservable = RunnableLambda.from((n: number) => of(...Array.from({ length: n }, (_, i) => i)));
      const viaAsyncIterable = RunnableLambda.from((n: number) =>
        (async function* () {
          for (let i = 0; i < n; i++) yield i;
        })(),
      );
      const viaGenerator = RunnableLambda.from((n: number) =>
        (function* () {
          for (let i = 0; i < n; i++) yield i;
        })(),
      );
      for (const lambda of [viaObservable, viaAsyncIterable, viaGenerator] as Runnable<number, number>[]) {
        expect(await lastValueFrom(lambda.stream$(3).pipe(toArray()))).toEqual([0, 1, 2]);
      }
    });

    it('should not stream arrays or strings, which are values', async () => {
      const words = RunnableLambda.from((text: string) => text.split(' '));
      expect(await lastValueFrom(words.stream$('a b').pipe(toArray()))).toEqual([['a', 'b']]);
    });

    it('should run a returned runnable on the same input, as a child run', async () => {
      const inner = RunnableLambda.from(
        function inner(x: number) {
          return x * 100;
        },
        { name: 'inner' },
      );
      const router = RunnableLambda.from(
        function router() {
          return inner;
        },
        { name: 'router' },
      );
      expect(await router.invoke(2)).toBe(200);
      const events = await recordEvents(router, 2);
      expect(names(events)).toEqual([
        'start:router',
        'start:inner',
        'stream:inner',
        'stream:router',
        'end:inner',
        'end:router',
      ]);
      expect(events[1]?.run.parentIds).toEqual([events[0]?.run.runId]);
    });

    it('should trip the recursion limit when lambdas keep returning runnables', async () => {
      let calls = 0;
      const loop: Runnable<number, number> = RunnableLambda.from(
        function again() {
          calls++;
          return loop;
        },
        { name: 'again' },
      );
      const error = await loop.invoke(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RecursionLimitError);
      expect((error as RecursionLimitError).limit).toBe(25);
      expect((error as RecursionLimitError).runName).toBe('again');
      expect(calls).toBe(25);
      calls = 0;
      await expect(loop.invoke(1, { recursionLimit: 4 })).rejects.toBeInstanceOf(RecursionLimitError);
      expect(calls).toBe(4);
    });

    it('should deliver a thrown error on the error channel, never synchronously', async () => {
      const boom = RunnableLambda.from((): number => {
        throw new Error('bad');
      });
      const errors: unknown[] = [];
      expect(() => boom.stream$(1).subscribe({ error: (e: unknown) => errors.push(e) })).not.toThrow();
      expect(errors).toHaveLength(1);
      await expect(boom.invoke(1)).rejects.toThrow('bad');
    });
  });

  describe('from an async generator function', () => {
    it('should transform the input stream as it arrives', async () => {
      const upper = RunnableLambda.from(
        async function* upper(input: AsyncIterable<string>) {
          for await (const chunk of input) yield chunk.toUpperCase();
        },
        { name: 'upper' },
      );
      const chain = new ScriptedChatModel({ responses: ['a b c'] }).pipe(new StringOutputParser()).pipe(upper);
      expect(await lastValueFrom(chain.stream$('q').pipe(toArray()))).toEqual(['A', ' B', ' C']);
      const events = await recordEvents(chain, 'q');
      const upperNames = names(events).filter((n) => n.endsWith(':upper'));
      expect(upperNames).toEqual(['start:upper', 'stream:upper', 'stream:upper', 'stream:upper', 'end:upper']);
    });

    it('should run its finally block and stop the model when the consumer breaks', async () => {
      let finallyRan = false;
      let modelTornDown = false;
      const tokens$ = new Observable<string>((subscriber) => {
        const ticks = interval(5)
          .pipe(map((i) => `t${i}`))
          .subscribe(subscriber);
        return () => {
          modelTornDown = true;
          ticks.unsubscribe();
        };
      });
      let markFinally: () => void = () => undefined;
      const finallyDone = new Promise<void>((resolve) => {
        markFinally = resolve;
      });
      const relay = RunnableLambda.from(
        async function* relay(input: AsyncIterable<string>) {
          try {
            for await (const chunk of input) yield chunk;
          } finally {
            finallyRan = true;
            markFinally();
          }
        },
        { name: 'relay' },
      );
      const chain = new ScriptedChatModel({ responses: [tokens$] }).pipe(new StringOutputParser()).pipe(relay);
      const seen: string[] = [];
      for await (const chunk of await chain.stream('q')) {
        seen.push(chunk);
        break;
      }
      await finallyDone;
      expect(seen).toEqual(['t0']);
      expect(finallyRan).toBe(true);
      expect(modelTornDown).toBe(true);
    });
  });

  describe('from an operator', () => {
    it('should map input chunks in virtual time', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const input = cold('-a-b-#', { a: 1, b: 2 }, new Error('source'));
        const doubled = RunnableLambda.fromOperator((in$: Observable<number>) => in$.pipe(map((x) => x * 2)));
        expectObservable(doubled.stream$(input)).toBe('-a-b-#', { a: 2, b: 4 }, new Error('source'));
        expectSubscriptions(input.subscriptions).toBe('^----!');
      });
    });

    it('should deliver an error thrown while building the operator on the error channel', async () => {
      const broken = RunnableLambda.fromOperator((): Observable<number> => {
        throw new Error('no operator');
      });
      await expect(broken.invoke(1)).rejects.toThrow('no operator');
    });
  });

  describe('cancellation', () => {
    it('should abort config.signal when the run is torn down', async () => {
      let signal: AbortSignal | undefined;
      let settle: () => void = () => undefined;
      const entered = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const waiting = RunnableLambda.from((_: string, config: RunnableConfig) => {
        signal = config.signal;
        settle();
        return new Promise<string>(() => undefined);
      });
      const subscription = RunnableSequence.from([(x: string) => x, waiting])
        .stream$('x')
        .subscribe();
      await entered;
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
    });
  });
});
