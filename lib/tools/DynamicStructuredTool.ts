import type { z } from 'zod';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { StructuredTool, type ToolSchema } from './StructuredTool.js';

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

/**
 * LangChain.js's `DynamicStructuredTool`: a `StructuredTool` made from a name, a
 * description, a zod schema and a function whose arguments come in LangChain.js's order
 * `(input, runManager, config)`, so a tool written for LangChain.js works unchanged.
 * Arguments are validated against the schema (a `ToolInputError` when they do not
 * match); called with a model's tool call it answers with a `ToolMessage`.
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
 * ```
 */
export class DynamicStructuredTool<S extends ToolSchema = ToolSchema, R = unknown> extends StructuredTool<S, R> {
  /**
   * @param fields - the name, description, schema and function.
   */
  constructor(fields: DynamicStructuredToolFields<S, R>) {
    const { func } = fields;
    super({
      name: fields.name,
      description: fields.description,
      schema: fields.schema,
      func: (input, config) => func(input, undefined, config),
    });
  }

  protected override get defaultName(): string {
    return 'DynamicStructuredTool';
  }
}
