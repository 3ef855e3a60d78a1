import { catchError, delay, map, of, type Observable } from 'rxjs';
import { InvalidArgumentError, RunnableLambda, StringOutputParser, TimeoutError, type StreamEvent } from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

/** Maps a run's error to a short label, so marbles can show which limit tripped where. */
const outcome = <T>(source$: Observable<T>): Observable<T | string> =>
  source$.pipe(
    catchError((e: unknown) => of(e instanceof TimeoutError ? `${e.limit}:${e.runName}:${e.milliseconds}` : String(e))),
  );

function modelOf(tokens$: Observable<string>, name = 'model') {
  return new ScriptedChatModel({ name, responses: [tokens$] });
}

describe('run time limits', () => {
  describe('timeout', () => {
    it('should fail the whole run after timeout even while chunks keep coming', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('a-b-c-d-e|');
        const chain = modelOf(tokens).pipe(new StringOutputParser());
        expectObservable(outcome(chain.stream$('q', { timeout: 5, runName: 'chain' }))).toBe('a-b-c(t|)', {
          a: 'a',
          b: 'b',
          c: 'c',
          t: 'timeout:chain:5',
        });
        expectSubscriptions(tokens.subscriptions).toBe('^----!');
      });
    });
  });

  describe('firstChunkTimeout', () => {
    it('should fail a run whose first chunk is late, naming the run and the limit', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-----a|');
        expectObservable(
          outcome(
            modelOf(tokens).pipe(new StringOutputParser()).stream$('q', { firstChunkTimeout: 3, runName: 'chain' }),
          ),
        ).toBe('---(t|)', { t: 'firstChunkTimeout:chain:3' });
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
      });
    });

    it('should not bound the gaps after the first chunk', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens = cold('--a------b|');
        expectObservable(modelOf(tokens).pipe(new StringOutputParser()).stream$('q', { firstChunkTimeout: 3 })).toBe(
          '--a------b|',
        );
      });
    });

    it('should count from the run start (its input arriving), not from subscription', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const slowPrompt = RunnableLambda.fromOperator((input$: Observable<string>) => input$.pipe(delay(10)));
        const tokens = cold('--a|');
        const model = modelOf(tokens).withConfig({ firstChunkTimeout: 3 });
        expectObservable(slowPrompt.pipe(model).pipe(new StringOutputParser()).stream$('q')).toBe('10ms --a|');
      });
    });

    it('should report the timeout as the error event of the run it was given to', async () => {
      const stuck = RunnableLambda.from((x: string) => of(x).pipe(delay(50)), { name: 'stuck' });
      const chain = RunnableLambda.from((x: string) => x, { name: 'first' }).pipe(
        stuck.withConfig({ firstChunkTimeout: 5 }),
      );
      const events: StreamEvent[] = [];
      const error = await (async () => {
        for await (const event of chain.streamEvents('q', { version: 'v2' })) events.push(event);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(events.filter((e) => e.event.endsWith('_error')).map((e) => [e.name, e.data.error])).toEqual([
        ['stuck', error],
        ['RunnableSequence', error],
      ]);
      expect((error as TimeoutError).limit).toBe('firstChunkTimeout');
      expect((error as TimeoutError).runName).toBe('stuck');
      expect((error as TimeoutError).message).toBe(
        'Run "stuck" exceeded its firstChunkTimeout of 5 ms. Raise the firstChunkTimeout option or make the step faster.',
      );
    });
  });

  describe('idleTimeout', () => {
    it('should fail when two chunks are further apart than the limit', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('a--b------c|');
        const chain = modelOf(tokens).pipe(new StringOutputParser());
        expectObservable(outcome(chain.stream$('q', { idleTimeout: 4, runName: 'chain' }))).toBe('a--b---(t|)', {
          a: 'a',
          b: 'b',
          t: 'idleTimeout:chain:4',
        });
        expectSubscriptions(tokens.subscriptions).toBe('^------!');
      });
    });

    it('should let chunks through that come within the limit, however many', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens = cold('a---b---c---d---|');
        expectObservable(modelOf(tokens).pipe(new StringOutputParser()).stream$('q', { idleTimeout: 4 })).toBe(
          'a---b---c---d---|',
        );
      });
    });

    it('should fail when the end comes too long after the last chunk', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens = cold('a-----|');
        expectObservable(
          outcome(
            modelOf(tokens)
              .stream$('q', { idleTimeout: 2, runName: 'm' })
              .pipe(map((c) => c.text)),
          ),
        ).toBe('a-(t|)', { a: 'a', t: 'idleTimeout:m:2' });
      });
    });

    it('should not bound the wait for the first chunk', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens = cold('--------a|');
        expectObservable(modelOf(tokens).pipe(new StringOutputParser()).stream$('q', { idleTimeout: 2 })).toBe(
          '--------a|',
        );
      });
    });

    it('should apply to the run it is given to only, not to nested runs', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        // The model pauses for 5 frames, but the parser's chunks are what the root times.
        const tokens = cold('a-----b|');
        const chain = modelOf(tokens).withConfig({ idleTimeout: 10 }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('a-----b|');
      });
    });
  });

  describe('teardown', () => {
    it('should leave no timer behind once a limited run ends, fails or is unsubscribed', async () => {
      const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const limits = { timeout: 60_000, firstChunkTimeout: 60_000, idleTimeout: 60_000 };
      const model = new ScriptedChatModel({ responses: ['a b c'] });
      expect((await model.invoke('q', limits)).text).toBe('a b c');
      const failing = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 2 } });
      await expect(failing.invoke('q', limits)).rejects.toThrow(/Scripted failure/);
      const failingAtOnce = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 1 } });
      await expect(failingAtOnce.invoke('q', limits)).rejects.toThrow(/Scripted failure/);
      const slow = new ScriptedChatModel({ responses: ['a b c'], delay: 1 });
      for await (const chunk of await slow.stream('q', limits)) {
        void chunk;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(timers()).toBe(before);
    });
  });

  describe('validation', () => {
    it.each(['firstChunkTimeout', 'idleTimeout', 'timeout'] as const)(
      'should reject a %s that is not a positive number',
      async (option) => {
        const step = RunnableLambda.from((x: number) => x);
        const error = await step.invoke(1, { [option]: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).argument).toBe(option);
        expect((error as Error).message).toBe(`${option} must be a positive number of milliseconds, got 0.`);
      },
    );
  });
});
