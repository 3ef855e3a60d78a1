import * as z from 'zod';
import { BasePromptTemplate } from '../../prompts/BasePromptTemplate.js';
import { RunnableBinding } from '../../runnables/RunnableBinding.js';
import type { Runnable } from '../../runnables/Runnable.js';
import { RunnableSequence } from '../../runnables/RunnableSequence.js';

/** The JSON Schemas `GET /input_schema`, `/output_schema` and `/config_schema` answer. */
export interface ServedSchemas {
  readonly input: unknown;
  readonly output: unknown;
  readonly config: unknown;
}

/** What the schemas are made from: the served runnable and the server's zod schemas. */
export interface SchemaSources {
  readonly runnable: Runnable;
  readonly inputSchema?: z.ZodType | undefined;
  readonly outputSchema?: z.ZodType | undefined;
  readonly configSchema?: z.ZodType | undefined;
}

/**
 * The served schemas, each from zod where the server gave one; otherwise the input
 * schema names the variables of the prompt the runnable starts with (if it does), and
 * what is left unknown is an open schema (`{}`, or an object schema with no properties
 * for the config), as LangServe answers for a runnable that declares nothing.
 */
export function servedSchemas(sources: SchemaSources): ServedSchemas {
  const { runnable, inputSchema, outputSchema, configSchema } = sources;
  const title = runnable.getName().replace(/[^A-Za-z0-9_]/g, '_');
  return {
    input: inputSchema !== undefined ? jsonSchemaOf(inputSchema, 'input') : promptInputSchema(runnable),
    output: outputSchema !== undefined ? jsonSchemaOf(outputSchema, 'output') : {},
    config: {
      title: `${title}Config`,
      type: 'object',
      properties: configSchema !== undefined ? { configurable: jsonSchemaOf(configSchema, 'input') } : {},
    },
  };
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** The step that first sees the input: through sequences and config bindings. */
function firstStep(runnable: Runnable): Runnable {
  if (runnable instanceof RunnableSequence) {
    const first = runnable.steps[0];
    return first === undefined ? runnable : firstStep(first);
  }
  if (runnable instanceof RunnableBinding) return firstStep(runnable.bound as Runnable);
  return runnable;
}

function promptInputSchema(runnable: Runnable): unknown {
  const first = firstStep(runnable);
  if (!(first instanceof BasePromptTemplate)) return {};
  const variables: readonly string[] = first.inputVariables;
  const properties: Record<string, unknown> = {};
  for (const name of variables) properties[name] = { title: titleOf(name) };
  return { title: 'PromptInput', type: 'object', properties, required: [...variables] };
}

function titleOf(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The answer of `/feedback`: feedback goes to LangSmith, which rxchain does not send to,
 * so it answers as LangServe does when feedback is not enabled (a 400 with `detail`).
 */
export function feedbackDisabled(): Response {
  return new Response(
    JSON.stringify({
      detail:
        'The feedback endpoint is not enabled on this server: rxchain records no LangSmith runs to attach feedback to.',
    }),
    { status: 400, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } },
  );
}
