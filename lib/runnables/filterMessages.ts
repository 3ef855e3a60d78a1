import type { BaseMessage } from '../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';
import { isMessageOfType, type MessageTypeOrClass } from '../messages/messageTypes.js';
import type { Runnable } from './Runnable.js';
import { RunnableLambda } from './RunnableLambda.js';

/** Which messages `filterMessages` keeps, as in LangChain.js. */
export interface FilterMessagesFields {
  /** Keep messages with one of these names. */
  includeNames?: readonly string[] | undefined;
  /** Drop messages with one of these names. */
  excludeNames?: readonly string[] | undefined;
  /** Keep messages of these types (names or classes). */
  includeTypes?: readonly MessageTypeOrClass[] | undefined;
  /** Drop messages of these types (names or classes). */
  excludeTypes?: readonly MessageTypeOrClass[] | undefined;
  /** Keep messages with one of these ids. */
  includeIds?: readonly string[] | undefined;
  /** Drop messages with one of these ids. */
  excludeIds?: readonly string[] | undefined;
}

/**
 * Keeps the messages that pass the filters, as LangChain.js's `filterMessages`: a message
 * matched by any `exclude*` is dropped; if an `include*` is given, a message is kept only
 * when one of them matches; with no `include*` every message not excluded is kept.
 * Called without messages it returns a runnable that filters its input (a list of
 * messages, or a prompt value), to use in a chain.
 *
 * @param messages - the messages.
 * @param options - the filters.
 * @returns the kept messages (the same objects), or the runnable.
 *
 * @example
 * ```ts
 * import { AIMessage, HumanMessage, SystemMessage, filterMessages } from 'rxchain';
 *
 * const messages = [new SystemMessage('Be brief.'), new HumanMessage({ content: 'Hi', name: 'ann' }), new AIMessage('Hello')];
 * console.log(filterMessages(messages, { excludeTypes: ['system'] }).map((m) => m.text)); // => ['Hi', 'Hello']
 * const onlyAnn = filterMessages({ includeNames: ['ann'] });
 * console.log((await onlyAnn.invoke(messages)).map((m) => m.text)); // => ['Hi']
 * ```
 */
export function filterMessages(options?: FilterMessagesFields): Runnable<MessagesInput, BaseMessage[]>;
export function filterMessages(messages: readonly BaseMessage[], options?: FilterMessagesFields): BaseMessage[];
export function filterMessages(
  messagesOrOptions?: readonly BaseMessage[] | FilterMessagesFields,
  options?: FilterMessagesFields,
): BaseMessage[] | Runnable<MessagesInput, BaseMessage[]> {
  if (Array.isArray(messagesOrOptions)) return filtered(messagesOrOptions as readonly BaseMessage[], options ?? {});
  const fields = (messagesOrOptions ?? {}) as FilterMessagesFields;
  return RunnableLambda.from(function filterMessages(input: MessagesInput) {
    return filtered(coerceMessages(input), fields);
  });
}

function filtered(messages: readonly BaseMessage[], options: FilterMessagesFields): BaseMessage[] {
  const { includeNames, excludeNames, includeTypes, excludeTypes, includeIds, excludeIds } = options;
  const named = (message: BaseMessage, names: readonly string[] | undefined): boolean =>
    names !== undefined && message.name !== undefined && names.includes(message.name);
  const withId = (message: BaseMessage, ids: readonly string[] | undefined): boolean =>
    ids !== undefined && message.id !== undefined && ids.includes(message.id);
  const typed = (message: BaseMessage, types: readonly MessageTypeOrClass[] | undefined): boolean =>
    types !== undefined && isMessageOfType(message, types);
  const anyInclude = includeNames !== undefined || includeTypes !== undefined || includeIds !== undefined;
  return messages.filter((message) => {
    if (named(message, excludeNames) || typed(message, excludeTypes) || withId(message, excludeIds)) return false;
    if (!anyInclude) return true;
    return named(message, includeNames) || typed(message, includeTypes) || withId(message, includeIds);
  });
}
