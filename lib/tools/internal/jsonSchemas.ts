import * as z from 'zod';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { rememberJsonSchema, type JsonSchema } from '../toolDefinition.js';

/**
 * A zod schema that validates what `schema` (a JSON Schema object) describes; the
 * original document is remembered for `originalJsonSchema`.
 */
export function zodFromJsonSchema(schema: JsonSchema, toolName: string): z.ZodType<unknown, Record<string, unknown>> {
  let zod: z.ZodType;
  try {
    zod = z.fromJSONSchema(schema);
  } catch (error) {
    throw new InvalidArgumentError(
      'schema',
      `The JSON Schema of tool "${toolName}" cannot be read (${error instanceof Error ? error.message : String(error)}). Pass a JSON Schema object such as { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, or a zod schema.`,
    );
  }
  rememberJsonSchema(zod, schema);
  return zod as z.ZodType<unknown, Record<string, unknown>>;
}
