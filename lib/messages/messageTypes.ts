import type { BaseMessage, MessageType } from './BaseMessage.js';

/** A message class (`HumanMessage`, `AIMessageChunk`, ...) standing for its type. */
export type MessageClass = abstract new (...args: never[]) => BaseMessage;

/** A message type (`"human"`, `"ai"`, ...) or a message class standing for its type. */
export type MessageTypeOrClass = MessageType | MessageClass;

/**
 * Whether `message` has one of the `types`, given as type names or message classes (a
 * class stands for its type, so `AIMessage` matches an `AIMessageChunk` too), as
 * LangChain.js's message helpers read them.
 *
 * @param message - the message.
 * @param types - the types or classes.
 * @returns whether the message's type is among them.
 *
 * @example
 * ```ts
 * import { AIMessageChunk, HumanMessage, isMessageOfType } from 'rxchain';
 *
 * console.log(isMessageOfType(new AIMessageChunk('a'), ['human', HumanMessage])); // => false
 * console.log(isMessageOfType(new HumanMessage('a'), [HumanMessage])); // => true
 * ```
 */
export function isMessageOfType(message: BaseMessage, types: readonly MessageTypeOrClass[]): boolean {
  const type: string = message.type;
  return types.some((wanted) => (typeof wanted === 'string' ? wanted : typeOfClass(wanted)) === type);
}

function typeOfClass(Class: MessageClass): string | undefined {
  // Every message class answers its type from a getter on its prototype.
  const prototype = Class.prototype as BaseMessage | undefined;
  try {
    return prototype?.type;
  } catch {
    return undefined;
  }
}
