import * as z from 'zod';

/** A tool as providers receive it: OpenAI's `function` tool with a JSON Schema of its arguments. */
export interface ToolDefinition {
  /** Always `function`. */
  readonly type: 'function';
  /** The function the model may call. */
  readonly function: {
    /** The tool's name. */
    readonly name: string;
    /** What the tool does, for the model. */
    readonly description?: string | undefined;
    /** JSON Schema of the arguments object. */
    readonly parameters: Readonly<Record<string, unknown>>;
  };
}

/**
 * A tool described by a name, a description and a schema of its arguments: a zod schema
 * (what `tool()` makes) or a JSON Schema object.
 */
export interface ToolLike {
  /** The tool's name. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description?: string | undefined;
  /** The schema of the arguments object: zod, or a JSON Schema object sent as it is. */
  readonly schema: z.ZodType | Readonly<Record<string, unknown>>;
}

/** How the model may use bound tools: `auto`, `none`, `required`, or one tool's name. */
export type ToolChoice = 'auto' | 'none' | 'required' | (string & {});

/**
 * The `ToolDefinition` of a tool, from any of the three forms LangChain accepts: an
 * OpenAI-format definition (`{ type: 'function', function: { name, description,
 * parameters } }`) passes through; a `ToolLike` with a zod schema gets its JSON Schema
 * (`z.toJSONSchema`); a `ToolLike` with a JSON Schema object sends that object as it is
 * (without `$schema`).
 *
 * @param tool - a `ToolLike` (such as a `tool()`, or `{ name, description, schema }`) or a `ToolDefinition`.
 * @returns the definition sent to providers.
 *
 * @example
 * ```ts
 * import { toToolDefinition } from 'rxchain';
 * import { z } from 'zod';
 *
 * const definition = toToolDefinition({ name: 'add', description: 'Adds', schema: z.object({ a: z.number() }) });
 * console.log(definition.function.name, definition.function.parameters['type']); // => 'add', 'object'
 * ```
 */
export function toToolDefinition(tool: ToolLike | ToolDefinition): ToolDefinition {
  if ('function' in tool && tool.type === 'function') return tool;
  const { name, description, schema } = tool as ToolLike;
  const json = isZodSchema(schema) ? (originalJsonSchema(schema) ?? argumentsJsonSchema(schema)) : schema;
  const { $schema: _dialect, ...parameters } = json;
  return { type: 'function', function: { name, description, parameters } };
}

/**
 * The JSON Schema of a tool's arguments: the schema's output side, as zod describes it
 * by default; for a schema that transforms (which has no JSON Schema output), its input
 * side, which is what the model writes anyway.
 */
function argumentsJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema);
  } catch {
    return z.toJSONSchema(schema, { io: 'input' });
  }
}

/** A JSON Schema document, as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

// The JSON Schema a tool was given, kept beside the zod schema made from it, so that
// models receive the document as it was written rather than its round trip through zod.
const origins = /* @__PURE__ */ new WeakMap<z.ZodType, JsonSchema>();

/**
 * Remembers that `zod` was made from `json`, so that models receive `json` (see `tool()` with a JSON Schema).
 * @param zod - the schema that validates.
 * @param json - the document it was made from.
 */
export function rememberJsonSchema(zod: z.ZodType, json: JsonSchema): void {
  origins.set(zod, json);
}

/** The JSON Schema a zod schema was made from, if it was. */
function originalJsonSchema(schema: z.ZodType): JsonSchema | undefined {
  return origins.get(schema);
}

/**
 * Whether `value` is a zod schema (every zod 4 schema has `_zod`) rather than a JSON Schema object.
 * @param value - a tool's schema.
 * @returns true for a zod schema.
 */
export function isZodSchema(value: unknown): value is z.ZodType {
  return value !== null && typeof value === 'object' && '_zod' in value;
}
