import * as z from 'zod';
import { OutputParserException } from '../errors/OutputParserException.js';
import { JsonOutputParser } from './JsonOutputParser.js';

/**
 * A `JsonOutputParser` checked by a zod schema: while the text streams it emits the
 * partial values (which cannot be validated yet), and when the text is complete it
 * validates the final value; a mismatch fails the run with an `OutputParserException` that
 * lists zod's issues and keeps the raw text.
 *
 * @example
 * ```ts
 * import { StructuredOutputParser } from 'rxchain';
 * import { z } from 'zod';
 *
 * const parser = StructuredOutputParser.fromZodSchema(z.object({ name: z.string(), population: z.number() }));
 * console.log(await parser.invoke('{"name": "Spain", "population": 47350000}')); // => { name: 'Spain', population: 47350000 }
 * const error = await parser.invoke('{"name": "Spain"}').catch((e: Error) => e.message);
 * console.log(String(error).includes('population')); // => true
 * ```
 */
export class StructuredOutputParser<S extends z.ZodType> extends JsonOutputParser<z.infer<S>> {
  /** The schema the final value must match. */
  readonly schema: S;

  /**
   * @param schema - the zod schema.
   */
  constructor(schema: S) {
    super();
    this.schema = schema;
  }

  /**
   * Makes a parser for a zod schema.
   * @param schema - the schema.
   * @returns the parser.
   */
  static fromZodSchema<S extends z.ZodType>(schema: S): StructuredOutputParser<S> {
    return new StructuredOutputParser(schema);
  }

  protected override get defaultName(): string {
    return 'StructuredOutputParser';
  }

  /** The schema as JSON Schema. */
  jsonSchema(): Record<string, unknown> {
    return z.toJSONSchema(this.schema);
  }

  /**
   * Instructions to put in a prompt so the model answers with matching JSON.
   * @returns the instructions, with the JSON Schema.
   */
  override getFormatInstructions(): string {
    return (
      'Answer with a single JSON value, and nothing else, that matches this JSON Schema:\n' +
      `\`\`\`json\n${JSON.stringify(this.jsonSchema())}\n\`\`\``
    );
  }

  protected override validate(value: unknown, text: string): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const issues = result.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new OutputParserException(`The output does not match the schema (${issues})`, text, undefined, false, {
      cause: result.error,
    });
  }
}
