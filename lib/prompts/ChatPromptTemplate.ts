import { BaseMessage } from '../messages/BaseMessage.js';
import { coerceMessages, messageOfRole, type MessagesInput } from '../messages/coerceMessages.js';
import { MissingPromptVariableError } from '../errors/MissingPromptVariableError.js';
import { PromptTemplateError } from '../errors/PromptTemplateError.js';
import { BasePromptTemplate, type PromptVariables } from './BasePromptTemplate.js';
import { ChatPromptValue } from './ChatPromptValue.js';
import { MessagesPlaceholder } from './MessagesPlaceholder.js';
import { parseFString, renderFString, variablesOf, type TemplatePart } from './fString.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { checkTemplateOptions, inputVariablesOf, withPartials, type PartialValues } from './partialVariables.js';
import type { PromptTemplateOptions } from './PromptTemplate.js';

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

/** LangChain.js's constructor argument of `ChatPromptTemplate`. */
export interface ChatPromptTemplateInput extends PromptTemplateOptions {
  /** The message templates, placeholders and fixed messages. */
  promptMessages: readonly ChatMessageLike[];
  /**
   * The variables, when you declare them: exactly those the messages use, less the
   * partial ones. @default the messages' variables, in order
   */
  inputVariables?: readonly string[] | undefined;
}

const INPUT_KEYS = ['promptMessages', 'inputVariables', 'partialVariables', 'templateFormat', 'validateTemplate'];

function checkedInput(input: readonly ChatMessageLike[] | ChatPromptTemplateInput): ChatPromptTemplateInput {
  if (Array.isArray(input)) return { promptMessages: input };
  const given = input as ChatPromptTemplateInput;
  if (given === null || typeof given !== 'object' || !Array.isArray(given.promptMessages)) {
    throw new InvalidArgumentError(
      'promptMessages',
      'new ChatPromptTemplate() takes a list of messages, or { promptMessages: [...], ... }.',
    );
  }
  checkTemplateOptions('new ChatPromptTemplate()', given, INPUT_KEYS);
  return given;
}

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
 *
 * const terse = await prompt.partial({ style: 'terse' });
 * console.log(terse.inputVariables, terse.format({ question: 'How?' })); // => ['question'], 'System: You are a terse assistant.\nHuman: How?'
 * ```
 */
export class ChatPromptTemplate extends BasePromptTemplate<ChatPromptValue> {
  readonly inputVariables: readonly string[];
  /** The entries it was made from. */
  readonly promptMessages: readonly ChatMessageLike[];
  readonly #entries: readonly Entry[];

  /**
   * @param input - the message templates, placeholders and fixed messages, or LangChain.js's
   *   `{ promptMessages, inputVariables?, partialVariables? }`. A nested chat prompt's
   *   partial variables fill the variables of every message, as in LangChain.js.
   * @throws PromptTemplateError if a template has an unmatched brace, or a `["placeholder", ...]` entry is not one `{name}`.
   * @throws InvalidArgumentError for an unknown option, or declared `inputVariables` that
   *   are not the messages' variables.
   */
  constructor(input: readonly ChatMessageLike[] | ChatPromptTemplateInput) {
    const { promptMessages, inputVariables, partialVariables } = checkedInput(input);
    // A nested chat prompt's partial variables fill the whole prompt, as in LangChain.js.
    let nested: PartialValues = {};
    for (const message of promptMessages) {
      if (message instanceof ChatPromptTemplate) nested = { ...nested, ...message.partialVariables };
    }
    super({ ...nested, ...partialVariables });
    this.promptMessages = promptMessages;
    this.#entries = promptMessages.map(toEntry);
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
    const unused = (inputVariables ?? []).filter((name) => !names.includes(name));
    if (unused.length > 0) {
      throw new InvalidArgumentError(
        'inputVariables',
        `inputVariables lists ${unused.map((name) => `"${name}"`).join(', ')}, which no message uses. ` +
          'Remove them, or leave inputVariables out: rxchain reads the variables from the messages.',
      );
    }
    this.inputVariables = inputVariablesOf(names, inputVariables, this.partialVariables);
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
   * @param options - `partialVariables`, as in LangChain.js.
   * @returns the template.
   */
  static fromTemplate(template: string, options: PromptTemplateOptions = {}): ChatPromptTemplate {
    return new ChatPromptTemplate({ ...options, promptMessages: [['human', template]] });
  }

  /**
   * A chat prompt of several messages.
   * @param messages - `[role, template]` pairs, placeholders and fixed messages.
   * @param options - `partialVariables`.
   * @returns the template.
   */
  static fromMessages(messages: readonly ChatMessageLike[], options: PromptTemplateOptions = {}): ChatPromptTemplate {
    return new ChatPromptTemplate({ ...options, promptMessages: messages });
  }

  /**
   * A copy with more variables filled in; they leave its `inputVariables`. Returns a
   * Promise, as LangChain.js's does; this template is unchanged.
   * @param values - the variables to fill (text, or functions called at each format).
   * @returns the new template.
   */
  async partial(values: PartialValues): Promise<ChatPromptTemplate> {
    return new ChatPromptTemplate({
      promptMessages: this.promptMessages,
      partialVariables: { ...this.partialVariables, ...values },
    });
  }

  /**
   * Formats the messages into one text, `Role: text` per line (the prompt value's
   * `toString()`).
   * @param values - the variables.
   * @returns the text.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  format(values: PromptVariables): string {
    return this.formatPromptValue(values).toString();
  }

  /**
   * Fills the templates and placeholders.
   * @param values - the variables.
   * @returns the messages.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  formatMessages(given: PromptVariables): BaseMessage[] {
    const values = withPartials(this.partialVariables, given);
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
