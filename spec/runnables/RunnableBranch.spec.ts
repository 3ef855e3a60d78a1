import { lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { RunnableBranch, RunnableLambda, StringOutputParser, type StreamEvent } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const sign = (): RunnableBranch<number, string> =>
  RunnableBranch.from<number, string>([
    [(x: number) => x > 0, () => 'positive'],
    [(x: number) => x < 0, () => 'negative'],
    () => 'zero',
  ]);

describe('RunnableBranch', () => {
  it('should run the first branch whose condition holds, else the default', async () => {
    expect(await sign().invoke(2)).toBe('positive');
    expect(await sign().invoke(-2)).toBe('negative');
    expect(await sign().invoke(0)).toBe('zero');
  });

  it('should not evaluate the conditions after the first that holds', async () => {
    const asked: number[] = [];
    const branch = RunnableBranch.from<number, string>([
      [(x: number) => (asked.push(1), x > 0), () => 'first'],
      [() => (asked.push(2), true), () => 'second'],
      () => 'default',
    ]);
    expect(await branch.invoke(1)).toBe('first');
    expect(asked).toEqual([1]);
  });

  it('should stream the chosen branch: its first chunk comes before the branch completes', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('-a-b-c|', { a: 'He', b: 'llo', c: '!' });
      const branch = RunnableBranch.from<string, string>([
        [(x: string) => x === 'other', () => 'unused'],
        [(x: string) => x === 'hi', new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser())],
        () => 'default',
      ]);
      expectObservable(branch.stream$('hi')).toBe('-a-b-c|', { a: 'He', b: 'llo', c: '!' });
      expectSubscriptions(tokens.subscriptions).toBe('^-----!');
    });
  });

  it('should tear the chosen branch down when unsubscribed early', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('-a-b-c|', { a: 'He', b: 'llo', c: '!' });
      const branch = RunnableBranch.from<string, string>([
        () => new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser()),
      ]);
      expectObservable(branch.stream$('hi'), '^--!').toBe('-a-', { a: 'He' });
      expectSubscriptions(tokens.subscriptions).toBe('^--!');
    });
  });

  it('should fail with the error of a condition that throws, and run no branch', async () => {
    let ran = false;
    const branch = RunnableBranch.from<number, string>([
      [
        (): boolean => {
          throw new TypeError('bad condition');
        },
        () => ((ran = true), 'x'),
      ],
      () => 'default',
    ]);
    await expect(branch.invoke(1)).rejects.toThrow('bad condition');
    expect(ran).toBe(false);
  });

  it('should tag conditions condition:N and the chosen branch branch:N or branch:default', async () => {
    const tagsOf = async (x: number): Promise<string[][]> => {
      const events: StreamEvent[] = await lastValueFrom(sign().events$(x).pipe(toArray()));
      return events
        .filter((event) => event.event === 'on_chain_start' && event.parent_ids.length === 1)
        .map((event) => event.tags.filter((tag) => /^(condition|branch):/.test(tag)));
    };
    expect(await tagsOf(-1)).toEqual([['condition:1'], ['condition:2'], ['branch:2']]);
    expect(await tagsOf(0)).toEqual([['condition:1'], ['condition:2'], ['branch:default']]);
  });

  it('should refuse a list without a default and an item that is not a pair', () => {
    expect(() => RunnableBranch.from([] as never)).toThrow(/at least a default/);
    expect(() => RunnableBranch.from([(() => true) as never, () => 'x'])).toThrow(
      /must be a \[condition, runnable\] pair/,
    );
  });

  it('should pass the whole input to the condition and the branch', async () => {
    const branch = RunnableBranch.from<{ q: string }, string>([
      [(x: { q: string }) => x.q.length > 3, RunnableLambda.from((x: { q: string }) => `long ${x.q}`)],
      (x: { q: string }) => `short ${x.q}`,
    ]);
    expect(await branch.invoke({ q: 'hello' })).toBe('long hello');
    expect(await branch.invoke({ q: 'hi' })).toBe('short hi');
  });
});
