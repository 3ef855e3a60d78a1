import { AIMessage } from './AIMessage.js';
import { AIMessageChunk } from './AIMessageChunk.js';
import { BaseMessage } from './BaseMessage.js';
import { ChatMessage } from './ChatMessage.js';
import { ChatMessageChunk } from './ChatMessageChunk.js';
import { HumanMessage } from './HumanMessage.js';
import { HumanMessageChunk } from './HumanMessageChunk.js';
import { SystemMessage } from './SystemMessage.js';
import { ToolMessage } from './ToolMessage.js';

/**
 * Whether a value is a message (of any role, a chunk included).
 *
 * @param value - any value.
 * @returns `true` for a `BaseMessage`.
 *
 * @example
 * ```ts
 * import { HumanMessage, isBaseMessage } from 'rxchain';
 *
 * console.log(isBaseMessage(new HumanMessage('hi')), isBaseMessage({ content: 'hi' })); // => true, false
 * ```
 */
export function isBaseMessage(value: unknown): value is BaseMessage {
  return value instanceof BaseMessage;
}

/**
 * Whether a value is a message chunk: a message whose pieces add up with `concat`
 * (`AIMessageChunk`, `HumanMessageChunk`, `SystemMessageChunk`, `ToolMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message chunk.
 *
 * @example
 * ```ts
 * import { AIMessage, AIMessageChunk, isBaseMessageChunk } from 'rxchain';
 *
 * console.log(isBaseMessageChunk(new AIMessageChunk('a')), isBaseMessageChunk(new AIMessage('a'))); // => true, false
 * ```
 */
export function isBaseMessageChunk(value: unknown): value is BaseMessage & { concat(other: BaseMessage): BaseMessage } {
  return value instanceof BaseMessage && typeof (value as { concat?: unknown }).concat === 'function';
}

/**
 * Whether a value is a model's message (an `AIMessage` or an `AIMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message of type `ai`.
 *
 * @example
 * ```ts
 * import { AIMessageChunk, HumanMessage, isAIMessage } from 'rxchain';
 *
 * console.log(isAIMessage(new AIMessageChunk('a')), isAIMessage(new HumanMessage('a'))); // => true, false
 * ```
 */
export function isAIMessage(value: unknown): value is AIMessage {
  return value instanceof AIMessage;
}

/**
 * Whether a value is a streamed piece of a model's message.
 *
 * @param value - any value.
 * @returns `true` for an `AIMessageChunk`.
 *
 * @example
 * ```ts
 * import { AIMessage, AIMessageChunk, isAIMessageChunk } from 'rxchain';
 *
 * console.log(isAIMessageChunk(new AIMessageChunk('a')), isAIMessageChunk(new AIMessage('a'))); // => true, false
 * ```
 */
export function isAIMessageChunk(value: unknown): value is AIMessageChunk {
  return value instanceof AIMessageChunk;
}

/**
 * Whether a value is a user's message (a `HumanMessage` or a `HumanMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message of type `human`.
 *
 * @example
 * ```ts
 * import { HumanMessage, SystemMessage, isHumanMessage } from 'rxchain';
 *
 * console.log(isHumanMessage(new HumanMessage('a')), isHumanMessage(new SystemMessage('a'))); // => true, false
 * ```
 */
export function isHumanMessage(value: unknown): value is HumanMessage {
  return value instanceof HumanMessage;
}

/**
 * Whether a value is a piece of a user's message.
 *
 * @param value - any value.
 * @returns `true` for a `HumanMessageChunk`.
 *
 * @example
 * ```ts
 * import { HumanMessage, HumanMessageChunk, isHumanMessageChunk } from 'rxchain';
 *
 * console.log(isHumanMessageChunk(new HumanMessageChunk('a')), isHumanMessageChunk(new HumanMessage('a'))); // => true, false
 * ```
 */
export function isHumanMessageChunk(value: unknown): value is HumanMessageChunk {
  return value instanceof HumanMessageChunk;
}

/**
 * Whether a value is a system message (a `SystemMessage` or a `SystemMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message of type `system`.
 *
 * @example
 * ```ts
 * import { HumanMessage, SystemMessage, isSystemMessage } from 'rxchain';
 *
 * console.log(isSystemMessage(new SystemMessage('a')), isSystemMessage(new HumanMessage('a'))); // => true, false
 * ```
 */
export function isSystemMessage(value: unknown): value is SystemMessage {
  return value instanceof SystemMessage;
}

/**
 * Whether a value is a tool's result (a `ToolMessage` or a `ToolMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message of type `tool`.
 *
 * @example
 * ```ts
 * import { HumanMessage, ToolMessage, isToolMessage } from 'rxchain';
 *
 * const result = new ToolMessage({ content: '42', tool_call_id: 'c1' });
 * console.log(isToolMessage(result), isToolMessage(new HumanMessage('a'))); // => true, false
 * ```
 */
export function isToolMessage(value: unknown): value is ToolMessage {
  return value instanceof ToolMessage;
}

/**
 * Whether a value is a message with a free-form role (a `ChatMessage` or a `ChatMessageChunk`).
 *
 * @param value - any value.
 * @returns `true` for a message of type `generic`.
 *
 * @example
 * ```ts
 * import { ChatMessage, HumanMessage, isChatMessage } from 'rxchain';
 *
 * console.log(isChatMessage(new ChatMessage({ content: 'a', role: 'critic' })), isChatMessage(new HumanMessage('a'))); // => true, false
 * ```
 */
export function isChatMessage(value: unknown): value is ChatMessage {
  return value instanceof ChatMessage;
}

/**
 * Whether a value is a piece of a message with a free-form role.
 *
 * @param value - any value.
 * @returns `true` for a `ChatMessageChunk`.
 *
 * @example
 * ```ts
 * import { ChatMessage, ChatMessageChunk, isChatMessageChunk } from 'rxchain';
 *
 * const piece = new ChatMessageChunk({ content: 'a', role: 'critic' });
 * console.log(isChatMessageChunk(piece), isChatMessageChunk(new ChatMessage({ content: 'a', role: 'critic' }))); // => true, false
 * ```
 */
export function isChatMessageChunk(value: unknown): value is ChatMessageChunk {
  return value instanceof ChatMessageChunk;
}
