import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { BaseMessage, MessageContent } from '../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';
import { copyMessage } from '../messages/internal/copyMessage.js';
import { isMessageOfType, type MessageTypeOrClass } from '../messages/messageTypes.js';
import { firstMaxTokens, splitLines, type CountTokens, type SplitText } from './internal/trimToTokens.js';
import type { Runnable } from './Runnable.js';
import { RunnableLambda } from './RunnableLambda.js';

/** Something that counts the tokens of one message's content: a chat model's `getNumTokens`. */
export interface TokenCountingModel {
  /** The number of tokens of `content`. */
  getNumTokens(content: MessageContent): number | Promise<number>;
}

/** How `trimMessages` trims, as in LangChain.js. */
export interface TrimMessagesFields {
  /** The most tokens the kept messages may count. */
  maxTokens: number;
  /** Counts the tokens of a list of messages, or a model whose `getNumTokens` counts each message. */
  tokenCounter: ((messages: BaseMessage[]) => number | Promise<number>) | TokenCountingModel;
  /** Keep the last messages (the latest turns) or the first. @default 'last' */
  strategy?: 'first' | 'last' | undefined;
  /** Keep part of a message that does not fit whole: content parts, else text splits. @default false */
  allowPartial?: boolean | undefined;
  /** The kept messages must end on a message of one of these types. */
  endOn?: MessageTypeOrClass | readonly MessageTypeOrClass[] | undefined;
  /** With `strategy: "last"`, the kept messages must start on one of these types (often `"human"`). */
  startOn?: MessageTypeOrClass | readonly MessageTypeOrClass[] | undefined;
  /** With `strategy: "last"`, always keep a first system message. @default false */
  includeSystem?: boolean | undefined;
  /** Splits a text for `allowPartial`. @default splits on newlines */
  textSplitter?:
    ((text: string) => string[] | Promise<string[]>) | { splitText(text: string): Promise<string[]> } | undefined;
}

/**
 * Trims a conversation to a token budget, as LangChain.js's `trimMessages`: keeps the
 * latest messages that fit (`strategy: "last"`, optionally the system message first and
 * starting on a `startOn` type) or the earliest (`"first"`), drops back to an `endOn`
 * type, and with `allowPartial` keeps the part of the next message that fits. Messages
 * are copied, never changed. Called with messages it returns a Promise; called with only
 * the options it returns a runnable (run name `trim_messages`) to use in a chain, whose
 * input is a list of messages or a prompt value. Bad options (`startOn` or
 * `includeSystem` with `"first"`, a negative `maxTokens`) fail with an `InvalidArgumentError`.
 *
 * @param messages - the conversation.
 * @param options - the budget, the counter and the strategy.
 * @returns the kept messages, or the runnable.
 *
 * @example
 * ```ts
 * import { AIMessage, HumanMessage, SystemMessage, trimMessages } from 'rxchain';
 *
 * const conversation = [
 *   new SystemMessage('Be brief.'),
 *   new HumanMessage('Hi, I am Bob'),
 *   new AIMessage('Hello Bob!'),
 *   new HumanMessage('What is my name?'),
 * ];
 * const trimmer = trimMessages({ maxTokens: 2, tokenCounter: (ms) => ms.length, includeSystem: true });
 * console.log((await trimmer.invoke(conversation)).map((m) => m.text)); // => ['Be brief.', 'What is my name?']
 * ```
 */
