/**
 * A slot in a chat prompt that takes a list of messages from a variable, e.g. the chat
 * history. `["placeholder", "{history}"]` in `fromMessages` is an optional one.
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, MessagesPlaceholder, HumanMessage } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history'), ['human', '{question}']]);
 * const value = await prompt.invoke({ history: [new HumanMessage('Hi')], question: 'And?' });
 * console.log(value.messages.length); // => 2
 * ```
 */
export class MessagesPlaceholder {
  /** The variable holding the messages. */
  readonly variableName: string;
  /** Whether a missing variable means no messages (instead of an error). */
  readonly optional: boolean;

  /**
   * @param variableName - the variable holding the messages.
   * @param optional - whether the variable may be missing. @default false
   */
  constructor(variableName: string, optional = false) {
    this.variableName = variableName;
    this.optional = optional;
  }
}
