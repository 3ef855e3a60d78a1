import { RunnableLambda } from 'rxchain';

describe('RunnableRetry', () => {
  describe('batch', () => {
    it('should retry the failed inputs in rounds: every first attempt, then the second attempts', async () => {
      const calls: string[] = [];
      const failedOnce = new Set<string>();
      const step = RunnableLambda.from((x: string) => {
        calls.push(x);
        if (x !== 'c' && !failedOnce.has(x)) {
          failedOnce.add(x);
          throw new Error(`first ${x} fails`);
        }
        return x.toUpperCase();
      });
      const result = await step.withRetry({ stopAfterAttempt: 2, delay: 0 }).batch(['a', 'b', 'c']);
      expect(result).toEqual(['A', 'B', 'C']);
      expect(calls).toEqual(['a', 'b', 'c', 'a', 'b']);
    });

    it('should keep each error at its input position with returnExceptions', async () => {
      const step = RunnableLambda.from((x: string) => {
        if (x === 'b') throw new Error('b always fails');
        return x;
      });
      const result = await step.withRetry({ stopAfterAttempt: 3, delay: 0 }).batch(['a', 'b', 'c'], undefined, {
        returnExceptions: true,
      });
      expect(result[0]).toBe('a');
      expect(result[1]).toBeInstanceOf(Error);
      expect((result[1] as Error).message).toBe('b always fails');
      expect(result[2]).toBe('c');
    });

    it('should reject with the first failed input error once no retry is left', async () => {
      const step = RunnableLambda.from((x: string): string => {
        throw new Error(`${x} fails`);
      });
      await expect(step.withRetry({ stopAfterAttempt: 2, delay: 0 }).batch(['a', 'b'])).rejects.toThrow('a fails');
    });
  });
});
