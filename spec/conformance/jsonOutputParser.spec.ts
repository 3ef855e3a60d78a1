import {
  AIMessage,
  applyPatch,
  ChatPromptTemplate,
  JsonOutputParser,
  RunnablePassthrough,
  RunnableSequence,
  type JsonPatchOperation,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { from, lastValueFrom, toArray } from 'rxjs';

// Ported from langchain-core/src/output_parsers/tests/json.test.ts (the token streams of the
// streaming cases are this port's own). LangChain's parser.transform(generator) is
// parser.stream$(observable) here, and parser.parse(text) is parser.invoke(text).

function partials<T>(parser: JsonOutputParser<T>, chunks: readonly string[]): Promise<T[]> {
  return lastValueFrom(parser.stream$(from(chunks)).pipe(toArray()));
}

const chars = (text: string): string[] => [...text];

// A joke answer streamed a few characters at a time, whitespace between tokens included.
const JOKE =
  '{\n "setup": "Why did the bears start a band?",\n "punchline": "Because they wanted to play music",\n "audience": ["Haha", "So funny"]\n}';
const JOKE_TOKENS = JOKE.match(/[\s\S]{1,3}/g) ?? [];
const JOKE_VALUE = {
  setup: 'Why did the bears start a band?',
  punchline: 'Because they wanted to play music',
  audience: ['Haha', 'So funny'],
};

describe('json.test.ts', () => {
  describe('Markdown Streaming Scenarios', () => {
    it('Markdown with split code block', async () => {
      expect(
        await partials(new JsonOutputParser(), ['```json\n{"', 'countries": [{"n', 'ame": "China"}]}', '\n```']),
      ).toEqual([{}, { countries: [{}] }, { countries: [{ name: 'China' }] }]);
    });

    it('Markdown without json identifier, split', async () => {
      expect(await partials(new JsonOutputParser(), ['```\n{"', 'key": "val', '"}\n```'])).toEqual([
        {},
        { key: 'val' },
      ]);
    });

    it('Ignores text after closing markdown backticks', async () => {
      expect(
        await partials(new JsonOutputParser(), ['```json\n', '{ "data": 123 }', '\n```', ' Some extra text']),
      ).toEqual([{ data: 123 }]);
    });
  });

  it('Handles markdown with text around code block', async () => {
    expect(
      await partials(new JsonOutputParser(), ['Explanation:\n```json\n{', '"answer": 42', '}\n```\nConclusion']),
    ).toEqual([{}, { answer: 42 }]);
  });

  it('Handles multiple code blocks in single chunk', async () => {
    expect(await partials(new JsonOutputParser(), ['```json\n{"a":1}\n```\n```json\n{"b":2}\n```'])).toEqual([
      { a: 1 },
    ]);
  });

  it('JSONOutputParser parses streamed JSON', async () => {
    const result = await partials(new JsonOutputParser(), JOKE_TOKENS);
    expect(result.length).toBeGreaterThan(10);
    expect(result[0]).toEqual({});
    expect(result.at(-1)).toEqual(JOKE_VALUE);
    // Every partial value is a prefix of the final one: no key or element goes away.
    for (const value of result)
      expect(JSON.stringify(JOKE_VALUE).startsWith(JSON.stringify(value).replace(/[}\]"]+$/, ''))).toBe(true);
    expect(await new JsonOutputParser().invoke(JOKE)).toEqual(JOKE_VALUE);
  });

  it('JSONOutputParser traces streamed JSON as just the last chunk', async () => {
    const parser = new JsonOutputParser();
    let traced: unknown;
    const chunks: unknown[] = [];
    for await (const event of parser.streamEvents(JOKE, { version: 'v2' })) {
      if (event.event === 'on_parser_stream') chunks.push(event.data.chunk);
      if (event.event === 'on_parser_end') traced = event.data.output;
    }
    expect(traced).toEqual(chunks.at(-1));
    expect(traced).toEqual(JOKE_VALUE);
  });

  it('JSONOutputParser parses streamed JSON diff', async () => {
    const parser = new JsonOutputParser<JsonPatchOperation[]>({ diff: true });
    const result = await partials(parser, JOKE_TOKENS);
    expect(result[0]).toEqual([{ op: 'replace', path: '', value: {} }]);
    // The operations, applied in order, rebuild the document.
    expect(applyPatch(undefined, result.flat())).toEqual(JOKE_VALUE);
    let traced: unknown;
    for await (const event of parser.streamEvents(JOKE_TOKENS.join(''), { version: 'v2' })) {
      if (event.event === 'on_parser_end') traced = event.data.output;
    }
    // The end output is the patches joined into one list (LangChain: the first op of each).
    expect(Array.isArray(traced)).toBe(true);
  });

  it('JsonOutputParser supports a type param', async () => {
    type Input = { question: string; cypher: string; schema: string; errors: string[] };
    type Output = { cypher: string; errors: string[] };
    const chain = RunnableSequence.from([
      RunnablePassthrough.assign({
        errors: ({ errors }: Input) => (Array.isArray(errors) ? errors.join('\n') : errors),
      }),
      ChatPromptTemplate.fromTemplate('{errors} {question} {cypher} {schema}'),
      new ScriptedChatModel({ responses: ['{"cypher":"testoutput","errors":["testerror"]}'], split: 'char' }),
      new JsonOutputParser<Output>(),
    ]);
    const result: Output = await chain.invoke({ question: 'test', cypher: 'test', schema: 'test', errors: ['test'] });
    expect(result).toEqual({ cypher: 'testoutput', errors: ['testerror'] });
  });

  const FOO = '{\n    "foo": "bar"\n}';
  const CASES: Record<string, string> = {
    GOOD_JSON: '```json\n' + FOO + '\n```',
    JSON_WITH_NEW_LINES: '\n```json\n' + FOO + '\n```\n',
    JSON_WITH_NEW_LINES_INSIDE: '```json\n' + FOO + '\n```',
    JSON_WITH_NEW_LINES_EVERYWHERE: '\n```json\n' + FOO + '\n```\n',
    TICKS_WITH_NEW_LINES_EVERYWHERE: '\n```\n' + FOO + '\n```\n',
    NO_TICKS: FOO,
    NO_TICKS_WHITE_SPACE: '\n' + FOO + '\n',
    TEXT_BEFORE: 'Thought: I need to use the search tool\nAction:\n```\n{\n  "foo": "bar"\n}\n```',
    TEXT_AFTER: '```\n{\n  "foo": "bar"\n}\n```\nThis should do the trick',
    TEXT_BEFORE_AND_AFTER: 'Action: Testing\n```\n{\n  "foo": "bar"\n}\n```\nThis should do the trick',
  };
  it.each(Object.entries(CASES))('JSONOutputParser parses %s', async (_name, text) => {
    const result = await partials(new JsonOutputParser(), chars(text));
    expect(result.at(-1)).toEqual({ foo: 'bar' });
    expect(await new JsonOutputParser().invoke(text)).toEqual({ foo: 'bar' });
  });

  it('JSONOutputParser parses JSON_WITH_ESCAPED_DOUBLE_QUOTES_IN_NESTED_JSON', async () => {
    const text =
      '```json\n{\n    "action": "Final Answer",\n    "action_input": "{\\"foo\\": \\"bar\\", \\"bar\\": \\"foo\\"}"\n}\n```';
    const expected = { action: 'Final Answer', action_input: '{"foo": "bar", "bar": "foo"}' };
    expect((await partials(new JsonOutputParser(), chars(text))).at(-1)).toEqual(expected);
    expect(await new JsonOutputParser().invoke(text)).toEqual(expected);
  });

  describe('JsonOutputParser with ContentBlock messages', () => {
    it('should parse AIMessage with ContentBlock[] content', async () => {
      const message = new AIMessage({
        content: [{ type: 'text', text: '{"conclusion": true, "reason": "test passed"}' }],
      });
      expect(await new JsonOutputParser().invoke(message)).toEqual({ conclusion: true, reason: 'test passed' });
    });

    it('should handle multiple text ContentBlocks', async () => {
      const message = new AIMessage({
        content: [
          { type: 'text', text: '{"foo": "bar"' },
          { type: 'text', text: ', "baz": 123}' },
        ],
      });
      expect(await new JsonOutputParser().invoke(message)).toEqual({ foo: 'bar', baz: 123 });
    });

    it('should handle ContentBlocks with non-text types gracefully', async () => {
      const message = new AIMessage({
        content: [
          { type: 'image_url', image_url: 'https://example.com/image.png' },
          { type: 'text', text: '{"answer": 42}' },
        ],
      });
      expect(await new JsonOutputParser().invoke(message)).toEqual({ answer: 42 });
    });

    it('should still work with string content', async () => {
      expect(await new JsonOutputParser().invoke(new AIMessage({ content: '{"simple": "string"}' }))).toEqual({
        simple: 'string',
      });
    });
  });
});
