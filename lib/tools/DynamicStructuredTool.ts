import type { z } from 'zod';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { zodFromJsonSchema } from './internal/jsonSchemas.js';
import { StructuredTool, type ToolFunc, type ToolSchema } from './StructuredTool.js';
import { isZodSchema, type JsonSchema } from './toolDefinition.js';

/** What makes a `DynamicStructuredTool`, as in LangChain.js. */
export interface DynamicStructuredToolFields<S extends ToolSchema, R> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The zod schema of the arguments. */
  schema: S;
  /**
   * The function: called with the validated arguments, a run manager (always `undefined`
   * here: events come from the run itself) and the run's config, in LangChain.js's order.
   */
  func: (input: z.output<S>, runManager: undefined, config: RunnableConfig) => R | PromiseLike<R>;
}

/** What makes a `DynamicStructuredTool` whose arguments a JSON Schema object describes. */
export interface JsonSchemaDynamicStructuredToolFields<R> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The JSON Schema of the arguments object (sent to models as it is, and validated). */
  schema: JsonSchema;
  /** The function: called with the validated arguments object, `undefined` and the run's config. */
  func: (input: Record<string, unknown>, runManager: undefined, config: RunnableConfig) => R | PromiseLike<R>;
}

/**
 * LangChain.js's `DynamicStructuredTool`: a `StructuredTool` made from a name, a
 * description, a zod schema and a function whose arguments come in LangChain.js's order
 * `(input, runManager, config)`, so a tool written for LangChain.js works unchanged.
 * Arguments are validated against the schema (a `ToolInputError` when they do not
 * match); called with a model's tool call it answers with a `ToolMessage`. As in
 * LangChain.js the schema may be a JSON Schema object instead of zod: models receive it
 * as written, and the arguments are still validated against it (through
 * `z.fromJSONSchema`, as `tool()` does); one zod cannot read fails at once with an
 * `InvalidArgumentError`.
 *
 * @typeParam S - the schema of the arguments.
 * @typeParam R - what the function returns.
 *
 * @example
 * ```ts
 * import { DynamicStructuredTool } from 'rxchain';
 * import { z } from 'zod';
 *
 * const add = new DynamicStructuredTool({
 *   name: 'add',
 *   description: 'Adds two numbers',
 *   schema: z.object({ a: z.number(), b: z.number() }),
 *   func: async ({ a, b }) => a + b,
 * });
 * console.log(await add.invoke({ a: 2, b: 3 })); // => 5
 * const reply = await add.invoke({ name: 'add', args: { a: 1, b: 1 }, id: 'call_1', type: 'tool_call' });
 * console.log(reply.content, reply.tool_call_id); // => '2', 'call_1'
 *
 * const greet = new DynamicStructuredTool({
 *   name: 'greet',
 *   description: 'Greets someone',
 *   schema: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
 *   func: async ({ who }) => `Hello, ${String(who)}!`,
 * });
 * console.log(await greet.invoke({ who: 'Ada' })); // => 'Hello, Ada!'
 * console.log(await greet.invoke({ whom: 'Ada' }).catch((error: Error) => error.name)); // => 'ToolInputError'
 * ```
 */
export class DynamicStructuredTool<S extends ToolSchema = ToolSchema, R = unknown> extends StructuredTool<S, R> {
  /**
   * @param fields - the name, description, zod schema and function.
   */
  constructor(fields: DynamicStructuredToolFields<S, R>);
  /**
   * @param fields - the name, description, JSON Schema and function.
   */
  constructor(fields: JsonSchemaDynamicStructuredToolFields<R>);
  constructor(fields: DynamicStructuredToolFields<S, R> | JsonSchemaDynamicStructuredToolFields<R>) {
    const func = fields.func as (input: unknown, runManager: undefined, config: RunnableConfig) => R | PromiseLike<R>;
    const schema = isZodSchema(fields.schema)
      ? fields.schema
      : (zodFromJsonSchema(fields.schema, fields.name) as unknown as S);
    const call: ToolFunc<S, R> = (input, config) => func(input, undefined, config);
    super({ name: fields.name, description: fields.description, schema, func: call });
  }

  protected override get defaultName(): string {
    return 'DynamicStructuredTool';
  }
}
