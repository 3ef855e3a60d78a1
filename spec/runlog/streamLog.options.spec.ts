import { map, lastValueFrom, toArray } from 'rxjs';
import {
  AIMessageChunk,
  dispatchCustomEvent,
  RunnableLambda,
  RunnableSequence,
  RunLog,
  RunLogPatch,
  sequentialIds,
  StringOutputParser,
  type RunnableConfig,
  type StreamEventFilters,
} from 'rxchain';
import { createTestScheduler, ScriptedChatModel } from 'rxchain/testing';
import { relayChain } from '../support/relayChain';
import { stoppedClock, patchesOf, fold, paths, rootState, reverse } from './streamLog.helpers';

describe('streamLog', () => {
  describe('the operations', () => {
    it('should key later runs of the same name name:2, name:3, and never reuse a key', async () => {
      const step = (name: string) => reverse().withConfig({ runName: name });
      const chain = RunnableSequence.from([step('x:2'), step('x'), step('x'), step('a/b')]);
      const patches = await patchesOf(chain, 'abc');
      const adds = patches.flatMap((p) => p.ops).filter((op) => /^\/logs\/[^/]+$/.test(op.path));
      expect(adds.map((op) => op.path)).toEqual(['/logs/x:2', '/logs/x', '/logs/x:3', '/logs/a~1b']);
      const { logs } = fold(patches).state;
      expect(Object.keys(logs)).toEqual(['x:2', 'x', 'x:3', 'a/b']);
      expect(Object.values(logs).map((e) => e.final_output)).toEqual(['cba', 'abc', 'cba', 'abc']);
      expect(Object.values(logs).map((e) => e.name)).toEqual(['x:2', 'x', 'x', 'a/b']);
    });

    it('should log runs nested in a lambda as entries, and leave custom events out', async () => {
      const inner = RunnableLambda.from(
        function inner(x: string) {
          return x.toUpperCase();
        },
        { name: 'inner' },
      );
      const outer = RunnableLambda.from(
        async function outer(x: string, config: RunnableConfig) {
          dispatchCustomEvent('progress', { half: true }, config);
          return `${await inner.invoke(x, config)}!`;
        },
        { name: 'outer' },
      );
      const patches = await patchesOf(outer, 'hi');
      expect(paths(patches)).toEqual([
        ['replace '],
        ['add /logs/inner'],
        ['add /logs/inner/streamed_output/-'],
        ['add /logs/inner/final_output', 'add /logs/inner/end_time'],
        ['add /streamed_output/-'],
        ['add /final_output'],
      ]);
      expect(fold(patches).state.logs['inner']?.final_output).toBe('HI');
    });

    it('should take times from the scheduler option', async () => {
      const chain = reverse().pipe(reverse());
      const { state } = fold(await patchesOf(chain, 'ab', undefined, { scheduler: stoppedClock }));
      expect(state.logs['reverse']?.start_time).toBe('2030-01-02T03:04:05.000Z');
      expect(state.logs['reverse:2']?.end_time).toBe('2030-01-02T03:04:05.000Z');
    });

    it('should give real runs ISO timestamps', async () => {
      const { state } = fold(await patchesOf(reverse().pipe(reverse()), 'ab'));
      const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
      expect(state.logs['reverse']?.start_time).toMatch(iso);
      expect(state.logs['reverse']?.end_time).toMatch(iso);
    });
  });

  describe('filters', () => {
    const tagged = () =>
      new ScriptedChatModel({ responses: ['a b'], name: 'model' })
        .withConfig({ tags: ['my_model'] })
        .pipe(new StringOutputParser().withConfig({ runName: 'my_parser' }))
        .withConfig({ tags: ['my_chain'] });

    it('should always log the root, even when every sub-run is excluded', async () => {
      const patches = await patchesOf(tagged(), 'q', { excludeTypes: ['chain', 'chat_model', 'parser'] });
      expect(paths(patches)).toEqual([
        ['replace '],
        ['add /streamed_output/-'],
        ['add /streamed_output/-'],
        ['add /final_output'],
      ]);
      expect(fold(patches).state).toEqual({
        ...rootState('r1', 'RunnableSequence'),
        streamed_output: ['a', ' b'],
        final_output: 'a b',
      });
    });

    it.each<[string, StreamEventFilters, string[]]>([
      ['includeNames', { includeNames: ['my_parser'] }, ['my_parser']],
      ['includeTypes chat_model', { includeTypes: ['chat_model'] }, ['model']],
      ['includeTypes llm (chat models are chat_model here)', { includeTypes: ['llm'] }, []],
      ['includeTags of the model', { includeTags: ['my_model'] }, ['model']],
      ['includeTags inherited from the chain', { includeTags: ['my_chain'] }, ['model', 'my_parser']],
      ['excludeNames', { excludeNames: ['my_parser'] }, ['model']],
      ['excludeTags', { excludeTags: ['my_model'] }, ['my_parser']],
      ['include and exclude', { includeTags: ['my_chain'], excludeTypes: ['parser'] }, ['model']],
    ])('should apply %s to sub-runs', async (_name, filters, kept) => {
      const { state } = fold(await patchesOf(tagged(), 'q', filters));
      expect(Object.keys(state.logs)).toEqual(kept);
      expect(state.final_output).toBe('a b');
    });

    it('should count names over logged runs only', async () => {
      const step = (tags: string[]) => reverse().withConfig({ tags });
      const chain = RunnableSequence.from([step([]), step(['keep']), step(['keep'])]);
      const { logs } = fold(await patchesOf(chain, 'ab', { includeTags: ['keep'] })).state;
      expect(Object.keys(logs)).toEqual(['reverse', 'reverse:2']);
      expect(logs['reverse']?.tags).toEqual(['seq:step:2', 'keep']);
    });
  });

  describe('diff: false', () => {
    it('should yield the whole log after each patch, every one a snapshot', async () => {
      const chain = () =>
        new ScriptedChatModel({ responses: ['one two three'], name: 'model' }).pipe(new StringOutputParser());
      const patches = await patchesOf(chain(), 'q', undefined, { scheduler: stoppedClock });
      const logs: RunLog[] = [];
      for await (const log of chain().streamLog('q', {
        diff: false,
        idGenerator: sequentialIds('r'),
        scheduler: stoppedClock,
      }))
        logs.push(log);
      expect(logs).toHaveLength(patches.length);
      expect(logs.every((log) => log instanceof RunLog)).toBe(true);
      logs.forEach((log, i) => expect(log.ops).toEqual(patches.slice(0, i + 1).flatMap((p) => p.ops)));
      const last = logs.at(-1) as RunLog;
      expect(last.state).toEqual(fold(patches).state);
      expect(last.state.streamed_output).toEqual(['one', ' two', ' three']);
      // Earlier logs keep the state they had.
      expect(logs.map((log) => log.state.streamed_output.length)).toEqual([
        0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3,
      ]);
    });

    it('should work the same through log$', async () => {
      const logs = await lastValueFrom(reverse().log$('ab', { diff: false }).pipe(toArray()));
      expect(logs.map((log) => (log as RunLog).state.final_output)).toEqual([undefined, undefined, 'ba']);
    });
  });

  describe('errors', () => {
    const failing = (failure: Error) =>
      new ScriptedChatModel({ responses: ['a b c d'], failAt: { token: 3, error: failure }, name: 'model' }).pipe(
        new StringOutputParser(),
      );

    it('should record the error on every failed run, then reject with the original error', async () => {
      const failure = new RangeError('model down');
      const patches: RunLogPatch[] = [];
      let caught: unknown;
      try {
        for await (const patch of failing(failure).streamLog('q', { idGenerator: sequentialIds('r') }))
          patches.push(patch);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(failure);
      expect(paths(patches).slice(-3)).toEqual([
        ['add /logs/model/error', 'add /logs/model/end_time'],
        ['add /logs/StrOutputParser/inputs', 'add /logs/StrOutputParser/error', 'add /logs/StrOutputParser/end_time'],
        ['add /error'],
      ]);
      const { state } = fold(patches);
      const error = { name: 'RangeError', message: 'model down' };
      expect(state.error).toEqual(error);
      expect(state.final_output).toBeUndefined();
      expect(state.streamed_output).toEqual(['a', ' b']);
      expect(state.logs['model']).toMatchObject({ error, final_output: undefined, streamed_output_str: ['a', ' b'] });
      expect(state.logs['model']?.end_time).toEqual(expect.any(String));
      expect(state.logs['StrOutputParser']).toMatchObject({
        error,
        inputs: new AIMessageChunk({ content: 'a b', id: 'scripted-1' }),
      });
      // The log is plain JSON: the error is its name and message.
      expect(JSON.parse(JSON.stringify(state.logs['model']?.error))).toEqual(error);
    });

    it('should fail log$ with the original error after the error patches', async () => {
      const failure = new Error('nope');
      const seen: string[][] = [];
      const error = await lastValueFrom(
        failing(failure)
          .log$('q')
          .pipe(map((patch) => seen.push(patch.ops.map((op) => op.path)))),
      ).catch((e: unknown) => e);
      expect(error).toBe(failure);
      expect(seen.at(-1)).toEqual(['/error']);
    });

    it('should reject the first read when the config is invalid', async () => {
      const log = reverse().streamLog('x', { timeout: -1 });
      await expect(log.next()).rejects.toThrow(/timeout must be a positive number/);
    });
  });

  describe('consumption', () => {
    it('should not run until read', async () => {
      const model = new ScriptedChatModel({ responses: ['x'] });
      const log = model.streamLog('q');
      expect(model.calls).toHaveLength(0);
      await log.next();
      expect(model.calls).toHaveLength(1);
      await log.return();
    });

    describe.each([true, false])('with diff: %s', (diff) => {
      it('should stop the run, release its timer and subscription and never throw when breaking after any patch', async () => {
        const tokenCount = 4;
        const build = () => relayChain(tokenCount);
        const total = (await patchesOf(build().runnable, 'q')).length;
        expect(total).toBeGreaterThan(10);
        for (let k = 1; k <= total; k++) {
          const { runnable, live, state } = build();
          let seen = 0;
          for await (const _patch of runnable.streamLog('q', { diff })) {
            seen++;
            if (seen === k) break;
          }
          expect(seen).toBe(k);
          expect(live()).toBe(0);
          for (let tick = 0; tick < 5 && state.started && !state.finished; tick++) {
            await new Promise((resolve) => setImmediate(resolve));
          }
          expect(state.finished).toBe(state.started);
        }
      });
    });

    it('should unsubscribe from the input when log$ is unsubscribed', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-c|', { a: 'x', b: 'y', c: 'z' });
        const model = new ScriptedChatModel({ responses: [tokens] });
        const count$ = model.log$('q').pipe(map((patch) => patch.ops.length));
        expectObservable(count$, '^-!').toBe('ab', { a: 1, b: 1 });
        expectSubscriptions(tokens.subscriptions).toBe('^-!');
      });
    });
  });
});
