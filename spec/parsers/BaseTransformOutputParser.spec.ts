import { from, lastValueFrom, take, toArray } from 'rxjs';
import { AIMessageChunk, BaseTransformOutputParser } from 'rxchain';
import { FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';

/** A parser written with `parse` only. */
class Upper extends BaseTransformOutputParser<string> {
  parse(text: string): string {
    if (text === '!') throw new Error('no shouting');
    return text.toUpperCase();
  }
}

describe('BaseTransformOutputParser', () => {
  it('should stream parse(chunk) for every chunk of a streaming model, and invoke their join', async () => {
    const chain = new FakeStreamingLLM({ responses: ['abc', 'xyz'] }).pipe(new Upper());
    const chunks: string[] = [];
    for await (const chunk of await chain.stream('q')) chunks.push(chunk);
    expect(chunks).toEqual(['A', 'B', 'C']);
    expect(await chain.invoke('q')).toBe('XYZ');
  });

  it('should parse message chunks by their text', async () => {
    const values = await lastValueFrom(
      new Upper().stream$(from([new AIMessageChunk('he'), new AIMessageChunk('y')])).pipe(toArray()),
    );
    expect(values).toEqual(['HE', 'Y']);
  });

  it('should accept an async parse and keep the chunks in order', async () => {
    class Slow extends BaseTransformOutputParser<string> {
      async parse(text: string): Promise<string> {
        await new Promise<void>((resolve) => queueMicrotask(resolve));
        return `<${text}>`;
      }
    }
    const chain = new FakeStreamingLLM({ responses: ['ab'] }).pipe(new Slow());
    expect(await lastValueFrom(chain.stream$('x').pipe(toArray()))).toEqual(['<a>', '<b>']);
  });

  describe('marble checklist', () => {
    const values = { a: 'he', b: 'llo', c: '!' };

    it('should emit on the frame each chunk arrives', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b|', values);
        expectObservable(new Upper().stream$(tokens)).toBe('-a-b|', { a: 'HE', b: 'LLO' });
        expectSubscriptions(tokens.subscriptions).toBe('^---!');
      });
    });

    it('should complete without output for an empty source', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(new Upper().stream$(cold<string>('--|'))).toBe('--|');
      });
    });

    it('should pass on a source error, and fail at a chunk parse throws on', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(new Upper().stream$(cold('-a#', values, new Error('src')))).toBe(
          '-a#',
          { a: 'HE' },
          new Error('src'),
        );
        const tokens = cold('-a-c-b|', values);
        expectObservable(new Upper().stream$(tokens)).toBe('-a-#', { a: 'HE' }, new Error('no shouting'));
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
      });
    });

    it('should unsubscribe early and stop a synchronous source cut by take', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-|', values);
        expectObservable(new Upper().stream$(tokens), '^--!').toBe('-a-', { a: 'HE' });
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
        const sync = cold('(abc|)', values);
        expectObservable(new Upper().stream$(sync).pipe(take(2))).toBe('(ab|)', { a: 'HE', b: 'LLO' });
      });
    });
  });
});
