import { BaseMessage } from '../messages/BaseMessage.js';
import { coerceMessages, messageOfRole, type MessagesInput } from '../messages/coerceMessages.js';
import { MissingPromptVariableError } from '../errors/MissingPromptVariableError.js';
import { PromptTemplateError } from '../errors/PromptTemplateError.js';
import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { ChatPromptValue } from './ChatPromptValue.js';
import { MessagesPlaceholder } from './MessagesPlaceholder.js';
import { parseFString, renderFString, variablesOf, type TemplatePart } from './fString.js';

/**
 * Anything that formats into messages and names its variables: a message prompt template
 * (`HumanMessagePromptTemplate`...), a `FewShotChatMessagePromptTemplate`, another
 * `ChatPromptTemplate`.
 */
export interface MessagesTemplate {
  /** The variables it needs. */
  readonly inputVariables: readonly string[];
  /** Formats the messages. */
  formatMessages(values: PromptVariables): BaseMessage[];
}

/**
 * One entry of `fromMessages`: `[role, template]`, a placeholder, a fixed message, or a
 * template of messages (`HumanMessagePromptTemplate.fromTemplate(...)`, a few-shot
 * template, a nested chat prompt).
 */
export type ChatMessageLike =
  readonly [role: string, template: string] | MessagesPlaceholder | BaseMessage | MessagesTemplate;

type Entry =
  | { readonly kind: 'template'; readonly role: string; readonly parts: readonly TemplatePart[] }
  | { readonly kind: 'placeholder'; readonly placeholder: MessagesPlaceholder }
  | { readonly kind: 'fixed'; readonly message: BaseMessage }
  | { readonly kind: 'messages'; readonly template: MessagesTemplate };

/**
 * A chat prompt: a list of message templates (`[role, "text with {variables}"]`), fixed
 * messages and placeholders; its output is a `ChatPromptValue`. Roles are `system`,
 * `human` (or `user`), `ai` (or `assistant`) and `placeholder`.
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate } from 'rxchain';
 *
 * const prompt = ChatPromptTemplate.fromMessages([
 *   ['system', 'You are a {style} assistant.'],
 *   ['human', '{question}'],
 * ]);
 * const value = await prompt.invoke({ style: 'terse', question: 'Why?' });
 * console.log(value.toString()); // => 'System: You are a terse assistant.\nHuman: Why?'
 * ```
 */
export class ChatPromptTemplate extends BasePromptTemplate<ChatPromptValue> {
  readonly inputVariables: readonly string[];
  readonly #entries: readonly Entry[];

  /**
   * @param messages - the message templates, placeholders and fixed messages.
   * @throws PromptTemplateError if a template has an unmatched brace, or a `["placeholder", ...]` entry is not one `{name}`.
   */
  constructor(messages: readonly ChatMessageLike[]) {
    super();
    this.#entries = messages.map(toEntry);
    const names: string[] = [];
    for (const entry of this.#entries) {
      const vars =
        entry.kind === 'template'
          ? variablesOf(entry.parts)
          : entry.kind === 'messages'
            ? entry.template.inputVariables
            : entry.kind === 'placeholder' && !entry.placeholder.optional
              ? [entry.placeholder.variableName]
              : [];
      for (const v of vars) if (!names.includes(v)) names.push(v);
    }
    this.inputVariables = names;
  }

  protected override get defaultName(): string {
    return 'ChatPromptTemplate';
  }

  /**
   * The variables; a bare value (a list of messages) goes to the only variable, or, in a
   * prompt with no other variable, to its only optional placeholder (`["placeholder",
   * "{messages}"]`), as in LangChain.js.
   */
  protected override variablesFrom(input: unknown): PromptVariables {
    const bare = input === null || typeof input !== 'object' || Array.isArray(input);
    const optional = this.#entries.flatMap((entry) =>
      entry.kind === 'placeholder' && entry.placeholder.optional ? [entry.placeholder.variableName] : [],
    );
    const [only, ...others] = optional;
    if (bare && this.inputVariables.length === 0 && only !== undefined && others.length === 0) return { [only]: input };
    return super.variablesFrom(input);
  }

  /**
   * A chat prompt of one human message.
   * @param template - the message's template text.
   * @returns the template.
   */
  static fromTemplate(template: string): ChatPromptTemplate {
    return new ChatPromptTemplate([['human', template]]);
  }

  /**
   * A chat prompt of several messages.
   * @param messages - `[role, template]` pairs, placeholders and fixed messages.
   * @returns the template.
   */
  static fromMessages(messages: readonly ChatMessageLike[]): ChatPromptTemplate {
    return new ChatPromptTemplate(messages);
  }

  /**
   * Fills the templates and placeholders.
   * @param values - the variables.
   * @returns the messages.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  formatMessages(values: PromptVariables): BaseMessage[] {
    const messages: BaseMessage[] = [];
    for (const entry of this.#entries) {
      switch (entry.kind) {
        case 'fixed':
          messages.push(entry.message);
          break;
        case 'template':
          messages.push(messageOfRole(entry.role, renderFString(entry.parts, values)));
          break;
        case 'messages':
          messages.push(...entry.template.formatMessages(values));
          break;
        case 'placeholder': {
          const { variableName, optional } = entry.placeholder;
          const value = values[variableName];
          if (value === undefined || value === null) {
            if (optional) break;
            throw new MissingPromptVariableError(variableName, Object.keys(values));
          }
          messages.push(...coerceMessages(value as MessagesInput));
          break;
        }
      }
    }
    return messages;
  }

  formatPromptValue(values: PromptVariables): ChatPromptValue {
    return new ChatPromptValue(this.formatMessages(values));
  }
}

function toEntry(message: ChatMessageLike): Entry {
  if (message instanceof BaseMessage) return { kind: 'fixed', message };
  if (message instanceof MessagesPlaceholder) return { kind: 'placeholder', placeholder: message };
  if (!Array.isArray(message) && typeof (message as Partial<MessagesTemplate>).formatMessages === 'function')
    return { kind: 'messages', template: message as MessagesTemplate };
  const [role, template] = message as readonly [string, string];
  if (role === 'placeholder') {
    const braced = /^\{([^{}]+)\}$/.exec(template.trim());
    if (braced === null) throw new PromptTemplateError(template, 0, 'a placeholder is written as one {name}');
    const name = (braced[1] ?? '').trim();
    return { kind: 'placeholder', placeholder: new MessagesPlaceholder(name, true) };
  }
  messageOfRole(role, '');
  return { kind: 'template', role, parts: parseFString(template) };
}
