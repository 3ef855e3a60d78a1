import type { ContentPart, MessageContent, SerializedMessage } from './BaseMessage.js';
import { ChatMessage, type ChatMessageFields } from './ChatMessage.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/**
 * A piece of a `ChatMessage` as it streams: `a.concat(b)` joins the content of two
 * pieces of the same role (pieces of different roles cannot be joined).
 *
 * @example
 * ```ts
 * import { ChatMessageChunk } from 'rxchain';
 *
 * const whole = new ChatMessageChunk({ content: 'Hel', role: 'critic' }).concat(new ChatMessageChunk({ content: 'lo', role: 'critic' }));
 * console.log(whole.text, whole.role); // => 'Hello', 'critic'
 * ```
 */
export class ChatMessageChunk extends ChatMessage {
  /**
   * @param fields - the content, or all fields with the role.
   * @param role - the role, when `fields` is the content.
   */
  constructor(fields: MessageContent | ChatMessageFields, role?: string) {
    super(fields, role);
  }

  /**
   * Joins `other` after this piece.
   * @param other - the next piece, of the same role.
   * @returns a new chunk with both contents; neither piece is changed.
   * @throws InvalidArgumentError when the roles differ.
   */
  concat(other: ChatMessageChunk): ChatMessageChunk {
    if (other.role !== this.role) {
      throw new InvalidArgumentError(
        'other',
        `Cannot join ChatMessageChunks of roles "${this.role}" and "${other.role}"; join pieces of one message only.`,
      );
    }
    const id = this.id ?? other.id;
    const name = this.name ?? other.name;
    return new ChatMessageChunk({
      content: joinContent(this.content, other.content),
      role: this.role,
      ...(id !== undefined ? { id } : {}),
      ...(name !== undefined ? { name } : {}),
      additional_kwargs: { ...this.additional_kwargs, ...other.additional_kwargs },
      response_metadata: { ...this.response_metadata, ...other.response_metadata },
    });
  }

  override toJSON(): SerializedMessage {
    return { ...super.toJSON(), type: 'ChatMessageChunk' };
  }
}

function joinContent(a: MessageContent, b: MessageContent): MessageContent {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const parts = (content: MessageContent): readonly ContentPart[] =>
    typeof content === 'string' ? (content === '' ? [] : [{ type: 'text', text: content }]) : content;
  return [...parts(a), ...parts(b)];
}
