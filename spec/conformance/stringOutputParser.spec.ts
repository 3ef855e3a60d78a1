import {
  AIMessage,
  BaseOutputParser,
  BaseTransformOutputParser,
  BytesOutputParser,
  CommaSeparatedListOutputParser,
  StringOutputParser,
  type ContentPart,
} from 'rxchain';
import { FakeStreamingLLM } from 'rxchain/testing';
import { from, lastValueFrom, toArray } from 'rxjs';
import { collect } from './support.js';

// Ported from langchain-core/src/output_parsers/tests/string.test.ts and
// output_parser.test.ts (langchainjs 62fc484, @langchain/core 1.x). LangChain's
// `parser.transform(generator)` is `parser.stream$(observable)` here. Of the parametrised
// list cases, the CommaSeparatedListOutputParser ones are ported; rxchain has no
// NumberedListOutputParser or MarkdownListOutputParser.

const message = (content: ContentPart[]) => new AIMessage({ content });

describe('string.test.ts StringOutputParser', () => {
  it('string input', async () => {
    expect(await new StringOutputParser().invoke('hello')).toBe('hello');
  });

  it('BaseMessage string content', async () => {
    expect(await new StringOutputParser().invoke(new AIMessage({ content: 'hello' }))).toBe('hello');
  });

  it('BaseMessage complex text type', async () => {
    expect(await new StringOutputParser().invoke(message([{ type: 'text', text: 'hello' }]))).toBe('hello');
  });

  it('BaseMessage multiple complex text type', async () => {
    const msg = message([
      { type: 'text', text: 'hello' },
      { type: 'text', text: 'there' },
    ]);
    expect(await new StringOutputParser().invoke(msg)).toBe('hellothere');
  });

  it('BaseMessage complex text and image type fails', async () => {
    const msg = message([
      { type: 'text', text: 'hello' },
      { type: 'image_url', image_url: 'https://example.com/example.png' },
    ]);
    // By design: the parser returns the message's text parts, as `message.text` does (LangChain throws).
    expect(await new StringOutputParser().invoke(msg)).toBe('hello');
  });
});

describe('string.test.ts', () => {
  it('ignores reasoning blocks and returns only text', async () => {
    const msg = message([
      { type: 'reasoning', reasoning: 'internal reasoning' },
      { type: 'text', text: 'final answer' },
    ]);
    expect(await new StringOutputParser().invoke(msg)).toBe('final answer');
  });

  it('ignores thinking blocks', async () => {
    const msg = message([
      { type: 'thinking', thinking: 'hidden thoughts' },
      { type: 'text', text: 'visible output' },
    ]);
    expect(await new StringOutputParser().invoke(msg)).toBe('visible output');
  });

  it('ignores redacted_thinking blocks', async () => {
    const msg = message([
      { type: 'redacted_thinking', redacted_thinking: 'redacted' },
      { type: 'text', text: 'answer' },
    ]);
    expect(await new StringOutputParser().invoke(msg)).toBe('answer');
  });
});

describe('output_parser.test.ts', () => {
  it('BytesOutputParser', async () => {
    const stream = await new FakeStreamingLLM({ sleep: 0 }).pipe(new BytesOutputParser()).stream('Hi there!');
    const decoder = new TextDecoder();
    const chunks = (await collect(stream)).map((chunk) => decoder.decode(chunk));
    expect(chunks).toHaveLength('Hi there!'.length);
    expect(chunks.join('')).toBe('Hi there!');
  });

  const listTestCases: [string, string[]][] = [
    ['a,b,c', ['a', 'b', 'c']],
    ['a,b,c,', ['a', 'b', 'c', '']],
    ['a', ['a']],
  ];
  for (const [input, output] of listTestCases) {
    it(`CommaSeparatedListOutputParser parses ${input} to ${output.join(',')}`, async () => {
      const parser = new CommaSeparatedListOutputParser();
      const chunks = await lastValueFrom(parser.stream$(from([...input])).pipe(toArray()));
      expect(chunks).toEqual(output.map((x) => [x]));
      // By design: `parse` of a whole text is synchronous (LangChain's returns a Promise).
      expect(parser.parse(input)).toEqual(output);
    });
  }
});

describe('a transform parser inside a chain, by design (docs/migrating-from-langchain.md)', () => {
  class Bracketed extends BaseTransformOutputParser<string> {
    parse(text: string): string {
      return `[${text}]`;
    }
  }
  class WholeBracketed extends BaseOutputParser<string> {
    parse(text: string): string {
      return `[${text}]`;
    }
  }

  it('should add up its per-chunk results under chain.invoke, as chain.stream gives them', async () => {
    // LangChain's chain.invoke calls parse once on the whole reply ("[abc]"); here invoke is
    // the aggregate of the stream, so the two can never disagree.
    const chain = new FakeStreamingLLM({ responses: ['abc', 'abc'], sleep: 0 }).pipe(new Bracketed());
    expect(await chain.invoke('x')).toBe('[a][b][c]');
    expect((await collect(await chain.stream('x'))).join('')).toBe('[a][b][c]');
    expect(await new Bracketed().invoke('abc')).toBe('[abc]');
  });

  it('should parse the whole text once when the parser extends BaseOutputParser', async () => {
    const chain = new FakeStreamingLLM({ responses: ['abc'], sleep: 0 }).pipe(new WholeBracketed());
    expect(await chain.invoke('x')).toBe('[abc]');
  });
});
