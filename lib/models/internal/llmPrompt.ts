import { BaseMessage } from '../../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../../messages/coerceMessages.js';
import { ChatPromptValue } from '../../prompts/ChatPromptValue.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/** What a text model accepts: a string, a prompt value, or messages (as a chat model does). */
export type LLMInput = string | { toString(): string; toChatMessages(): BaseMessage[] } | MessagesInput;

/**
 * The prompt text of a text model's input, as LangChain.js makes it: a string as it is, a
 * prompt value's `toString()` (a chat prompt value is its buffer string, `Human: ...`), and
 * a list of messages as the buffer string of those messages.
 *
 * @param input - the model's input.
 * @returns the prompt text.
 * @throws InvalidArgumentError for anything else.
 */
export function llmPrompt(input: LLMInput): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return new ChatPromptValue(coerceMessages(input as MessagesInput)).toString();
  const value = input as { toChatMessages?: unknown } | null | undefined;
  if (value !== null && typeof value === 'object' && typeof value.toChatMessages === 'function')
    return (value as { toString(): string }).toString();
  if (value instanceof BaseMessage) return new ChatPromptValue([value]).toString();
  throw new InvalidArgumentError(
    'input',
    `A text model takes a string, a prompt value or a list of messages; got ${value === null ? 'null' : typeof value}.`,
  );
}
