import { from, lastValueFrom, take, toArray } from 'rxjs';
import { AIMessageChunk, BaseTransformOutputParser, CommaSeparatedListOutputParser, PromptTemplate } from 'rxchain';
import { FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';

describe('CommaSeparatedListOutputParser', () => {
  const parser = new CommaSeparatedListOutputParser();

  it('should be a transform parser with LangChain.js format instructions', () => {
    expect(parser).toBeInstanceOf(BaseTransformOutputParser);
    expect(parser.getName()).toBe('CommaSeparatedListOutputParser');
    expect(parser.getFormatInstructions()).toContain('comma separated values');
  });

  it('should return the trimmed items from invoke and parse', async () => {
    expect(await parser.invoke(' red, green ,blue ')).toEqual(['red', 'green', 'blue']);
    expect(parser.parse('a,,b')).toEqual(['a', '', 'b']);
    expect(await parser.invoke('')).toEqual(['']);
  });

  it('should stream each item once the comma after it arrives, keeping spaces inside an item', async () => {
    const items = await lastValueFrom(parser.stream$(from(['a', ', b', 'c,', ' d e', ' f'])).pipe(toArray()));
    expect(items).toEqual([['a'], ['bc'], ['d e f']]);
  });

  it('should stream items from a text model in a chain, and invoke the whole list', async () => {
    const chain = PromptTemplate.fromTemplate('List {n} colors')
      .pipe(new FakeStreamingLLM({ responses: ['red, green, blue', 'x,y'] }))
      .pipe(parser);
    const items: string[][] = [];
    for await (const item of await chain.stream({ n: 3 })) items.push(item);
    expect(items).toEqual([['red'], ['green'], ['blue']]);
    expect(await chain.invoke({ n: 2 })).toEqual(['x', 'y']);
  });

  describe('marble checklist', () => {
    const chunks = { a: 'x, y', b: new AIMessageChunk('z,'), c: 'w' };

    it('should emit each complete item on its frame and the last at the end', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold<string | AIMessageChunk>('-a-b-c|', chunks);
        expectObservable(parser.stream$(tokens)).toBe('-a-b--(c|)', { a: ['x'], b: ['yz'], c: ['w'] });
        expectSubscriptions(tokens.subscriptions).toBe('^-----!');
      });
    });

    it('should emit one empty item for an empty source', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(parser.stream$(cold<string>('--|'))).toBe('--(e|)', { e: [''] });
      });
    });

    it('should pass on a source error without the pending item', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(parser.stream$(cold('-a#', chunks, new Error('src')))).toBe(
          '-a#',
          { a: ['x'] },
          new Error('src'),
        );
      });
    });

    it('should error, not throw, when reading a chunk fails', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const bad = Object.defineProperty(new AIMessageChunk('x'), 'text', {
          get() {
            throw new Error('no text');
          },
        });
        expectObservable(parser.stream$(cold('-a|', { a: bad }))).toBe('-#', undefined, new Error('no text'));
      });
    });

    it('should unsubscribe early and stop a synchronous source cut by take', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold<string | AIMessageChunk>('-a-b-|', chunks);
        expectObservable(parser.stream$(tokens), '^--!').toBe('-a-', { a: ['x'] });
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
        expectObservable(parser.stream$(cold('(a|)', { a: 'p,q,r' })).pipe(take(2))).toBe('(pq|)', {
          p: ['p'],
          q: ['q'],
        });
      });
    });
  });
});
