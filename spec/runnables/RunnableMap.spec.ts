import { lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  lastChunkAccumulator,
  concat,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

describe('RunnableMap', () => {
  it('should run every branch on the shared input and stream { key: chunk } pieces as they arrive', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const fast = cold('-a-b|', { a: 'x', b: 'y' });
      const slow = cold('---c---|', { c: 'z' });
      const map = RunnableMap.from({
        fast: new ScriptedChatModel({ responses: [fast] }).pipe(new StringOutputParser()),
        slow: new ScriptedChatModel({ responses: [slow] }).pipe(new StringOutputParser()),
      });
      expectObservable(map.stream$('q')).toBe('-a-(bc)|', { a: { fast: 'x' }, b: { fast: 'y' }, c: { slow: 'z' } });
      expectSubscriptions(fast.subscriptions).toBe('^---!');
      expectSubscriptions(slow.subscriptions).toBe('^------!');
    });
  });

  it('should add the pieces up into the whole object with concat and invoke', async () => {
    const map = RunnableMap.from({
      context: (q: string) => `context for ${q}`,
      question: new RunnablePassthrough<string>(),
    });
    const pieces = await lastValueFrom(map.stream$('why').pipe(toArray()));
    expect(pieces).toHaveLength(2);
    expect(pieces.reduce((a, b) => concat(a, b))).toEqual({ context: 'context for why', question: 'why' });
    expect(await map.invoke('why')).toEqual({ context: 'context for why', question: 'why' });
  });

  it('should share one input stream among branches without re-running upstream', async () => {
    const model = new ScriptedChatModel({ responses: ['a b'] });
    const chain = model.pipe(new StringOutputParser()).pipe({
      upper: (text: string) => text.toUpperCase(),
      length: (text: string) => text.length,
    });
    expect(await chain.invoke('q')).toEqual({ upper: 'A B', length: 3 });
    expect(model.calls).toHaveLength(1);
  });

  it('should use each branch own aggregation for its key', async () => {
    const lastWins = RunnableLambda.fromOperator((input$) => input$);
    Object.defineProperty(lastWins, 'outputAccumulator', { value: () => lastChunkAccumulator() });
    const map = RunnableMap.from({ text: new RunnablePassthrough<string>(), latest: lastWins });
    const chain = RunnableSequence.from([
      new ScriptedChatModel({ responses: ['a b c'] }),
      new StringOutputParser(),
      map,
    ]);
    expect(await chain.invoke('q')).toEqual({ text: 'a b c', latest: ' c' });
  });

  it('should fail when any branch fails and unsubscribe the others', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const ok = cold('-a---b|');
      const bad = cold('--#', undefined, new Error('branch'));
      const map = RunnableMap.from({
        ok: new ScriptedChatModel({ responses: [ok] }).pipe(new StringOutputParser()),
        bad: new ScriptedChatModel({ responses: [bad] }).pipe(new StringOutputParser()),
      });
      expectObservable(map.stream$('q')).toBe('-a#', { a: { ok: 'a' } }, new Error('branch'));
      expectSubscriptions(ok.subscriptions).toBe('^-!');
    });
  });

  describe('maxConcurrency', () => {
    it('should run at most maxConcurrency branches at once, starting the next as one finishes', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const one = cold('--a|', { a: '1' });
        const two = cold('---b|', { b: '2' });
        const three = cold('-c|', { c: '3' });
        const branch = (tokens: typeof one) =>
          new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser());
        const map = RunnableMap.from({ one: branch(one), two: branch(two), three: branch(three) });
        expectObservable(map.stream$('q', { maxConcurrency: 2 })).toBe('--abc|', {
          a: { one: '1' },
          b: { two: '2' },
          c: { three: '3' },
        });
        expectSubscriptions(one.subscriptions).toBe('^--!');
        expectSubscriptions(two.subscriptions).toBe('^---!');
        expectSubscriptions(three.subscriptions).toBe('---^-!');
      });
    });

    it('should run every branch at once without a limit', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const one = cold('--a|', { a: '1' });
        const two = cold('-b|', { b: '2' });
        const branch = (tokens: typeof one) =>
          new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser());
        expectObservable(RunnableMap.from({ one: branch(one), two: branch(two) }).stream$('q')).toBe('-ba|', {
          a: { one: '1' },
          b: { two: '2' },
        });
      });
    });

    it('should give branches that start late the whole streamed input', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens = cold('-a-b|', { a: 'x', b: 'y' });
        const slow = cold('------s|', { s: 'slow' });
        const chain = new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser()).pipe({
          first: RunnableLambda.from(() => slow),
          late: (text: string) => text.toUpperCase(),
        });
        expectObservable(chain.stream$('q', { maxConcurrency: 1 })).toBe('----------s(l|)', {
          s: { first: 'slow' },
          l: { late: 'XY' },
        });
      });
    });

    it('should inherit the limit from the config of an enclosing run', async () => {
      let running = 0;
      let peak = 0;
      const slow = (x: number) =>
        RunnableLambda.from(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
          return x;
        });
      const chain = RunnableLambda.from((x: number) => x).pipe({ a: slow(1), b: slow(2), c: slow(3), d: slow(4) });
      expect(await chain.invoke(0, { maxConcurrency: 2 })).toEqual({ a: 1, b: 2, c: 3, d: 4 });
      expect(peak).toBe(2);
      peak = 0;
      await chain.invoke(0);
      expect(peak).toBe(4);
    });
  });
});
