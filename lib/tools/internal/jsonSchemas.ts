import * as z from 'zod';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/** A JSON Schema document, as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

// The JSON Schema a tool was given, kept beside the zod schema made from it, so that
// models receive the document as it was written rather than its round trip through zod.
const origins = new WeakMap<z.ZodType, JsonSchema>();

/** Whether `value` is a zod schema (rather than a JSON Schema object). */
export function isZodSchema(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType || (value !== null && typeof value === 'object' && '_zod' in value);
}

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
  origins.set(zod, schema);
  return zod as z.ZodType<unknown, Record<string, unknown>>;
}

/** The JSON Schema a zod schema was made from by `zodFromJsonSchema`, if it was. */
export function originalJsonSchema(schema: z.ZodType): JsonSchema | undefined {
  return origins.get(schema);
}