export function trimMessages(options: TrimMessagesFields): Runnable<MessagesInput, BaseMessage[]>;
export function trimMessages(messages: readonly BaseMessage[], options: TrimMessagesFields): Promise<BaseMessage[]>;
export function trimMessages(
  messagesOrOptions: readonly BaseMessage[] | TrimMessagesFields,
  options?: TrimMessagesFields,
): Promise<BaseMessage[]> | Runnable<MessagesInput, BaseMessage[]> {
  if (Array.isArray(messagesOrOptions)) {
    if (options === undefined) {
      return Promise.reject(
        new InvalidArgumentError(
          'options',
          'trimMessages(messages, options) needs options: { maxTokens, tokenCounter }.',
        ),
      );
    }
    return trimmed(messagesOrOptions as readonly BaseMessage[], options);
  }
  const fields = messagesOrOptions as TrimMessagesFields;
  return RunnableLambda.from(function trimMessages(input: MessagesInput) {
    return trimmed(coerceMessages(input), fields);
  }).withConfig({ runName: 'trim_messages' });
}

async function trimmed(messages: readonly BaseMessage[], options: TrimMessagesFields): Promise<BaseMessage[]> {
  const { maxTokens, strategy = 'last', allowPartial = false, includeSystem = false } = options;
  if (typeof maxTokens !== 'number' || Number.isNaN(maxTokens) || maxTokens < 0) {
    throw new InvalidArgumentError(
      'maxTokens',
      `trimMessages needs a maxTokens of 0 or more; got ${String(maxTokens)}.`,
    );
  }
  if (strategy !== 'first' && strategy !== 'last') {
    throw new InvalidArgumentError(
      'strategy',
      `trimMessages' strategy is "first" or "last"; got "${String(strategy)}".`,
    );
  }
  if (strategy === 'first' && options.startOn !== undefined) {
    throw new InvalidArgumentError('startOn', 'startOn only applies to strategy "last"; remove it or use "last".');
  }
  if (strategy === 'first' && includeSystem) {
    throw new InvalidArgumentError(
      'includeSystem',
      'includeSystem only applies to strategy "last"; remove it or use "last".',
    );
  }
  const count = tokenCounterOf(options.tokenCounter);
  const split = splitterOf(options.textSplitter);
  const endOn = listOf(options.endOn);
  if (strategy === 'first') {
    return firstMaxTokens(messages, { maxTokens, count, split, partial: allowPartial ? 'first' : undefined, endOn });
  }
  let kept = messages.map((message) => copyMessage(message));
  if (endOn !== undefined) {
    const types = endOn;
    while (kept.length > 0 && !isMessageOfType(kept[kept.length - 1] as BaseMessage, types)) kept = kept.slice(0, -1);
  }
  const keepSystem = includeSystem && kept[0]?.type === 'system';
  const reversed = keepSystem ? [kept[0] as BaseMessage, ...kept.slice(1).reverse()] : [...kept].reverse();
  const chosen = await firstMaxTokens(reversed, {
    maxTokens,
    count,
    split,
    partial: allowPartial ? 'last' : undefined,
    endOn: listOf(options.startOn),
  });
  return keepSystem ? [chosen[0] as BaseMessage, ...chosen.slice(1).reverse()] : chosen.reverse();
}

function listOf(
  value: MessageTypeOrClass | readonly MessageTypeOrClass[] | undefined,
): readonly MessageTypeOrClass[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly MessageTypeOrClass[]) : [value as MessageTypeOrClass];
}

function tokenCounterOf(counter: TrimMessagesFields['tokenCounter']): CountTokens {
  if (typeof counter === 'function') return async (messages) => counter(messages);
  if (counter !== null && typeof counter === 'object' && typeof counter.getNumTokens === 'function') {
    return async (messages) => {
      const counts = await Promise.all(messages.map(async (message) => counter.getNumTokens(message.content)));
      return counts.reduce((sum, n) => sum + n, 0);
    };
  }
  throw new InvalidArgumentError(
    'tokenCounter',
    'trimMessages needs a tokenCounter: a function (messages) => number, or a model with getNumTokens(content).',
  );
}

function splitterOf(splitter: TrimMessagesFields['textSplitter']): SplitText {
  if (splitter === undefined) return splitLines;
  if (typeof splitter === 'function') return async (text) => splitter(text);
  return (text) => splitter.splitText(text);
}
