import type { BaseMessage } from './BaseMessage.js';
import { BaseChatMessageHistory } from './BaseChatMessageHistory.js';

/**
 * A conversation kept in memory, as LangChain.js's `InMemoryChatMessageHistory`: for
 * tests, demos and single-process apps (keep one per session id, e.g. in a `Map`).
 * `getMessages` returns a copy, so a caller that changes the list does not change the
 * conversation.
 *
 * @example
 * ```ts
 * import { HumanMessage, InMemoryChatMessageHistory } from 'rxchain';
 *
 * const history = new InMemoryChatMessageHistory([new HumanMessage('Hi')]);
 * await history.addAIMessage('Hello!');
 * console.log((await history.getMessages()).map((m) => m.text)); // => ['Hi', 'Hello!']
 * await history.clear();
 * console.log(await history.getMessages()); // => []
 * ```
 */
export class InMemoryChatMessageHistory extends BaseChatMessageHistory {
  #messages: BaseMessage[];

  /**
   * @param messages - the conversation to start from. @default []
   */
  constructor(messages: readonly BaseMessage[] = []) {
    super();
    this.#messages = [...messages];
  }

  async getMessages(): Promise<BaseMessage[]> {
    return [...this.#messages];
  }

  async addMessage(message: BaseMessage): Promise<void> {
    this.#messages.push(message);
  }

  override async addMessages(messages: readonly BaseMessage[]): Promise<void> {
    this.#messages.push(...messages);
  }

  async clear(): Promise<void> {
    this.#messages = [];
  }
}
