import { AIMessage } from './AIMessage.js';
import { BaseMessage, type MessageContent } from './BaseMessage.js';
import { HumanMessage } from './HumanMessage.js';
import { SystemMessage } from './SystemMessage.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/** A role name and content, as in `["human", "Hello"]`. */
export type MessageTuple = readonly [role: string, content: MessageContent];

/** Anything that can stand for a list of chat messages. */
export type MessagesInput =
  | string
  | { toChatMessages(): BaseMessage[] }
  | readonly (
      | BaseMessage
      | MessageTuple
      | { readonly role: string; readonly content: MessageContent }
      | { readonly type: string; readonly content: MessageContent }
    )[];

/**
 * Makes a message of a role name: `human`/`user`, `ai`/`assistant`, `system`.
 *
 * @param role - the role name.
 * @param content - the content.
 * @returns the message.
 *
 * @example
 * ```ts
 * import { messageOfRole } from 'rxchain';
 *
 * console.log(messageOfRole('assistant', 'Hi').type); // => 'ai'
 * ```
 */
export function messageOfRole(role: string, content: MessageContent): BaseMessage {
  switch (role) {
    case 'human':
    case 'user':
      return new HumanMessage(content);
    case 'ai':
    case 'assistant':
      return new AIMessage({ content });
    case 'system':
      return new SystemMessage(content);
    default:
      throw new InvalidArgumentError(
        'role',
        `Unknown message role "${role}". Use one of "human" ("user"), "ai" ("assistant") or "system".`,
      );
  }
}

/**
 * Turns a chat model's input into messages: a string is one human message, a prompt
 * value gives its messages, and a list may mix messages, `[role, content]` tuples and
 * `{ role, content }` objects (or `{ type, content }`, as LangChain.js writes them).
 *
 * @param input - the input.
 * @returns the messages.
 *
 * @example
 * ```ts
 * import { coerceMessages } from 'rxchain';
 *
 * const messages = coerceMessages([['system', 'Be brief.'], ['human', 'Hi']]);
 * console.log(messages.map((m) => m.type)); // => ['system', 'human']
 * ```
 */
export function coerceMessages(input: MessagesInput): BaseMessage[] {
  if (typeof input === 'string') return [new HumanMessage(input)];
  if (!Array.isArray(input)) {
    const value = input as { toChatMessages?: unknown } | null | undefined;
    if (typeof value?.toChatMessages === 'function')
      return (input as { toChatMessages(): BaseMessage[] }).toChatMessages();
    const got =
      value === null ? 'null' : typeof value === 'object' ? 'an object without toChatMessages()' : typeof value;
    throw new InvalidArgumentError(
      'input',
      `A chat model takes a string, a list of messages, or a prompt value; got ${got}.`,
    );
  }
  return (input as MessagesInput & readonly unknown[]).map((item) => {
    if (item instanceof BaseMessage) return item;
    if (Array.isArray(item)) return messageOfRole(String(item[0]), item[1] as MessageContent);
    const { role, type, content } = item as { role?: string; type?: string; content: MessageContent };
    return messageOfRole(String(role ?? type), content);
  });
}
