import { map, of, take, throwError } from 'rxjs';
import {
  HumanMessage,
  RunnableLambda,
  RunnableSequence,
  sequentialIds,
  type Run,
  type RunListeners,
  type RunnableConfig,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

/** Listeners that record what they were called with. */
function recording(): { calls: string[]; runs: Run[]; listeners: RunListeners } {
  const calls: string[] = [];
  const runs: Run[] = [];
  const note = (kind: string) => (run: Run) => {
    calls.push(kind);
    runs.push({ ...run });
  };
  return { calls, runs, listeners: { onStart: note('start'), onEnd: note('end'), onError: note('error') } };
}

const shout = RunnableLambda.from(
  function shout(x: string) {
    return x.toUpperCase();
  },
  { name: 'shout' },
);

describe('withListeners', () => {
  it('should call onStart with the input and onEnd with the output', async () => {
    const { calls, runs, listeners } = recording();
    expect(await shout.withListeners(listeners).invoke('hi')).toBe('HI');
    expect(calls).toEqual(['start', 'end']);
    expect(runs[0]).toMatchObject({ name: 'shout', run_type: 'chain', inputs: { input: 'hi' } });
    expect(runs[1]).toMatchObject({ inputs: { input: 'hi' }, outputs: { output: 'HI' } });
    expect(runs[1]?.end_time).toEqual(expect.any(Number));
  });

  it('should report as the runnable it wraps, with the run id of its events', async () => {
    const { runs, listeners } = recording();
    const listened = shout.withListeners(listeners);
    expect(listened.getName()).toBe('shout');
    const ids: string[] = [];
    for await (const event of listened.streamEvents('a', { version: 'v2', idGenerator: sequentialIds('r') })) {
      ids.push(event.run_id);
    }
    expect(new Set(ids)).toEqual(new Set([runs[0]?.id]));
    expect(runs[0]?.id).toBe('r1');
  });

  it('should pass the run config and object inputs as they are', async () => {
    const configs: RunnableConfig[] = [];
    const runs: Run[] = [];
    const echo = RunnableLambda.from((x: { q: string }) => ({ a: x.q })).withListeners({
      onEnd: (run, config) => {
        runs.push(run);
        configs.push(config);
      },
    });
    await echo.invoke({ q: 'x' }, { tags: ['t'], metadata: { user: 'u' } });
    expect(runs[0]).toMatchObject({
      inputs: { q: 'x' },
      outputs: { a: 'x' },
      tags: ['t'],
      extra: { metadata: { user: 'u' } },
    });
    expect(configs[0]?.tags).toEqual(['t']);
  });

  it('should await onEnd before a stream consumer sees the end', async () => {
    let stored = false;
    const model = new ScriptedChatModel({ responses: ['a b c'] }).withListeners({
      onEnd: async () => {
        await Promise.resolve();
        stored = true;
      },
    });
    const tokens: string[] = [];
    for await (const chunk of await model.stream('x')) tokens.push(chunk.text);
    expect(tokens).toEqual(['a', ' b', ' c']);
    expect(stored).toBe(true);
  });

  it('should report a chat model run with messages in and generations out', async () => {
    const { runs, listeners } = recording();
    await new ScriptedChatModel({ responses: ['hello'] }).withListeners(listeners).invoke('hi');
    const end = runs[1] as Run;
    expect(end.run_type).toBe('chat_model');
    expect((end.inputs['messages'] as HumanMessage[][])[0]?.[0]?.text).toBe('hi');
    const generations = end.outputs?.['generations'] as { text: string }[][];
    expect(generations[0]?.[0]?.text).toBe('hello');
  });

  it('should see the whole input of a step fed by the step before it', async () => {
    const { runs, listeners } = recording();
    const letters = RunnableLambda.from(
      async function* letters(input: AsyncIterable<string>) {
        for await (const text of input) yield* Array.from(text);
      },
      { name: 'letters' },
    );
    const chain = RunnableSequence.from([letters, letters.withListeners(listeners)]);
    expect(await chain.invoke('abc')).toBe('abc');
    expect(runs[1]?.inputs).toEqual({ input: 'abc' });
  });

  it('should call onError with the message and pass the error on', async () => {
    const { calls, runs, listeners } = recording();
    const failing = RunnableLambda.from((_: string): string => {
      throw new Error('boom');
    }).withListeners(listeners);
    await expect(failing.invoke('x')).rejects.toThrow('boom');
    expect(calls).toEqual(['start', 'error']);
    expect(runs[1]?.error).toBe('boom');
  });

  it('should fail the run when a listener throws', async () => {
    const listened = shout.withListeners({
      onEnd: () => {
        throw new Error('listener broke');
      },
    });
    await expect(listened.invoke('x')).rejects.toThrow('listener broke');
  });

  it('should call neither onEnd nor onError for a run the consumer broke off', async () => {
    const { calls, listeners } = recording();
    const model = new ScriptedChatModel({ responses: [{ tokens: ['a', 'b'] }], delay: 1 }).withListeners(listeners);
    for await (const chunk of await model.stream('x')) {
      expect(chunk.text).toBe('a');
      break;
    }
    expect(calls).toEqual(['start']);
  });

  describe('stream$ (marbles)', () => {
    const upper = RunnableLambda.fromOperator<string, string>((input$) => input$.pipe(map((x) => x.toUpperCase())));

    it('should pass chunks on their frames and call onEnd at completion', () => {
      const { calls, runs, listeners } = recording();
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const input$ = cold('-a-b|', { a: 'x', b: 'y' });
        expectObservable(upper.withListeners(listeners).stream$(input$)).toBe('-a-b|', { a: 'X', b: 'Y' });
        expectSubscriptions(input$.subscriptions).toBe('^---!');
      });
      expect(calls).toEqual(['start', 'end']);
      expect(runs[1]?.outputs).toEqual({ output: 'XY' });
    });

    it('should complete an empty source', () => {
      const { calls, listeners } = recording();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(upper.withListeners(listeners).stream$(cold<string>('--|'))).toBe('--|');
      });
      expect(calls).toEqual(['start', 'end']);
    });

    it('should pass a source error on after onError', () => {
      const { calls, listeners } = recording();
      createTestScheduler().run(({ cold, expectObservable }) => {
        const input$ = cold('-a-#', { a: 'x' }, new Error('source failed'));
        expectObservable(upper.withListeners(listeners).stream$(input$)).toBe(
          '-a-#',
          { a: 'X' },
          new Error('source failed'),
        );
      });
      expect(calls).toEqual(['start', 'error']);
    });

    it('should fail on a listener error on the error channel', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const listened = upper.withListeners({
          onStart: () => {
            throw new Error('no start');
          },
        });
        expectObservable(listened.stream$(cold('-a|', { a: 'x' }))).toBe('#', undefined, new Error('no start'));
      });
    });

    it('should unsubscribe its source when the consumer does, calling no end listener', () => {
      const { calls, listeners } = recording();
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const input$ = cold('-a-b-c|', { a: 'x', b: 'y', c: 'z' });
        expectObservable(upper.withListeners(listeners).stream$(input$), '^--!').toBe('-a-', { a: 'X' });
        expectSubscriptions(input$.subscriptions).toBe('^--!');
      });
      expect(calls).toEqual(['start']);
    });

    it('should stop a synchronous source cut by take', () => {
      const { calls, listeners } = recording();
      createTestScheduler().run(({ expectObservable }) => {
        const output$ = upper
          .withListeners(listeners)
          .stream$(of('a', 'b', 'c'))
          .pipe(take(2));
        expectObservable(output$).toBe('(ab|)', { a: 'A', b: 'B' });
      });
      expect(calls).toEqual(['start']);
    });

    it('should report an error before any chunk', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const output$ = upper.withListeners({}).stream$(throwError(() => new Error('early')));
        expectObservable(output$).toBe('#', undefined, new Error('early'));
      });
    });
  });
});
