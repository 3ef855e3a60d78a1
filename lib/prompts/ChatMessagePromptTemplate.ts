import type { BaseMessage } from '../messages/BaseMessage.js';
import { ChatMessage } from '../messages/ChatMessage.js';
import { BaseMessageStringPromptTemplate } from './BaseMessageStringPromptTemplate.js';
import type { PromptTemplate } from './PromptTemplate.js';

/**
 * A template of one message with a role of your choosing (LangChain.js's
 * `ChatMessagePromptTemplate`); it makes a `ChatMessage`.
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, ChatMessagePromptTemplate } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([ChatMessagePromptTemplate.fromTemplate('Rate {item}', 'critic')]);
 * console.log((await prompt.invoke({ item: 'the soup' })).toString()); // => 'critic: Rate the soup'
 * ```
 */
export class ChatMessagePromptTemplate extends BaseMessageStringPromptTemplate {
  /** The role of the messages it makes. */
  readonly role: string;

  /**
   * @param prompt - the template of the message's text.
   * @param role - the message's role.
   */
  constructor(prompt: PromptTemplate | string | { readonly prompt: PromptTemplate | string }, role: string) {
    super(prompt);
    this.role = role;
  }

  protected override get defaultName(): string {
    return 'ChatMessagePromptTemplate';
  }

  /**
   * Makes the template from text.
   * @param template - the text, with `{variables}`.
   * @param role - the message's role.
   * @returns the template.
   */
  static fromTemplate(template: string | PromptTemplate, role: string): ChatMessagePromptTemplate {
    return new ChatMessagePromptTemplate(template, role);
  }

  protected messageOf(text: string): BaseMessage {
    return new ChatMessage(text, this.role);
  }
}
