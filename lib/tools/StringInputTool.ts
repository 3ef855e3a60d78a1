// `Tool` lives here, not in Tool.ts: tool.ts (the `tool()` function) differs from that name only in case.
import * as z from 'zod';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { StructuredTool } from './StructuredTool.js';

const STRING_INPUT = z.object({ input: z.string().default('').describe('the input') });

/** The argument schema of every `Tool`: one string, `{ input }`. */
export type ToolStringSchema = typeof STRING_INPUT;

/** Optional fields of a `Tool`, as in LangChain.js. */
export interface ToolParams {
  /** Whether an agent should return the tool's result as its answer. @default false */
  returnDirect?: boolean | undefined;
}

/**
 * LangChain.js's `Tool`: the base class of tools whose one argument is a string. A
 * subclass sets `name` and `description` and implements `_call(input, runManager,
 * config)`, as for LangChain.js (the run manager is always `undefined` here: events come
 * from the run itself). Models see the schema `{ input: string }`; `invoke` takes the
 * string, `{ input }`, or a tool call whose args are `{ input }` (answered with a
 * `ToolMessage`).
 *
 * @example
 * ```ts
 * import { Tool } from 'rxchain';
 *
 * class WordCounter extends Tool {
 *   name = 'word_counter';
 *   description = 'Counts the words of a text';
 *   async _call(input: string): Promise<string> {
 *     return String(input.split(/\s+/).filter(Boolean).length);
 *   }
 * }
 *
 * const counter = new WordCounter();
 * console.log(await counter.invoke('one two three'), counter.getName()); // => '3', 'word_counter'
 * const reply = await counter.invoke({ name: 'word_counter', args: { input: 'a b' }, id: 'c1', type: 'tool_call' });
 * console.log(reply.content); // => '2'
 * ```
 */
export abstract class Tool extends StructuredTool<ToolStringSchema, string, string | z.input<ToolStringSchema>> {
  /** The tool's name, as the model calls it: the subclass sets it. */
  abstract override name: string;
  /** What the tool does, for the model: the subclass sets it. */
  abstract override readonly description: string;
  /** Whether an agent should return the tool's result as its answer. */
  returnDirect: boolean;

  /**
   * @param fields - `returnDirect`.
   */
  constructor(fields: ToolParams = {}) {
    // The function reaches the subclass's `_call` once the instance exists.
    const self: { tool?: Tool } = {};
    super({
      name: '',
      description: '',
      schema: STRING_INPUT,
      func: ({ input }, config) => (self.tool as Tool)._call(input, undefined, config),
    });
    self.tool = this;
    this.returnDirect = fields.returnDirect ?? false;
  }

  /**
   * Does the work.
   *
   * @param input - the string argument.
   * @param runManager - always `undefined` (kept for LangChain.js's signature).
   * @param config - the run's config; pass it to runnables called here to nest their runs.
   * @returns the result, as a string.
   */
  protected abstract _call(input: string, runManager?: undefined, config?: RunnableConfig): Promise<string>;

  protected override get defaultName(): string {
    return 'Tool';
  }

  protected override toArgs(input: string | z.input<ToolStringSchema> | undefined): unknown {
    if (input === undefined || input === null) return { input: '' };
    return typeof input === 'string' ? { input } : input;
  }
}
