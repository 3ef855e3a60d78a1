import { NEVER, Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  AbortError,
  RunnableBinding,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
  TimeoutError,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { jokeChain } from '../support/jokeChain';

describe('Runnable', () => {
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
