import type * as z from 'zod';
import { OutputParserException } from '../../errors/OutputParserException.js';
import type { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import { RunnableLambda } from '../../runnables/RunnableLambda.js';
import { RunnableSequence } from '../../runnables/RunnableSequence.js';
import type { BaseChatModel, ChatModelInput } from '../BaseChatModel.js';

/** The name of the tool a model is forced to call for structured output. */
export const STRUCTURED_OUTPUT_TOOL = 'extract';

/**
 * Structured output through a forced tool call: `model` is bound to one tool whose
 * arguments are `schema` and made to call it; the call's arguments, validated by
 * `schema`, are the answer. A reply without the call, or arguments that do not match,
 * fail with an `OutputParserException` carrying what the model sent.
 */
export function forcedToolOutput<S extends z.ZodType>(
  model: BaseChatModel,
  schema: S,
  name: string,
): RunnableSequence<ChatModelInput, z.infer<S>> {
  const bound = model.bindTools(
    [{ name: STRUCTURED_OUTPUT_TOOL, description: 'Gives the answer in the required structure.', schema }],
    { toolChoice: STRUCTURED_OUTPUT_TOOL },
  );
  const parse = RunnableLambda.from(function parseToolArguments(message: AIMessageChunk): z.infer<S> {
    const call = message.tool_calls.find((candidate) => candidate.name === STRUCTURED_OUTPUT_TOOL);
    if (call === undefined) {
      const raw = JSON.stringify(message.tool_call_chunks.map((chunk) => chunk.args ?? ''));
      throw new OutputParserException(
        `The model did not call the "${STRUCTURED_OUTPUT_TOOL}" tool it was made to call`,
        message.text || raw,
      );
    }
    const parsed = schema.safeParse(call.args);
    if (!parsed.success) {
      throw new OutputParserException(
        `The tool call's arguments do not match the schema: ${parsed.error.message}`,
        JSON.stringify(call.args),
        undefined,
        false,
        { cause: parsed.error },
      );
    }
    return parsed.data;
  });
  return new RunnableSequence<ChatModelInput, z.infer<S>>([bound, parse], { name });
}
