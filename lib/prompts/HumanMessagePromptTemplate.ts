import type { BaseMessage } from '../messages/BaseMessage.js';
import { HumanMessage } from '../messages/HumanMessage.js';
import { BaseMessageStringPromptTemplate } from './BaseMessageStringPromptTemplate.js';
import type { PromptTemplate } from './PromptTemplate.js';

/**
 * A template of one human message (LangChain.js's `HumanMessagePromptTemplate`).
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, HumanMessagePromptTemplate } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([HumanMessagePromptTemplate.fromTemplate('Tell me about {topic}')]);
 * console.log((await prompt.invoke({ topic: 'owls' })).toString()); // => 'Human: Tell me about owls'
 * ```
 */
export class HumanMessagePromptTemplate extends BaseMessageStringPromptTemplate {
  /**
   * Makes the template from text.
   * @param template - the text, with `{variables}`.
   * @returns the template.
   */
  static fromTemplate(template: string | PromptTemplate): HumanMessagePromptTemplate {
    return new HumanMessagePromptTemplate(template);
  }

  protected override get defaultName(): string {
    return 'HumanMessagePromptTemplate';
  }

  protected messageOf(text: string): BaseMessage {
    return new HumanMessage(text);
  }
}
