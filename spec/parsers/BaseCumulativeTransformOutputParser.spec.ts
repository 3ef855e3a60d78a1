import { from, lastValueFrom, take, toArray } from 'rxjs';
import {
  applyPatch,
  BaseCumulativeTransformOutputParser,
  BaseTransformOutputParser,
  JsonOutputParser,
  OutputParserError,
  OutputParserException,
  StringOutputParser,
  type Generation,
} from 'rxchain';
import { FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';

/** A parser written with `parsePartialResult` only: the words so far. */
class Words extends BaseCumulativeTransformOutputParser<string[]> {
  parsePartialResult(generations: readonly Generation[]): string[] | undefined {
    const text = generations[0]?.text ?? '';
    if (text.includes('#')) throw new Error('no hashes');
    const words = text.split(' ').filter(Boolean);
    return words.length > 0 ? words : undefined;
  }
}

describe('BaseCumulativeTransformOutputParser', () => {
  it('should emit the value so far after every chunk that changes it', async () => {
    const chain = new FakeStreamingLLM({ responses: ['ab c'] }).pipe(new Words());
    expect(await lastValueFrom(chain.stream$('x').pipe(toArray()))).toEqual([['a'], ['ab'], ['ab', 'c']]);
  });

  it('should return the last value from invoke', async () => {
    expect(await new FakeStreamingLLM({ responses: ['one two'] }).pipe(new Words()).invoke('x')).toEqual([
      'one',
      'two',
    ]);
  });

  it('should emit JSON Patch operations in diff mode, which rebuild the value', async () => {
    const chain = new FakeStreamingLLM({ responses: ['ab c'] }).pipe(new Words({ diff: true }));
    const patches = await lastValueFrom(chain.stream$('x').pipe(toArray()));
    expect(patches[0]).toEqual([{ op: 'replace', path: '', value: ['a'] }]);
    expect(applyPatch(undefined, patches.flat() as never)).toEqual(['ab', 'c']);
    // invoke: every operation, in order.
    const all = await new FakeStreamingLLM({ responses: ['ab c'] }).pipe(new Words({ diff: true })).invoke('x');
    expect(applyPatch(undefined, all as never)).toEqual(['ab', 'c']);
  });

  it('should fail with an OutputParserException when the whole text gives no value', async () => {
    const error = await new Words().invoke('   ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputParserException);
    expect((error as OutputParserException).llmOutput).toBe('   ');
  });

  it('should use a subclass parse for the final value', async () => {
    class Counted extends Words {
      override parse(text: string): string[] {
        return [`${text.split(' ').length} words`];
      }
    }
    const chain = new FakeStreamingLLM({ responses: ['a b'] }).pipe(new Counted());
    expect(await lastValueFrom(chain.stream$('x').pipe(toArray()))).toEqual([['a'], ['a', 'b'], ['2 words']]);
  });

  it('should accept an async parsePartialResult', async () => {
    class Later extends BaseCumulativeTransformOutputParser<string> {
      async parsePartialResult(generations: readonly Generation[]): Promise<string> {
        await Promise.resolve();
        return (generations[0]?.text ?? '').toUpperCase();
      }
    }
    expect(await lastValueFrom(new Later().stream$(from(['a', 'b'])).pipe(toArray()))).toEqual(['A', 'AB']);
  });

  describe('marble checklist', () => {
    const words = { a: 'x', b: 'y ', c: 'z', h: '#' };

    it('should emit values on their frames and skip a chunk that changes nothing', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-c|', words);
        expectObservable(new Words().stream$(tokens)).toBe('-a-b-c|', { a: ['x'], b: ['xy'], c: ['xy', 'z'] });
        expectSubscriptions(tokens.subscriptions).toBe('^-----!');
        const spaces = cold('-a-s|', { a: 'x', s: ' ' });
        expectObservable(new Words().stream$(spaces)).toBe('-a--|', { a: ['x'] });
      });
    });

    it('should fail at the end for an empty source (no value)', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(new Words().stream$(cold<string>('--|'))).toBe(
          '--#',
          undefined,
          new OutputParserException('Could not parse output: ', ''),
        );
      });
    });

    it('should pass on a source error and fail at the chunk parsePartialResult throws on', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(new Words().stream$(cold('-a#', words, new Error('src')))).toBe(
          '-a#',
          { a: ['x'] },
          new Error('src'),
        );
        const tokens = cold('-a-h-c|', words);
        expectObservable(new Words().stream$(tokens)).toBe('-a-#', { a: ['x'] }, new Error('no hashes'));
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
      });
    });

    it('should unsubscribe early and stop a synchronous source cut by take', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-|', words);
        expectObservable(new Words().stream$(tokens), '^--!').toBe('-a-', { a: ['x'] });
        expectSubscriptions(tokens.subscriptions).toBe('^--!');
        expectObservable(new Words().stream$(cold('(abc|)', words)).pipe(take(1))).toBe('(a|)', { a: ['x'] });
      });
    });
  });
});

describe('the built-in parsers in the family', () => {
  it('should make JsonOutputParser a cumulative parser whose parse and parsePartialResult work on whole texts', () => {
    const json = new JsonOutputParser();
    expect(json).toBeInstanceOf(BaseCumulativeTransformOutputParser);
    expect(json.parsePartialResult([{ text: '{"a": [1, 2' }])).toEqual({ a: [1, 2] });
    expect(json.parse('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(() => json.parse('{"a": ')).toThrow(OutputParserError);
    expect(new StringOutputParser()).toBeInstanceOf(BaseTransformOutputParser);
    expect(new StringOutputParser().parse('x')).toBe('x');
  });
});
