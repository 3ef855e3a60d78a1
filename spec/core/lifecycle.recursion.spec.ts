import { RecursionLimitError, RunnableLambda, RunnableSequence, type Runnable, type StreamEvent } from 'rxchain';

describe('the recursion limit', () => {
  it('should trip at 25 levels by default when a lambda keeps returning runnables, naming the lambda and the limit', async () => {
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
    expect(error).toMatchObject({ limit: 25, runName: 'again' });
    expect(calls).toBe(25);
  });

  it('should trip on the stream path too, on the error channel', async () => {
    const loop: Runnable<number, number> = RunnableLambda.from(() => loop);
    const errors: unknown[] = [];
    loop.stream$(1, { recursionLimit: 3 }).subscribe({ error: (e: unknown) => errors.push(e) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'RecursionLimitError', limit: 3 });
  });

  it('should trip when a lambda keeps calling runnables with the config it received', async () => {
    let depth = 0;
    const recurse: Runnable<number, number> = RunnableLambda.from(
      function deeper(n: number, config) {
        depth = n;
        return recurse.invoke(n + 1, config);
      },
      { name: 'deeper' },
    );
    const error = await recurse.invoke(1, { recursionLimit: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RecursionLimitError', limit: 10, runName: 'deeper' });
    expect(depth).toBe(10);
  });

  it('should trip when the nested calls pass no config (the implicit context carries the depth)', async () => {
    let depth = 0;
    const recurse: Runnable<number, number> = RunnableLambda.from(
      async function deeper(n: number) {
        depth = n;
        await Promise.resolve();
        return recurse.invoke(n + 1);
      },
      { name: 'deeper' },
    );
    await expect(recurse.invoke(1, { recursionLimit: 6 })).rejects.toBeInstanceOf(RecursionLimitError);
    expect(depth).toBe(6);
  });

  it('should not count composition: a sequence nested 40 deep runs', async () => {
    let chain: Runnable<number, number> = RunnableLambda.from((x: number) => x + 1);
    for (let i = 0; i < 40; i++)
      chain = new RunnableSequence([chain, RunnableLambda.from((x: number) => x + 1)], { name: `level${i}` });
    expect(await chain.invoke(0)).toBe(41);
  });

  it('should not count sibling calls: a lambda may call runnables one after another as often as it likes', async () => {
    const inc = RunnableLambda.from((x: number) => x + 1);
    const loop = RunnableLambda.from(async (n: number, config) => {
      let x = n;
      for (let i = 0; i < 60; i++) x = await inc.invoke(x, config);
      return x;
    });
    expect(await loop.invoke(0)).toBe(60);
  });

  it('should report the error on the lambda whose nested run would be too deep; that run never starts', async () => {
    const loop: Runnable<number, number> = RunnableLambda.from(
      function again() {
        return loop;
      },
      { name: 'again' },
    );
    const events: StreamEvent[] = [];
    const error = await (async () => {
      for await (const event of loop.streamEvents(1, { version: 'v2', recursionLimit: 2 })) events.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecursionLimitError);
    expect(events.map((e) => `${e.event}:${e.parent_ids.length}`)).toEqual([
      'on_chain_start:0',
      'on_chain_start:1',
      'on_chain_error:1',
      'on_chain_error:0',
    ]);
  });
});
