import { lastValueFrom, of, toArray } from 'rxjs';
import { InvalidArgumentError, RunnableLambda, StringOutputParser } from 'rxchain';

describe('Runnable', () => {
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
});
