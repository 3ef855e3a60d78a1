import { StructuredTool, type ToolFunc, type ToolSchema } from './StructuredTool.js';

/** The name, description and argument schema of a tool made with `tool()`. */
export interface ToolFields<S extends ToolSchema> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The zod schema of the arguments (an object schema). */
  schema: S;
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
export function tool<S extends ToolSchema, R>(fn: ToolFunc<S, R>, fields: ToolFields<S>): StructuredTool<S, R> {
  return new StructuredTool<S, R>({ ...fields, func: fn });
}
