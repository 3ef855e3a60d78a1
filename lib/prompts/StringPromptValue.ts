import type { BaseMessage } from '../messages/BaseMessage.js';
import { HumanMessage } from '../messages/HumanMessage.js';

/**
 * The output of a `PromptTemplate`: formatted text, usable as a chat model's input
 * (it becomes one human message).
 *
 * @example
 * ```ts
 * import { StringPromptValue } from 'rxchain';
 *
 * const value = new StringPromptValue('Hi');
 * console.log(value.toString(), value.toChatMessages()[0]?.type); // => 'Hi', 'human'
 * ```
 */
export class StringPromptValue {
  /** The formatted text. */
  readonly value: string;

  /**
   * @param value - the formatted text.
   */
  constructor(value: string) {
    this.value = value;
  }

  /** @returns the text. */
  toString(): string {
    return this.value;
  }

  /** @returns the text as one human message. */
  toChatMessages(): BaseMessage[] {
    return [new HumanMessage(this.value)];
  }

  /** @returns plain JSON with a `type` field. */
  toJSON(): { type: 'StringPromptValue'; value: string } {
    return { type: 'StringPromptValue', value: this.value };
  }
}
