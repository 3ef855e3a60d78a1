import { TestScheduler } from 'rxjs/testing';
import { RunnableMap, RunnableParallel, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

describe('RunnableParallel', () => {
  it('should be RunnableMap under LangChain name', async () => {
    expect(RunnableParallel).toBe(RunnableMap);
    const both = RunnableParallel.from({ a: (x: number) => x + 1, b: (x: number) => x - 1 });
    expect(both).toBeInstanceOf(RunnableMap);
    expect(await both.invoke(1)).toEqual({ a: 2, b: 0 });
  });

  it('should interleave the branches chunks as they come', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const one = cold('-a---b|', { a: '1', b: '2' });
      const two = cold('---c|', { c: '3' });
      const parallel = new RunnableParallel({
        one: new ScriptedChatModel({ responses: [one] }).pipe(new StringOutputParser()),
        two: new ScriptedChatModel({ responses: [two] }).pipe(new StringOutputParser()),
      });
      expectObservable(parallel.stream$('q')).toBe('-a-c-b|', { a: { one: '1' }, b: { one: '2' }, c: { two: '3' } });
    });
  });
});
