import type { BaseMessage } from '../messages/BaseMessage.js';
import { SystemMessage } from '../messages/SystemMessage.js';
import { BaseMessageStringPromptTemplate } from './BaseMessageStringPromptTemplate.js';
import type { PromptTemplate } from './PromptTemplate.js';

/**
 * A template of one system message (LangChain.js's `SystemMessagePromptTemplate`).
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, SystemMessagePromptTemplate } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([SystemMessagePromptTemplate.fromTemplate('Answer in {language}')]);
 * console.log((await prompt.invoke({ language: "French" })).toString()); // => 'System: Answer in French'
 * ```
 */
export class SystemMessagePromptTemplate extends BaseMessageStringPromptTemplate {
  /**
   * Makes the template from text.
   * @param template - the text, with `{variables}`.
   * @returns the template.
   */
  static fromTemplate(template: string | PromptTemplate): SystemMessagePromptTemplate {
    return new SystemMessagePromptTemplate(template);
  }

  protected override get defaultName(): string {
    return 'SystemMessagePromptTemplate';
  }

  protected messageOf(text: string): BaseMessage {
    return new SystemMessage(text);
  }
}
