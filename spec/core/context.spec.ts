import { RunnableLambda, RunnableSequence, type RunEvent, type RunnableConfig } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { recordEvents } from '../support/events';

const reverseWord = RunnableLambda.from(
  function reverseWord(word: string) {
    return [...word].reverse().join('');
  },
  { name: 'reverseWord' },
);

function runOf(events: readonly RunEvent[], name: string): RunEvent['run'] | undefined {
  return events.find((e) => e.type === 'start' && e.run.name === name)?.run;
}

function expectNested(events: readonly RunEvent[], child: string, parent: string): void {
  const parentRun = runOf(events, parent);
  const childRun = runOf(events, child);
  expect(parentRun).toBeDefined();
  expect(childRun).toBeDefined();
  expect(childRun?.parentIds).toEqual([...(parentRun?.parentIds ?? []), parentRun?.runId]);
}

describe('context propagation', () => {
  it('should nest a call that passes the lambda config', async () => {
    const outer = RunnableLambda.from(
      async function outer(word: string, config: RunnableConfig) {
        return reverseWord.invoke(word, config);
      },
      { name: 'outer' },
    );
    const events = await recordEvents(outer, 'hello');
    expectNested(events, 'reverseWord', 'outer');
    expect(events.at(-1)).toMatchObject({ type: 'end', output: 'olleh' });
  });

  it('should nest a call made synchronously without config', async () => {
    const outer = RunnableLambda.from(
      function outer(word: string) {
        return reverseWord.stream$(word);
      },
      { name: 'outer' },
    );
    const events = await recordEvents(outer, 'abc');
    expectNested(events, 'reverseWord', 'outer');
  });

  it('should nest a call made after await without config (AsyncLocalStorage on Node)', async () => {
    const outer = RunnableLambda.from(
      async function outer(word: string) {
        await new Promise((resolve) => setImmediate(resolve));
        const once = await reverseWord.invoke(word);
        await Promise.resolve();
        return reverseWord.invoke(once);
      },
      { name: 'outer' },
    );
    const events = await recordEvents(outer, 'abc');
    const nested = events.filter((e) => e.type === 'start' && e.run.name === 'reverseWord');
    expect(nested).toHaveLength(2);
    for (const e of nested) expect(e.run.parentIds).toEqual([runOf(events, 'outer')?.runId]);
  });

  it('should nest calls inside an async generator lambda, with and without config', async () => {
    const model = new ScriptedChatModel({ responses: ['x'], name: 'inner_model' });
    const gen = RunnableLambda.from(
      async function* gen(input: AsyncIterable<string>, config: RunnableConfig) {
        for await (const word of input) {
          yield await reverseWord.invoke(word, config);
          await new Promise((resolve) => setImmediate(resolve));
          const reply = await model.invoke(word);
          yield reply.text;
        }
      },
      { name: 'gen' },
    );
    const events = await recordEvents(RunnableSequence.from([(x: string) => x, gen]), 'ab');
    expectNested(events, 'reverseWord', 'gen');
    expectNested(events, 'inner_model', 'gen');
    expect(events.filter((e) => e.type === 'stream' && e.run.name === 'inner_model')).toHaveLength(1);
  });

  it('should report a chat model invoked inside a lambda token by token', async () => {
    const model = new ScriptedChatModel({ responses: ['one two three'], name: 'model' });
    const outer = RunnableLambda.from(
      async function outer(q: string) {
        return (await model.invoke(q)).text;
      },
      { name: 'outer' },
    );
    const events = await recordEvents(outer, 'q');
    expect(events.filter((e) => e.type === 'stream' && e.run.name === 'model')).toHaveLength(3);
  });

  it('should not attach a call made outside any run', async () => {
    const events = await recordEvents(reverseWord, 'ab');
    await reverseWord.invoke('cd');
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
    expect(events[0]?.run.parentIds).toEqual([]);
  });

  it('should cancel a nested call when the outer run is cancelled', async () => {
    let nestedAborted = false;
    const inner = RunnableLambda.from(
      function inner(_: string, config: RunnableConfig) {
        return new Promise<string>((_resolve, reject) => {
          config.signal?.addEventListener('abort', () => {
            nestedAborted = true;
            reject(config.signal?.reason);
          });
        });
      },
      { name: 'inner' },
    );
    let started: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => {
      started = resolve;
    });
    const outer = RunnableLambda.from(
      async function outer(word: string) {
        const pending = inner.invoke(word);
        started();
        return pending;
      },
      { name: 'outer' },
    );
    const subscription = outer.stream$('x').subscribe();
    await entered;
    subscription.unsubscribe();
    await new Promise((resolve) => setImmediate(resolve));
    expect(nestedAborted).toBe(true);
  });
});
