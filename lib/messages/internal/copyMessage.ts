import { AIMessage } from '../AIMessage.js';
import { AIMessageChunk } from '../AIMessageChunk.js';
import type { BaseMessage, MessageContent } from '../BaseMessage.js';

/**
 * A new message of the same class as `message`, with every field of it and `content` in
 * place of its content; `message` is not changed.
 */
export function copyMessage<M extends BaseMessage>(message: M, content: MessageContent = message.content): M {
  const Class = message.constructor as new (fields: object) => M;
  const toolCalls =
    message instanceof AIMessage && !(message instanceof AIMessageChunk)
      ? { tool_calls: message.tool_calls, invalid_tool_calls: message.invalid_tool_calls }
      : {};
  return new Class({ ...message, ...toolCalls, content });
}
