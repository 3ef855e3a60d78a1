import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { parseFString, renderFString, variablesOf, type TemplatePart } from './fString.js';
import { StringPromptValue } from './StringPromptValue.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { checkTemplateOptions, inputVariablesOf, withPartials, type PartialValues } from './partialVariables.js';

/** The options of `PromptTemplate.fromTemplate` (LangChain.js's, less the template). */
export interface PromptTemplateOptions {
  /** Variables filled in before formatting; they leave `inputVariables`. */
  partialVariables?: PartialValues | undefined;
  /** Only `'f-string'` (`{name}`) is supported. @default 'f-string' */
  templateFormat?: 'f-string' | undefined;
  /** Accepted for LangChain.js's sake: the template is always checked. */
  validateTemplate?: boolean | undefined;
}

/** LangChain.js's constructor argument of `PromptTemplate`. */
export interface PromptTemplateInput extends PromptTemplateOptions {
  /** The template text; `{{` and `}}` are literal braces. */
  template: string;
  /**
   * The variables, when you declare them; every variable of the text must be here or in
   * `partialVariables`. @default the variables of the text, in order
   */
  inputVariables?: readonly string[] | undefined;
}

const INPUT_KEYS = ['template', 'inputVariables', 'partialVariables', 'templateFormat', 'validateTemplate'];

/** The input, checked: an unknown key or another template format is a clear error. */
function checkedInput(input: string | PromptTemplateInput): PromptTemplateInput {
  if (typeof input === 'string') return { template: input };
  if (input === null || typeof input !== 'object' || typeof input.template !== 'string') {
    throw new InvalidArgumentError('template', 'new PromptTemplate() takes the template text, or { template, ... }.');
  }
  checkTemplateOptions('new PromptTemplate()', input, INPUT_KEYS);
  return input;
}

/**
 * A text prompt with `{variables}`; its output is a `StringPromptValue`.
 *
 * @example
 * ```ts
 * import { PromptTemplate } from 'rxchain';
 *
 * const prompt = PromptTemplate.fromTemplate('Tell me a joke about {topic}');
 * console.log((await prompt.invoke({ topic: 'bears' })).toString()); // => 'Tell me a joke about bears'
 *
 * const dated = await PromptTemplate.fromTemplate('{date}: {news}').partial({ date: () => '2026-12-04' });
 * console.log(dated.inputVariables, dated.format({ news: 'rain' })); // => ['news'], '2026-12-04: rain'
 * ```
 */
export class PromptTemplate extends BasePromptTemplate<StringPromptValue> {
  /** The template text. */
  readonly template: string;
  readonly inputVariables: readonly string[];
  readonly #parts: readonly TemplatePart[];

  /**
   * @param input - the template text (`{{` and `}}` are literal braces), or LangChain.js's
   *   `{ template, inputVariables?, partialVariables? }`.
   * @throws PromptTemplateError if the text has an unmatched brace.
   * @throws InvalidArgumentError for an unknown option, a template format other than
   *   f-string, or a variable neither declared nor partial.
   */
  constructor(input: string | PromptTemplateInput) {
    const { template, inputVariables, partialVariables } = checkedInput(input);
    super(partialVariables);
    this.template = template;
    this.#parts = parseFString(template);
    this.inputVariables = inputVariablesOf(variablesOf(this.#parts), inputVariables, this.partialVariables);
  }

  protected override get defaultName(): string {
    return 'PromptTemplate';
  }

  /**
   * Makes a template from text.
   * @param template - the template text.
   * @param options - `partialVariables`, as in LangChain.js.
   * @returns the template.
   */
  static fromTemplate(template: string, options: PromptTemplateOptions = {}): PromptTemplate {
    return new PromptTemplate({ ...options, template });
  }

  /**
   * A copy with more variables filled in; they leave its `inputVariables`. Returns a
   * Promise, as LangChain.js's does; this template is unchanged.
   * @param values - the variables to fill (text, or functions called at each format).
   * @returns the new template.
   */
  async partial(values: PartialValues): Promise<PromptTemplate> {
    return new PromptTemplate({
      template: this.template,
      inputVariables: this.inputVariables.filter((name) => !Object.hasOwn(values, name)),
      partialVariables: { ...this.partialVariables, ...values },
    });
  }

  /**
   * Fills the template.
   * @param values - the variables.
   * @returns the text.
   * @throws MissingPromptVariableError when a variable has no value.
   * @throws InvalidArgumentError when a partial function returns a Promise (use `invoke`).
   */
  format(values: PromptVariables): string {
    return renderFString(this.#parts, withPartials(this.partialVariables, values));
  }

  formatPromptValue(values: PromptVariables): StringPromptValue {
    return new StringPromptValue(this.format(values));
  }
}
