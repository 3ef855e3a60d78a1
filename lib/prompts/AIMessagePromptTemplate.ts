import type { BaseMessage } from '../messages/BaseMessage.js';
import { AIMessage } from '../messages/AIMessage.js';
import { BaseMessageStringPromptTemplate } from './BaseMessageStringPromptTemplate.js';
import type { PromptTemplate } from './PromptTemplate.js';

/**
 * A template of one AI message (LangChain.js's `AIMessagePromptTemplate`).
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, AIMessagePromptTemplate } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([AIMessagePromptTemplate.fromTemplate('I know about {topic}')]);
 * console.log((await prompt.invoke({ topic: 'owls' })).toString()); // => 'AI: I know about owls'
 * ```
 */
export class AIMessagePromptTemplate extends BaseMessageStringPromptTemplate {
  /**
   * Makes the template from text.
   * @param template - the text, with `{variables}`.
   * @returns the template.
   */
  static fromTemplate(template: string | PromptTemplate): AIMessagePromptTemplate {
    return new AIMessagePromptTemplate(template);
  }

  protected override get defaultName(): string {
    return 'AIMessagePromptTemplate';
  }

  protected messageOf(text: string): BaseMessage {
    return new AIMessage({ content: text });
  }
}
