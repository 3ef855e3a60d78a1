import { AIMessage } from './AIMessage.js';
import type { BaseMessage } from './BaseMessage.js';
import { HumanMessage } from './HumanMessage.js';

/**
 * Where one conversation's messages are kept, as LangChain.js's `BaseChatMessageHistory`:
 * a store implements `getMessages`, `addMessage` and `clear`; `addMessages`,
 * `addUserMessage` and `addAIMessage` are derived (a store that can write many messages
 * at once overrides `addMessages`). `RunnableWithMessageHistory` reads and writes
 * conversations through this contract.
 *
 * @example
 * ```ts
 * import { BaseChatMessageHistory, type BaseMessage } from 'rxchain';
 *
 * class ArrayHistory extends BaseChatMessageHistory {
 *   readonly stored: BaseMessage[] = [];
 *   async getMessages(): Promise<BaseMessage[]> {
 *     return [...this.stored];
 *   }
 *   async addMessage(message: BaseMessage): Promise<void> {
 *     this.stored.push(message);
 *   }
 *   async clear(): Promise<void> {
 *     this.stored.length = 0;
 *   }
 * }
 *
 * const history = new ArrayHistory();
 * await history.addUserMessage('Hi');
 * await history.addAIMessage('Hello!');
 * console.log((await history.getMessages()).map((m) => m.type)); // => ['human', 'ai']
 * ```
 */
export abstract class BaseChatMessageHistory {
  /**
   * The conversation so far, oldest first.
   * @returns a list the caller may change without changing the store.
   */
  abstract getMessages(): Promise<BaseMessage[]>;

  /**
   * Appends one message.
   * @param message - the message.
   */
  abstract addMessage(message: BaseMessage): Promise<void>;

  /** Forgets the whole conversation. */
  abstract clear(): Promise<void>;

  /**
   * Appends messages in order (one `addMessage` after another unless a store overrides it).
   * @param messages - the messages.
   */
  async addMessages(messages: readonly BaseMessage[]): Promise<void> {
    for (const message of messages) await this.addMessage(message);
  }

  /**
   * Appends a user's message.
   * @param message - its text.
   */
  addUserMessage(message: string): Promise<void> {
    return this.addMessage(new HumanMessage(message));
  }

  /**
   * Appends a model's message.
   * @param message - its text.
   */
  addAIMessage(message: string): Promise<void> {
    return this.addMessage(new AIMessage(message));
  }

  /**
   * LangChain.js's older name of `addAIMessage`.
   * @param message - its text.
   */
  addAIChatMessage(message: string): Promise<void> {
    return this.addAIMessage(message);
  }
}
