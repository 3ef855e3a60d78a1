import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { parseFString, renderFString, variablesOf, type TemplatePart } from './fString.js';
import { StringPromptValue } from './StringPromptValue.js';

/**
 * A text prompt with `{variables}`; its output is a `StringPromptValue`.
 *
 * @example
 * ```ts
 * import { PromptTemplate } from 'rxchain';
 *
 * const prompt = PromptTemplate.fromTemplate('Tell me a joke about {topic}');
 * console.log((await prompt.invoke({ topic: 'bears' })).toString()); // => 'Tell me a joke about bears'
 * ```
 */
export class PromptTemplate extends BasePromptTemplate<StringPromptValue> {
  /** The template text. */
  readonly template: string;
  readonly inputVariables: readonly string[];
  readonly #parts: readonly TemplatePart[];

  /**
   * @param template - the template text; `{{` and `}}` are literal braces.
   * @throws PromptTemplateError if the text has an unmatched brace.
   */
  constructor(template: string) {
    super();
    this.template = template;
    this.#parts = parseFString(template);
    this.inputVariables = variablesOf(this.#parts);
  }

  protected override get defaultName(): string {
    return 'PromptTemplate';
  }

  /**
   * Makes a template from text.
   * @param template - the template text.
   * @returns the template.
   */
  static fromTemplate(template: string): PromptTemplate {
    return new PromptTemplate(template);
  }

  /**
   * Fills the template.
   * @param values - the variables.
   * @returns the text.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  format(values: PromptVariables): string {
    return renderFString(this.#parts, values);
  }

  formatPromptValue(values: PromptVariables): StringPromptValue {
    return new StringPromptValue(this.format(values));
  }
}
