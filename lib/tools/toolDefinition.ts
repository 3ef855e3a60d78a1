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

/** A tool described by a name, a description and a zod schema of its arguments (what `tool()` makes). */
export interface ToolLike {
  /** The tool's name. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** The zod schema of the arguments object. */
  readonly schema: z.ZodType;
}

/** How the model may use bound tools: `auto`, `none`, `required`, or one tool's name. */
export type ToolChoice = 'auto' | 'none' | 'required' | (string & {});

/**
 * The `ToolDefinition` of a tool: ready definitions pass through, zod schemas become JSON
 * Schema (`z.toJSONSchema`).
 *
 * @param tool - a `ToolLike` (such as a `tool()`) or a `ToolDefinition`.
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
  const { $schema: _dialect, ...parameters } = argumentsJsonSchema(schema);
  return { type: 'function', function: { name, description, parameters } };
}

/**
 * The JSON Schema of a tool's arguments: the schema's output side, as zod describes it
 * by default; for a schema that transforms (which has no JSON Schema output), its input
 * side, which is what the model writes anyway.
 */
function argumentsJsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema);
  } catch {
    return z.toJSONSchema(schema, { io: 'input' });
  }
}
