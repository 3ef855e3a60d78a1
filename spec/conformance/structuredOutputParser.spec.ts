import { AIMessage, OutputParserError, OutputParserException, StructuredOutputParser } from 'rxchain';
import { z } from 'zod';

// Ported from langchain-core/src/output_parsers/tests/structured.test.ts (langchainjs
// 62fc484, @langchain/core 1.x): the "zod v4" cases, since rxchain takes zod 4 schemas
// only (the "zod v3" twins and fromNamesAndDescriptions have no counterpart). `parse` is
// synchronous here. The format instructions carry the same JSON Schema as LangChain's,
// under rxchain's shorter wording, so the schema line is compared rather than the text.

enum StateProvinceEnum {
  Alabama = 'AL',
  Alaska = 'AK',
  Arizona = 'AZ',
}

/** The JSON Schema block of the format instructions, parsed. */
function schemaOf(parser: StructuredOutputParser<z.ZodType>): unknown {
  const block = /```json\n(.*)\n```/s.exec(parser.getFormatInstructions());
  return JSON.parse(block?.[1] ?? 'null');
}

describe('structured.test.ts', () => {
  it('StructuredOutputParser.invoke parses BaseMessage with reasoning blocks', async () => {
    const parser = StructuredOutputParser.fromZodSchema(z.object({ answer: z.string() }));
    const message = new AIMessage({
      content: [
        { type: 'reasoning', reasoning: 'Let me think...' },
        { type: 'text', text: '{"answer":"value"}' },
      ],
    });
    expect(await parser.invoke(message)).toEqual({ answer: 'value' });
  });

  it('StructuredOutputParser.fromZodSchema zod v4 (a single url)', () => {
    const parser = StructuredOutputParser.fromZodSchema(
      z.object({ url: z.string().describe('A link to the resource') }),
    );
    expect(parser.parse('```\n{"url": "value"}```')).toEqual({ url: 'value' });
    expect(schemaOf(parser)).toEqual(
      JSON.parse(
        '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"url":{"type":"string","description":"A link to the resource"}},"required":["url"],"additionalProperties":false}',
      ),
    );
  });

  it('StructuredOutputParser.fromZodSchema zod v4 (an output the schema rejects)', () => {
    const parser = StructuredOutputParser.fromZodSchema(
      z.object({ answer: z.enum(['yes', 'no']).describe('yes or no') }),
    );
    // LangChain's OutputParserException, here a subclass of OutputParserError.
    expect(() => parser.parse('```\n{"url": "value"}```')).toThrow(OutputParserException);
    expect(() => parser.parse('```\n{"url": "value"}```')).toThrow(OutputParserError);
  });

  it('StructuredOutputParser.fromZodSchema zod v4 (answer and sources)', () => {
    const parser = StructuredOutputParser.fromZodSchema(
      z.object({
        answer: z.string().describe("answer to the user's question"),
        sources: z.array(z.string()).describe('sources used to answer the question, should be websites.'),
      }),
    );
    const expected = { answer: 'value', sources: ['this-source'] };
    expect(parser.parse('```json\n{"answer": "value", "sources": ["this-source"]}```')).toEqual(expected);
    expect(
      parser.parse(
        'some other stuff```json\n{"answer": "value", "sources": ["this-source"]}```some other stuff at the end',
      ),
    ).toEqual(expected);
    expect(schemaOf(parser)).toEqual(
      JSON.parse(
        '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"answer":{"type":"string","description":"answer to the user\'s question"},"sources":{"type":"array","items":{"type":"string"},"description":"sources used to answer the question, should be websites."}},"required":["answer","sources"],"additionalProperties":false}',
      ),
    );
  });

  it('StructuredOutputParser.fromZodSchema zod v4 (nested objects, optional fields, enums)', () => {
    const parser = StructuredOutputParser.fromZodSchema(
      z
        .object({
          url: z.string().describe('A link to the resource'),
          title: z.string().describe('A title for the resource'),
          year: z.number().describe('The year the resource was created'),
          createdAt: z.string().describe('The date and time the resource was created'),
          createdAtDate: z.string().describe('The date the resource was created').optional(),
          authors: z.array(
            z.object({
              name: z.string().describe('The name of the author'),
              email: z.string().describe('The email of the author'),
              type: z.enum(['author', 'editor']).optional(),
              address: z.string().optional().describe('The address of the author'),
              stateProvince: z.enum(StateProvinceEnum).optional().describe('The state or province of the author'),
            }),
          ),
        })
        .describe('Only One object'),
    );
    expect(
      parser.parse(
        '```\n{"url": "value", "title": "value", "year": 2011, "createdAt": "2023-03-29T16:07:09.600Z", "createdAtDate": "2023-03-29", "authors": [{"name": "value", "email": "value", "stateProvince": "AZ"}]}```',
      ),
    ).toEqual({
      url: 'value',
      title: 'value',
      year: 2011,
      createdAt: '2023-03-29T16:07:09.600Z',
      createdAtDate: '2023-03-29',
      authors: [{ name: 'value', email: 'value', stateProvince: 'AZ' }],
    });
    expect(schemaOf(parser)).toEqual(
      JSON.parse(
        '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"url":{"type":"string","description":"A link to the resource"},"title":{"type":"string","description":"A title for the resource"},"year":{"type":"number","description":"The year the resource was created"},"createdAt":{"type":"string","description":"The date and time the resource was created"},"createdAtDate":{"type":"string","description":"The date the resource was created"},"authors":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string","description":"The name of the author"},"email":{"type":"string","description":"The email of the author"},"type":{"type":"string","enum":["author","editor"]},"address":{"description":"The address of the author","type":"string"},"stateProvince":{"description":"The state or province of the author","type":"string","enum":["AL","AK","AZ"]}},"required":["name","email"],"additionalProperties":false}}},"required":["url","title","year","createdAt","authors"],"additionalProperties":false,"description":"Only One object"}',
      ),
    );
  });

  it('StructuredOutputParser.fromZodSchema parsing newlines zod v4', () => {
    const parser = StructuredOutputParser.fromZodSchema(
      z.object({ url: z.string().describe('A link to the resource'), summary: z.string().describe('A summary') }),
    );
    // By design: strict JSON, as JSON.parse reads it; a raw newline in a string fails and says to
    // escape it (LangChain keeps it). An escaped one parses.
    expect(() => parser.parse('```\n{"url": "value", "summary": "line1,\nline2,\nline3"}```')).toThrow(
      /control character \(escape it/,
    );
    expect(parser.parse('```\n{"url": "value", "summary": "line1,\\nline2,\\nline3"}```')).toEqual({
      url: 'value',
      summary: 'line1,\nline2,\nline3',
    });
  });

  describe('StructuredOutputParser.fromZodSchema parsing json with backticks', () => {
    const parser = () =>
      StructuredOutputParser.fromZodSchema(
        z.object({ name: z.string().describe('Name'), biograph: z.string().describe('Biograph in markdown') }),
      );

    it('without backticks zod v4', () => {
      const result = parser().parse('{"name": "John Doe", "biograph": "john doe is a cool dude"}');
      expect(result).toEqual({ name: 'John Doe', biograph: 'john doe is a cool dude' });
    });

    it('with outer backticks zod v4', () => {
      const result = parser().parse('```json\n{"name": "John Doe", "biograph": "john doe is a cool dude"}```');
      expect(result).toEqual({ name: 'John Doe', biograph: 'john doe is a cool dude' });
    });

    it('with inner backticks zod v4', () => {
      const result = parser().parse('{"name": "John Doe", "biograph": "john doe is a ```cool dude```"}');
      expect(result).toEqual({ name: 'John Doe', biograph: 'john doe is a ```cool dude```' });
    });
  });
});
