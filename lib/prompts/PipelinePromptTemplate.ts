import type { BaseMessage } from '../messages/BaseMessage.js';
import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';

/** A prompt whose result feeds the final prompt, under `name`. */
export interface PipelinePrompt {
  /** The variable of the final prompt its result fills. */
  readonly name: string;
  /** The prompt. */
  readonly prompt: BasePromptTemplate<unknown>;
}

/** Options of `PipelinePromptTemplate`, as in LangChain.js. */
export interface PipelinePromptTemplateInput<O> {
  /** The prompts formatted first, in order; each sees the variables and the results before it. */
  pipelinePrompts: readonly PipelinePrompt[];
  /** The prompt formatted last, with the variables and every result. */
  finalPrompt: BasePromptTemplate<O>;
}

/**
 * Prompts composed from prompts (LangChain.js's `PipelinePromptTemplate`): each pipeline
 * prompt is formatted in order and its result becomes a variable (its `name`) of the
 * prompts after it and of the final prompt: the text of a text prompt, the messages of a
 * chat prompt. Its output is the final prompt's.
 *
 * @example
 * ```ts
 * import { PipelinePromptTemplate, PromptTemplate } from 'rxchain';
 *
 * const prompt = new PipelinePromptTemplate({
 *   pipelinePrompts: [
 *     { name: 'intro', prompt: PromptTemplate.fromTemplate('You are {person}.') },
 *     { name: 'task', prompt: PromptTemplate.fromTemplate('Answer: {question}') },
 *   ],
 *   finalPrompt: PromptTemplate.fromTemplate('{intro}\n{task}'),
 * });
 * console.log(prompt.inputVariables); // => ['person', 'question']
 * console.log((await prompt.invoke({ person: 'Ada', question: 'Why?' })).toString()); // => 'You are Ada.\nAnswer: Why?'
 * ```
 */
export class PipelinePromptTemplate<O = unknown> extends BasePromptTemplate<O> {
  readonly inputVariables: readonly string[];
  /** The prompts formatted first. */
  readonly pipelinePrompts: readonly PipelinePrompt[];
  /** The prompt formatted last. */
  readonly finalPrompt: BasePromptTemplate<O>;

  /**
   * @param input - the pipeline prompts and the final prompt.
   */
  constructor(input: PipelinePromptTemplateInput<O>) {
    super();
    this.pipelinePrompts = input.pipelinePrompts;
    this.finalPrompt = input.finalPrompt;
    const produced = new Set(this.pipelinePrompts.map((p) => p.name));
    const needed = [...this.pipelinePrompts.map((p) => p.prompt), this.finalPrompt].flatMap((p) => p.inputVariables);
    this.inputVariables = [...new Set(needed.filter((name) => !produced.has(name)))];
  }

  protected override get defaultName(): string {
    return 'PipelinePromptTemplate';
  }

  /**
   * Formats the pipeline prompts, then the final prompt.
   * @param values - the variables.
   * @returns the final prompt's value.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  formatPromptValue(values: PromptVariables): O {
    const all: PromptVariables = { ...values };
    for (const { name, prompt } of this.pipelinePrompts) all[name] = resultOf(prompt, all);
    return this.finalPrompt.formatPromptValue(all);
  }
}

/** A pipeline prompt's result: its messages for a chat prompt, else its text. */
function resultOf(prompt: BasePromptTemplate<unknown>, values: PromptVariables): string | BaseMessage[] {
  const messages = (prompt as { formatMessages?: unknown }).formatMessages;
  if (typeof messages === 'function') return (messages as (v: PromptVariables) => BaseMessage[]).call(prompt, values);
  return String(prompt.formatPromptValue(values));
}
