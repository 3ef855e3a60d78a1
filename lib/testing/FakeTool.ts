import type { z } from 'zod';
import { StructuredTool, type ToolSchema } from '../tools/StructuredTool.js';

/** What makes a `FakeTool`, as in LangChain.js. */
export interface FakeToolParams<S extends ToolSchema> {
  /** The tool's name. */
  name: string;
  /** What the tool does. */
  description: string;
  /** The zod schema of its arguments. */
  schema: S;
}

/**
 * LangChain.js's `FakeTool`: a tool with the given name, description and schema that
 * answers with its validated arguments as JSON. For tests of tool calling.
 *
 * @typeParam S - the schema of the arguments.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { FakeTool } from 'rxchain/testing';
 *
 * const weather = new FakeTool({ name: 'weather', description: 'Weather of a city', schema: z.object({ city: z.string() }) });
 * console.log(await weather.invoke({ city: 'Oslo' })); // => '{"city":"Oslo"}'
 * ```
 */
export class FakeTool<S extends ToolSchema = ToolSchema> extends StructuredTool<S, string, z.input<S>> {
  /**
   * @param fields - the name, description and schema.
   */
  constructor(fields: FakeToolParams<S>) {
    super({ ...fields, func: (args) => JSON.stringify(args) });
  }

  protected override get defaultName(): string {
    return 'FakeTool';
  }
}
