import type { BaseMessage } from '../messages/BaseMessage.js';
import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { PromptTemplate } from './PromptTemplate.js';

/**
 * The base of the one-message templates (`HumanMessagePromptTemplate`,
 * `AIMessagePromptTemplate`, `SystemMessagePromptTemplate`, `ChatMessagePromptTemplate`),
 * as in LangChain.js: a `PromptTemplate` whose text becomes one message. Run on its own it
 * returns the list of that one message; in `ChatPromptTemplate.fromMessages` it is one
 * entry.
 *
 * @example
 * ```ts
 * import { BaseMessageStringPromptTemplate, HumanMessagePromptTemplate } from 'rxchain';
 *
 * const template: BaseMessageStringPromptTemplate = HumanMessagePromptTemplate.fromTemplate('Hi {name}');
 * console.log(template.inputVariables, template.format({ name: 'Ada' }).text); // => ['name'], 'Hi Ada'
 * ```
 */
export abstract class BaseMessageStringPromptTemplate extends BasePromptTemplate<BaseMessage[]> {
  /** The template of the message's text. */
  readonly prompt: PromptTemplate;
  readonly inputVariables: readonly string[];

  /**
   * @param prompt - the template of the message's text (a `PromptTemplate`, or its text),
   *   or LangChain.js's `{ prompt }`.
   * @throws PromptTemplateError if the text has an unmatched brace.
   */
  constructor(prompt: PromptTemplate | string | { readonly prompt: PromptTemplate | string }) {
    super();
    const given = typeof prompt === 'object' && !(prompt instanceof PromptTemplate) ? prompt.prompt : prompt;
    this.prompt = typeof given === 'string' ? new PromptTemplate(given) : given;
    this.inputVariables = this.prompt.inputVariables;
  }

  protected override get defaultName(): string {
    return this.constructor.name;
  }

  /**
   * Makes the message from the text.
   * @param text - the formatted text.
   * @returns the message.
   */
  protected abstract messageOf(text: string): BaseMessage;

  /**
   * Formats the message.
   * @param values - the variables.
   * @returns the message.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  format(values: PromptVariables): BaseMessage {
    return this.messageOf(this.prompt.format(values));
  }

  /**
   * Formats the message, as a list (what a chat prompt joins).
   * @param values - the variables.
   * @returns the one message, in a list.
   */
  formatMessages(values: PromptVariables): BaseMessage[] {
    return [this.format(values)];
  }

  formatPromptValue(values: PromptVariables): BaseMessage[] {
    return this.formatMessages(values);
  }
}
