import { RunnableLambda } from 'rxchain';

// Ported from langchain-core/src/runnables/tests/runnable_retry.test.ts.

const noDelay = { delay: 0 } as const;

function failingUntil(successAt: number): { runnable: RunnableLambda<string, number>; count: () => number } {
  let attempts = 0;
  const runnable = RunnableLambda.from((_: string) => {
    attempts += 1;
    if (attempts < successAt) throw new Error('TEST ERROR');
    return attempts;
  });
  return { runnable, count: () => attempts };
}

describe('runnable_retry.test.ts', () => {
  it('RunnableRetry invoke', async () => {
    const { runnable } = failingUntil(3);
    expect(await runnable.withRetry(noDelay).invoke('')).toBe(3);
  });

  it('RunnableRetry invoke with a failed attempt handler', async () => {
    const { runnable } = failingUntil(3);
    const seen: [string, unknown][] = [];
    const retry = runnable.withRetry({
      ...noDelay,
      onFailedAttempt: (error, input) => seen.push([error.message, input]),
    });
    expect(await retry.invoke('test')).toBe(3);
    expect(seen).toEqual([
      ['TEST ERROR', 'test'],
      ['TEST ERROR', 'test'],
    ]);
  });

  it('RunnableRetry batch with thrown errors', async () => {
    const runnable = RunnableLambda.from((_: string): string => {
      throw new Error('TEST ERROR');
    });
    await expect(runnable.withRetry({ stopAfterAttempt: 1 }).batch(['', '', ''])).rejects.toThrow('TEST ERROR');
  });

  it('RunnableRetry batch with all returned errors', async () => {
    const { runnable } = failingUntil(5);
    const result = await runnable.withRetry({ stopAfterAttempt: 1 }).batch(['', '', ''], undefined, {
      returnExceptions: true,
    });
    expect(result).toEqual([
      expect.objectContaining({ message: 'TEST ERROR' }),
      expect.objectContaining({ message: 'TEST ERROR' }),
      expect.objectContaining({ message: 'TEST ERROR' }),
    ]);
  });

  it('RunnableRetry batch should not retry successful requests', async () => {
    const { runnable, count } = failingUntil(3);
    const result = await runnable.withRetry({ ...noDelay, stopAfterAttempt: 2 }).batch(['', '', '']);
    expect(count()).toBe(5);
    expect([...result].sort()).toEqual([3, 4, 5]);
  });

  it('RunnableRetry batch with an onFailedAttempt handler', async () => {
    // By design: each item is retried with its own input (LangChain hands every failure the
    // batch's first input), so the handler sees the inputs that failed.
    const { runnable, count } = failingUntil(3);
    const inputs: unknown[] = [];
    const retry = runnable.withRetry({
      ...noDelay,
      stopAfterAttempt: 2,
      onFailedAttempt: (error, input) => {
        expect(error.message).toBe('TEST ERROR');
        inputs.push(input);
      },
    });
    const result = await retry.batch(['test1', 'test2', 'test3']);
    expect(count()).toBe(5);
    expect([...result].sort()).toEqual([3, 4, 5]);
    expect(inputs).toEqual(['test1', 'test2']);
  });
});
