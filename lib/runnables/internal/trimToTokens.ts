import type { BaseMessage, ContentPart, MessageContent } from '../../messages/BaseMessage.js';
import { copyMessage } from '../../messages/internal/copyMessage.js';
import { isMessageOfType, type MessageTypeOrClass } from '../../messages/messageTypes.js';

/** Counts the tokens of a list of messages. */
export type CountTokens = (messages: BaseMessage[]) => Promise<number>;

/** Splits a text into pieces that join back to it. */
export type SplitText = (text: string) => Promise<string[]>;

/** What `firstMaxTokens` needs. */
export interface FirstMaxTokens {
  readonly maxTokens: number;
  readonly count: CountTokens;
  readonly split: SplitText;
  /** Keep part of the first message that does not fit: its first parts, or its last. */
  readonly partial?: 'first' | 'last' | undefined;
  /** The kept messages must end on one of these types. */
  readonly endOn?: readonly MessageTypeOrClass[] | undefined;
}

/**
 * The longest prefix of `messages` within `maxTokens`, as LangChain's `trimMessages`
 * computes it for `strategy: "first"`: whole messages first, then (with `partial`) as
 * many content parts or text splits of the next message as fit, then dropped back to
 * the last message of an `endOn` type. Messages are copied, never changed.
 */
export async function firstMaxTokens(
  messages: readonly BaseMessage[],
  options: FirstMaxTokens,
): Promise<BaseMessage[]> {
  const { maxTokens, count, partial, endOn } = options;
  let kept = [...messages];
  let end = 0;
  for (let dropped = 0; dropped < kept.length; dropped++) {
    if ((await count(kept.slice(0, kept.length - dropped))) <= maxTokens) {
      end = kept.length - dropped;
      break;
    }
  }
  const next = kept[end];
  if (next !== undefined && partial !== undefined) {
    const part = await partOf(next, kept.slice(0, end), options, partial);
    if (part !== undefined) {
      kept = [...kept.slice(0, end), part];
      end += 1;
    }
  }
  if (endOn !== undefined) {
    while (end > 0 && !isMessageOfType(kept[end - 1] as BaseMessage, endOn)) end -= 1;
  }
  return kept.slice(0, end);
}

/** The largest part of `message` that fits after `before`, if any. */
async function partOf(
  message: BaseMessage,
  before: BaseMessage[],
  { maxTokens, count, split }: FirstMaxTokens,
  side: 'first' | 'last',
): Promise<BaseMessage | undefined> {
  const fits = async (candidate: BaseMessage): Promise<boolean> => (await count([...before, candidate])) <= maxTokens;
  const content = message.content;
  if (typeof content !== 'string') {
    for (let size = content.length - 1; size >= 1; size--) {
      const parts = side === 'first' ? content.slice(0, size) : content.slice(content.length - size);
      const candidate = copyMessage(message, parts);
      if (await fits(candidate)) return candidate;
    }
  }
  const text = typeof content === 'string' ? content : firstText(content);
  if (text === undefined || text === '') return undefined;
  const pieces = await split(text);
  for (let size = pieces.length - 1; size >= 1; size--) {
    const kept = side === 'first' ? pieces.slice(0, size) : pieces.slice(pieces.length - size);
    const candidate = copyMessage(message, kept.join('') as MessageContent);
    if (await fits(candidate)) return candidate;
  }
  return undefined;
}

function firstText(parts: readonly ContentPart[]): string | undefined {
  for (const part of parts) {
    if (part.type === 'text' && typeof part['text'] === 'string' && part['text'] !== '') return part['text'];
  }
  return undefined;
}

/**
 * The default text splitter of `trimMessages`: splits on newlines, each piece but the
 * last keeping its `\n`.
 */
export function splitLines(text: string): Promise<string[]> {
  const lines = text.split('\n');
  return Promise.resolve(lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line)));
}
