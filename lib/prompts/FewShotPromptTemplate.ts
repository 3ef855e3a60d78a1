import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { parseFString, renderFString, variablesOf, type TemplatePart } from './fString.js';
import type { PromptTemplate } from './PromptTemplate.js';
import { StringPromptValue } from './StringPromptValue.js';

/** Options of `FewShotPromptTemplate`, as in LangChain.js (without example selectors). */
export interface FewShotPromptTemplateInput {
  /** The examples, each the variables of `examplePrompt`. */
  examples: readonly PromptVariables[];
  /** How one example is written. */
  examplePrompt: PromptTemplate;
  /** Between the prefix, the examples and the suffix. @default '\n\n' */
  exampleSeparator?: string | undefined;
  /** A template before the examples. @default '' */
  prefix?: string | undefined;
  /** A template after the examples (usually the question). @default '' */
  suffix?: string | undefined;
  /** The variables the prompt takes. @default those of the prefix and the suffix */
  inputVariables?: readonly string[] | undefined;
}

/**
 * A text prompt made of a prefix, examples written with `examplePrompt`, and a suffix,
 * joined by `exampleSeparator` (LangChain.js's `FewShotPromptTemplate`); its output is a
 * `StringPromptValue`. The prefix and suffix are templates; the examples are written as
 * they are (braces in an example's values stay braces).
 *
 * @example
 * ```ts
 * import { FewShotPromptTemplate, PromptTemplate } from 'rxchain';
 *
 * const prompt = new FewShotPromptTemplate({
 *   examples: [{ word: 'happy', antonym: 'sad' }, { word: 'tall', antonym: 'short' }],
 *   examplePrompt: PromptTemplate.fromTemplate('{word} -> {antonym}'),
 *   prefix: 'Give the antonym.',
 *   suffix: '{input} ->',
 *   exampleSeparator: '\n',
 * });
 * console.log(await prompt.format({ input: 'big' })); // => 'Give the antonym.\nhappy -> sad\ntall -> short\nbig ->'
 * ```
 */
export class FewShotPromptTemplate extends BasePromptTemplate<StringPromptValue> {
  readonly inputVariables: readonly string[];
  /** The examples. */
  readonly examples: readonly PromptVariables[];
  /** How one example is written. */
  readonly examplePrompt: PromptTemplate;
  /** Between the parts. */
  readonly exampleSeparator: string;
  /** The template before the examples. */
  readonly prefix: string;
  /** The template after the examples. */
  readonly suffix: string;
  readonly #prefix: readonly TemplatePart[];
  readonly #suffix: readonly TemplatePart[];

  /**
   * @param input - the examples, how to write them, the prefix and the suffix.
   * @throws PromptTemplateError if the prefix or suffix has an unmatched brace.
   */
  constructor(input: FewShotPromptTemplateInput) {
    super();
    this.examples = input.examples;
    this.examplePrompt = input.examplePrompt;
    this.exampleSeparator = input.exampleSeparator ?? '\n\n';
    this.prefix = input.prefix ?? '';
    this.suffix = input.suffix ?? '';
    this.#prefix = parseFString(this.prefix);
    this.#suffix = parseFString(this.suffix);
    this.inputVariables = input.inputVariables ?? [
      ...new Set([...variablesOf(this.#prefix), ...variablesOf(this.#suffix)]),
    ];
  }

  protected override get defaultName(): string {
    return 'FewShotPromptTemplate';
  }

  /**
   * Writes the prompt.
   * @param values - the variables.
   * @returns the text.
   * @throws MissingPromptVariableError when a variable (of the prefix, suffix or an example) has no value.
   */
  format(values: PromptVariables): string {
    const parts = this.examples.map((example) => this.examplePrompt.format(example));
    if (this.prefix !== '') parts.unshift(renderFString(this.#prefix, values));
    if (this.suffix !== '') parts.push(renderFString(this.#suffix, values));
    return parts.join(this.exampleSeparator);
  }

  formatPromptValue(values: PromptVariables): StringPromptValue {
    return new StringPromptValue(this.format(values));
  }
}
