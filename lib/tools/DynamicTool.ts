import * as z from 'zod';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { StructuredTool } from './StructuredTool.js';

const STRING_ARGUMENT = z.object({ input: z.string().default('').describe('the input') });

/** The argument schema of every `DynamicTool`: one string, `{ input }`. */
export type DynamicToolSchema = typeof STRING_ARGUMENT;

/** What makes a `DynamicTool`. */
export interface DynamicToolFields<R> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The function: called with the string argument and the run's config. */
  func: (input: string, config: RunnableConfig) => R | PromiseLike<R>;
}

/**
 * A tool whose one argument is a string, as LangChain's `DynamicTool`. Models see the
 * schema `{ input: string }`; `invoke` takes the string itself, `{ input }`, or a tool
 * call whose args are `{ input }`. A missing input (`invoke()`, `{}`) is `""`.
 *
 * @typeParam R - what the function returns. @default string
 *
 * @example
 * ```ts
 * import { DynamicTool } from 'rxchain';
 *
 * const shout = new DynamicTool({
 *   name: 'shout',
 *   description: 'Upper-cases a text',
 *   func: async (text) => text.toUpperCase(),
 * });
 * console.log(await shout.invoke('hello')); // => 'HELLO'
 * const message = await shout.invoke({ name: 'shout', args: { input: 'hi' }, id: 'c1', type: 'tool_call' });
 * console.log(message.content); // => 'HI'
 * ```
 */
export class DynamicTool<R = string> extends StructuredTool<DynamicToolSchema, R, string | z.input<DynamicToolSchema>> {
  /**
   * @param fields - the name, description and function.
   */
  constructor(fields: DynamicToolFields<R>) {
    const { func } = fields;
    super({
      name: fields.name,
      description: fields.description,
      schema: STRING_ARGUMENT,
      func: ({ input }, config) => func(input, config),
    });
  }

  protected override get defaultName(): string {
    return 'DynamicTool';
  }

  protected override toArgs(input: string | z.input<DynamicToolSchema> | undefined): unknown {
    // A missing input (no argument, null, or no `input` key) is the empty string.
    if (input === undefined || input === null) return { input: '' };
    return typeof input === 'string' ? { input } : input;
  }
}
