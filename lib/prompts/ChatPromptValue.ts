import type { BaseMessage, SerializedMessage } from '../messages/BaseMessage.js';

const LABELS: Record<string, string> = { human: 'Human', ai: 'AI', system: 'System', tool: 'Tool' };

/**
 * The output of a `ChatPromptTemplate`: a list of messages for a chat model.
 *
 * @example
 * ```ts
 * import { ChatPromptValue, HumanMessage } from 'rxchain';
 *
 * const value = new ChatPromptValue([new HumanMessage('Hi')]);
 * console.log(value.toString()); // => 'Human: Hi'
 * ```
 */
export class ChatPromptValue {
  /** The messages. */
  readonly messages: readonly BaseMessage[];

  /**
   * @param messages - the messages.
   */
  constructor(messages: readonly BaseMessage[]) {
    this.messages = messages;
  }

  /** @returns the conversation as text, one `Role: text` line per message. */
  toString(): string {
    return this.messages.map((m) => `${labelOf(m)}: ${m.text}`).join('\n');
  }

  /** @returns a copy of the messages. */
  toChatMessages(): BaseMessage[] {
    return [...this.messages];
  }

  /** @returns plain JSON with a `type` field. */
  toJSON(): { type: 'ChatPromptValue'; messages: SerializedMessage[] } {
    return { type: 'ChatPromptValue', messages: this.messages.map((m) => m.toJSON()) };
  }
}

/** A message's speaker in a buffer string: its role for a `generic` message (a `ChatMessage`). */
function labelOf(message: BaseMessage): string {
  if (message.type === 'generic') {
    const role = (message as { role?: unknown }).role;
    if (typeof role === 'string') return role;
  }
  return LABELS[message.type] ?? message.type;
}
