import * as z from 'zod';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { zodFromJsonSchema } from './internal/jsonSchemas.js';
import { isZodSchema } from './toolDefinition.js';
import { StructuredTool, type ToolFunc, type ToolSchema } from './StructuredTool.js';
import { DynamicStructuredTool } from './DynamicStructuredTool.js';

/** The name, description and argument schema of a tool made with `tool()`. */
export interface ToolFields<S extends ToolSchema> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The zod schema of the arguments (an object schema). */
  schema: S;
}

/** The name, description and JSON Schema of a tool made with `tool()` from a JSON Schema. */
export interface JsonSchemaToolFields {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The JSON Schema of the arguments object (sent to models as it is). */
  schema: Readonly<Record<string, unknown>>;
}

/**
 * Makes a tool from a function, as LangChain's `tool()` does: the function receives the
 * arguments validated by `schema`, and the run's config as its second argument. It may
 * return a value or a Promise.
 *
 * @param fn - `(args, config) => result`.
 * @param fields - the tool's name, description and argument schema.
 * @returns a `StructuredTool`, ready for `model.bindTools([...])`.
 *
 * @example
 * ```ts
 * import { tool, ToolMessage } from 'rxchain';
 * import { z } from 'zod';
 *
 * const getWeather = tool(async ({ city }) => `It is sunny in ${city}.`, {
 *   name: 'get_weather',
 *   description: 'Tells the weather in a city',
 *   schema: z.object({ city: z.string().describe('the city') }),
 * });
 * console.log(await getWeather.invoke({ city: 'Paris' })); // => 'It is sunny in Paris.'
 * const reply = await getWeather.invoke({ name: 'get_weather', args: { city: 'Oslo' }, id: 'c1', type: 'tool_call' });
 * console.log(reply instanceof ToolMessage, reply.content); // => true, 'It is sunny in Oslo.'
 * ```
 */
export function tool<S extends ToolSchema, R>(fn: ToolFunc<S, R>, fields: ToolFields<S>): StructuredTool<S, R>;
/**
 * Makes a tool whose arguments are described by a JSON Schema object instead of zod: models
 * receive that schema as it is, and the arguments are validated against it (through
 * `z.fromJSONSchema`) before the function sees them, so a call that breaks the schema
 * fails with a `ToolInputError` as with zod. A schema zod cannot read fails at once with
 * an `InvalidArgumentError`.
 *
 * @param fn - `(args, config) => result`; `args` is the validated arguments object.
 * @param fields - the tool's name, description and JSON Schema.
 * @returns a `StructuredTool`, ready for `model.bindTools([...])`.
 *
 * @example
 * ```ts
 * import { tool, toToolDefinition } from 'rxchain';
 *
 * const getWeather = tool(async (args) => `It is sunny in ${String(args['city'])}.`, {
 *   name: 'get_weather',
 *   description: 'Tells the weather in a city',
 *   schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * });
 * console.log(await getWeather.invoke({ city: 'Paris' })); // => 'It is sunny in Paris.'
 * console.log(toToolDefinition(getWeather).function.parameters['required']); // => ['city']
 * const failed = await getWeather.invoke({ town: 'Oslo' }).catch((error: Error) => error.name);
 * console.log(failed); // => 'ToolInputError'
 * ```
 */
export function tool<R>(
  fn: (args: Record<string, unknown>, config: RunnableConfig) => R | PromiseLike<R>,
  fields: JsonSchemaToolFields,
): StructuredTool<ToolSchema, R, Record<string, unknown>>;
/**
 * Makes a tool without an argument schema, as LangChain's `tool()` does when given none:
 * models are told it takes one string, `{ input }`; the function receives the input as it
 * was given to `invoke` (a string, an object, anything), or a tool call's `input` string.
 *
 * @param fn - `(input, config) => result`.
 * @param fields - the tool's name and description.
 * @returns a tool whose input passes through unvalidated.
 *
 * @example
 * ```ts
 * import { tool } from 'rxchain';
 *
 * const echo = tool((input) => `got ${JSON.stringify(input)}`, { name: 'echo', description: 'Echoes' });
 * console.log(await echo.invoke('hi'), await echo.invoke({ a: 1 })); // => 'got "hi"', 'got {"a":1}'
 * ```
 */
export function tool<R>(
  fn: (input: unknown, config: RunnableConfig) => R | PromiseLike<R>,
  fields: Omit<ToolFields<ToolSchema>, 'schema'> & { schema?: undefined },
): StructuredTool<RawInputSchema, R, unknown>;
export function tool<S extends ToolSchema, R>(
  fn: ToolFunc<S, R>,
  fields: ToolFields<S> | JsonSchemaToolFields | (Omit<ToolFields<S>, 'schema'> & { schema?: undefined }),
): StructuredTool<S, R> | StructuredTool<RawInputSchema, R, unknown> | StructuredTool<ToolSchema, R> {
  if (fields.schema !== undefined && !isZodSchema(fields.schema)) {
    const schema = zodFromJsonSchema(fields.schema, fields.name);
    const func = fn as unknown as ToolFunc<ToolSchema, R>;
    return new DynamicStructuredTool<ToolSchema, R>({
      name: fields.name,
      description: fields.description,
      schema,
      func: (input, _runManager, config) => func(input, config),
    });
  }
  if (fields.schema === undefined) {
    const raw = fn as unknown as (input: unknown, config: RunnableConfig) => R | PromiseLike<R>;
    return new RawInputTool<R>({ name: fields.name, description: fields.description, schema: RAW_INPUT, func: raw });
  }
  return new DynamicStructuredTool<S, R>({
    name: fields.name,
    description: fields.description,
    schema: fields.schema,
    func: (input, _runManager, config) => fn(input, config),
  });
}

// What models are told a schema-less tool takes; a tool call's args give their `input`.
const RAW_INPUT = z.object({ input: z.string().default('') }).transform((args): unknown => args.input);

/** The schema of a tool made by `tool()` without one: `{ input: string }` for models. */
export type RawInputSchema = typeof RAW_INPUT;

/** A tool whose plain input reaches its function as it is, unvalidated. */
class RawInputTool<R> extends StructuredTool<RawInputSchema, R, unknown> {
  protected override parsePlain(input: unknown): z.ZodSafeParseResult<unknown> {
    return { success: true, data: input };
  }
}
