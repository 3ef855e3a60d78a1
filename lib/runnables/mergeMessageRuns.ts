import { AIMessage } from '../messages/AIMessage.js';
import { concatContent, mergeRecords } from '../messages/AIMessageChunk.js';
import type { BaseMessage, MessageContent } from '../messages/BaseMessage.js';
import { ChatMessage } from '../messages/ChatMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';
import { HumanMessage } from '../messages/HumanMessage.js';
import { SystemMessage } from '../messages/SystemMessage.js';
import { addUsage } from '../messages/toolCalls.js';
import type { Runnable } from './Runnable.js';
import { RunnableLambda } from './RunnableLambda.js';

/**
 * Merges runs of consecutive messages of the same type into one, as LangChain.js's
 * `mergeMessageRuns` (for providers that reject two user messages in a row): string
 * contents join with a newline, other contents as parts; a model's tool calls add up.
 * Every type but tool messages is merged, as in LangChain.js: human, system, model, and
 * `ChatMessage`s, which only when their roles are the same (LangChain.js keeps the first
 * role and so would pass one speaker's words as another's). Tool messages are never
 * merged (each answers its own call). Chunks merge with messages of their type and come
 * out as messages. The messages given are not changed. Called without messages it returns a runnable to use in a chain.
 *
 * @param messages - the messages.
 * @returns the merged messages, or the runnable.
 *
 * @example
 * ```ts
 * import { AIMessage, HumanMessage, mergeMessageRuns } from 'rxchain';
 *
 * const merged = mergeMessageRuns([new HumanMessage('Hi'), new HumanMessage('Are you there?'), new AIMessage('Yes')]);
 * console.log(merged.map((m) => [m.type, m.content])); // => [['human', 'Hi\nAre you there?'], ['ai', 'Yes']]
 * ```
 */
export function mergeMessageRuns(): Runnable<MessagesInput, BaseMessage[]>;
export function mergeMessageRuns(messages: readonly BaseMessage[]): BaseMessage[];
export function mergeMessageRuns(
  messages?: readonly BaseMessage[],
): BaseMessage[] | Runnable<MessagesInput, BaseMessage[]> {
  if (Array.isArray(messages)) return merged(messages);
  return RunnableLambda.from(function mergeMessageRuns(input: MessagesInput) {
    return merged(coerceMessages(input));
  });
}

function merged(messages: readonly BaseMessage[]): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (const message of messages) {
    const last = out[out.length - 1];
    const joined = last !== undefined && last.type === message.type ? join(last, message) : undefined;
    if (joined !== undefined) out[out.length - 1] = joined;
    else out.push(message);
  }
  return out;
}

/** The two messages as one, or `undefined` for types that are not merged. */
function join(a: BaseMessage, b: BaseMessage): BaseMessage | undefined {
  const content: MessageContent =
    typeof a.content === 'string' && typeof b.content === 'string'
      ? `${a.content}\n${b.content}`
      : concatContent(a.content, b.content);
  const fields = {
    content,
    additional_kwargs: mergeRecords(a.additional_kwargs, b.additional_kwargs),
    response_metadata: mergeRecords(a.response_metadata, b.response_metadata),
    id: a.id ?? b.id,
    name: a.name ?? b.name,
  };
  if (a instanceof AIMessage && b instanceof AIMessage) {
    return new AIMessage({
      ...fields,
      tool_calls: [...a.tool_calls, ...b.tool_calls],
      invalid_tool_calls: [...a.invalid_tool_calls, ...b.invalid_tool_calls],
      usage_metadata: addUsage(a.usage_metadata, b.usage_metadata),
    });
  }
  if (a instanceof HumanMessage && b instanceof HumanMessage) return new HumanMessage(fields);
  if (a instanceof SystemMessage && b instanceof SystemMessage) return new SystemMessage(fields);
  if (a instanceof ChatMessage && b instanceof ChatMessage && a.role === b.role) {
    return new ChatMessage({ ...fields, role: a.role });
  }
  return undefined;
}
