import { lastValueFrom, of, toArray } from 'rxjs';
import { AIMessageChunk, BaseOutputParser, OutputParserError, OutputParserException, type Generation } from 'rxchain';
import { FakeStreamingLLM, ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

class WordCount extends BaseOutputParser<number> {
  parse(text: string): number {
    return text.split(/\s+/).filter(Boolean).length;
  }
}

class AsyncYesNo extends BaseOutputParser<boolean> {
  async parse(text: string): Promise<boolean> {
    if (!/^(yes|no)$/i.test(text.trim())) throw new OutputParserException(`Expected yes or no, got ${text}`, text);
    return /yes/i.test(text);
  }
}

describe('BaseOutputParser', () => {
  it('should be a parser run named after its class', () => {
    const parser = new WordCount();
    expect(parser.runType).toBe('parser');
    expect(parser.getName()).toBe('WordCount');
    expect(parser.getFormatInstructions()).toBe('');
  });

  it('should parse the whole output of a streaming model once, after it ends', async () => {
    const parser = new WordCount();
    const spy = jest.spyOn(parser, 'parse');
    const chain = new ScriptedChatModel({ responses: ['one two three'], split: 'word' }).pipe(parser);
    expect(await lastValueFrom(chain.stream$('x').pipe(toArray()))).toEqual([3]);
    expect(spy.mock.calls).toEqual([['one two three']]);
  });

  it('should accept an async parse and pass its exception on the error channel', async () => {
    expect(await new AsyncYesNo().invoke('Yes')).toBe(true);
    const error = await new AsyncYesNo().invoke('maybe').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputParserException);
    expect(error).toBeInstanceOf(OutputParserError);
    expect((error as OutputParserException).llmOutput).toBe('maybe');
  });

  it('should parse a message by its text and pass the message to parseResult', async () => {
    const seen: Generation[] = [];
    class Recorder extends BaseOutputParser<string> {
      override parseResult(generations: readonly Generation[]): string {
        seen.push(...generations);
        return super.parseResult(generations) as string;
      }
      parse(text: string): string {
        return text;
      }
    }
    const message = new AIMessageChunk('hi');
    expect(await new Recorder().invoke(message)).toBe('hi');
    expect(seen[0]?.message).toBe(message);
    expect(await new Recorder().parseWithPrompt('t', 'prompt')).toBe('t');
  });

  describe('marble checklist', () => {
    it('should emit one value when the input completes', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-|', { a: 'one ', b: 'two' });
        expectObservable(new WordCount().stream$(tokens)).toBe('-----(n|)', { n: 2 });
        expectSubscriptions(tokens.subscriptions).toBe('^----!');
      });
    });

    it('should parse an empty input as an empty text', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(new WordCount().stream$(cold<string>('--|'))).toBe('--(n|)', { n: 0 });
      });
    });

    it('should pass on a source error and a parse error', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(new WordCount().stream$(cold<string>('-a-#', { a: 'x' }, new Error('src')))).toBe(
          '---#',
          undefined,
          new Error('src'),
        );
        class Broken extends BaseOutputParser<number> {
          parse(): number {
            throw new Error('broken');
          }
        }
        expectObservable(new Broken().stream$(cold('-a|', { a: 'x' }))).toBe('--#', undefined, new Error('broken'));
      });
    });

    it('should unsubscribe its source when unsubscribed early', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-|', { a: 'x', b: 'y' });
        expectObservable(new WordCount().stream$(tokens), '^-!').toBe('---');
        expectSubscriptions(tokens.subscriptions).toBe('^-!');
      });
    });
  });

  it('should take a text model in a chain', async () => {
    expect(await new FakeStreamingLLM({ responses: ['a b c d'] }).pipe(new WordCount()).invoke('x')).toBe(4);
    expect(await lastValueFrom(new WordCount().stream$(of('a b')).pipe(toArray()))).toEqual([2]);
  });
});
