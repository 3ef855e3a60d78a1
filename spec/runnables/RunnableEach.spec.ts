import { lastValueFrom, toArray } from 'rxjs';
import { InvalidArgumentError, RunnableEach, RunnableLambda, type StreamEvent } from 'rxchain';

describe('RunnableEach', () => {
  it('should run the bound runnable on every element, in input order', async () => {
    const each = new RunnableEach({ bound: RunnableLambda.from(async (x: number) => x * 10) });
    expect(await each.invoke([3, 1, 2])).toEqual([30, 10, 20]);
    expect(await lastValueFrom(each.stream$([1, 2]).pipe(toArray()))).toEqual([[10, 20]]);
  });

  it('should give an empty array for an empty input without running the bound runnable', async () => {
    let calls = 0;
    const each = new RunnableEach({ bound: (x: number) => (calls++, x) });
    expect(await each.invoke([])).toEqual([]);
    expect(calls).toBe(0);
  });

  it('should run every element as a child run', async () => {
    const each = new RunnableEach({ bound: RunnableLambda.from((x: string) => x.toUpperCase(), { name: 'upper' }) });
    const events: StreamEvent[] = await lastValueFrom(each.events$(['a', 'b']).pipe(toArray()));
    const starts = events.filter((event) => event.event === 'on_chain_start' && event.name === 'upper');
    expect(starts.map((event) => event.data.input)).toEqual(['a', 'b']);
    const root = events[0] as StreamEvent;
    expect(starts.every((event) => event.parent_ids.at(-1) === root.run_id)).toBe(true);
  });

  it('should respect maxConcurrency', async () => {
    let running = 0;
    let peak = 0;
    const each = new RunnableEach({
      bound: RunnableLambda.from(async (x: number) => {
        running++;
        peak = Math.max(peak, running);
        await Promise.resolve();
        running--;
        return x;
      }),
    });
    expect(await each.invoke([1, 2, 3, 4], { maxConcurrency: 2 })).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('should fail with an InvalidArgumentError when the input is not an array, and with an element error', async () => {
    const each = new RunnableEach({ bound: (x: number) => x });
    await expect(each.invoke(5 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    const failing = new RunnableEach({
      bound: (x: number) => {
        if (x === 2) throw new RangeError('two');
        return x;
      },
    });
    await expect(failing.invoke([1, 2, 3])).rejects.toThrow('two');
  });
});
