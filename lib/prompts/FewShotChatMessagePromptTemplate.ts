import type { BaseMessage } from '../messages/BaseMessage.js';
import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import type { MessagesTemplate } from './ChatPromptTemplate.js';
import { ChatPromptValue } from './ChatPromptValue.js';

/** Options of `FewShotChatMessagePromptTemplate`, as in LangChain.js (without example selectors). */
export interface FewShotChatMessagePromptTemplateInput {
  /** The examples, each the variables of `examplePrompt`. */
  examples: readonly PromptVariables[];
  /** How one example is written: a chat prompt or a message template. */
  examplePrompt: MessagesTemplate;
  /** The variables the template takes (the examples carry their own). @default [] */
  inputVariables?: readonly string[] | undefined;
}

/**
 * Examples as chat messages (LangChain.js's `FewShotChatMessagePromptTemplate`): every
 * example is written with `examplePrompt` (say a human question and an AI answer), and
 * the messages follow each other. Put it in `ChatPromptTemplate.fromMessages` between the
 * system message and the question; run on its own, its output is a `ChatPromptValue`.
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, FewShotChatMessagePromptTemplate } from 'rxchain';
 *
 * const examples = new FewShotChatMessagePromptTemplate({
 *   examples: [{ input: '2+2', output: '4' }, { input: '2+3', output: '5' }],
 *   examplePrompt: ChatPromptTemplate.fromMessages([['human', '{input}'], ['ai', '{output}']]),
 * });
 * const prompt = ChatPromptTemplate.fromMessages([['system', 'You do sums.'], examples, ['human', '{input}']]);
 * const value = await prompt.invoke({ input: '3+3' });
 * console.log(value.messages.map((m) => `${m.type}:${m.text}`)); // => ['system:You do sums.', 'human:2+2', 'ai:4', 'human:2+3', 'ai:5', 'human:3+3']
 * ```
 */
export class FewShotChatMessagePromptTemplate extends BasePromptTemplate<ChatPromptValue> implements MessagesTemplate {
  readonly inputVariables: readonly string[];
  /** The examples. */
  readonly examples: readonly PromptVariables[];
  /** How one example is written. */
  readonly examplePrompt: MessagesTemplate;

  /**
   * @param input - the examples and how to write them.
   */
  constructor(input: FewShotChatMessagePromptTemplateInput) {
    super();
    this.examples = input.examples;
    this.examplePrompt = input.examplePrompt;
    this.inputVariables = input.inputVariables ?? [];
  }

  protected override get defaultName(): string {
    return 'FewShotChatMessagePromptTemplate';
  }

  /**
   * Writes the examples as messages.
   * @param values - the variables (unused by the examples, which carry their own).
   * @returns the messages of every example, in order.
   * @throws MissingPromptVariableError when an example lacks a variable of `examplePrompt`.
   */
  formatMessages(values: PromptVariables): BaseMessage[] {
    void values;
    return this.examples.flatMap((example) => this.examplePrompt.formatMessages(example));
  }

  formatPromptValue(values: PromptVariables): ChatPromptValue {
    return new ChatPromptValue(this.formatMessages(values));
  }
}
