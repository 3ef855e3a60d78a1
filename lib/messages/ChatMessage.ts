import {
  BaseMessage,
  type BaseMessageFields,
  type MessageContent,
  type MessageType,
  type SerializedMessage,
} from './BaseMessage.js';

/** The fields of a `ChatMessage`: a message's fields and its role. */
export interface ChatMessageFields extends BaseMessageFields {
  /** The speaker's role, any string (`'critic'`, `'narrator'`...). */
  role: string;
}

/**
 * A message with a role of your choosing (LangChain.js's `ChatMessage`, type `generic`),
 * for speakers beyond human, AI and system. A buffer string shows it as `role: text`.
 *
 * @example
 * ```ts
 * import { ChatMessage } from 'rxchain';
 *
 * const message = new ChatMessage('Looks good.', 'reviewer');
 * console.log(message.type, message.role, message.text); // => 'generic', 'reviewer', 'Looks good.'
 * ```
 */
export class ChatMessage extends BaseMessage {
  /** The speaker's role. */
  role: string;

  /**
   * @param fields - the content, or all fields with the role.
   * @param role - the role, when `fields` is the content.
   */
  constructor(fields: MessageContent | ChatMessageFields, role?: string) {
    if (typeof fields === 'string' || Array.isArray(fields)) {
      super(fields as MessageContent);
      this.role = role ?? '';
    } else {
      const { role: given, ...rest } = fields as ChatMessageFields;
      super(rest);
      this.role = given;
    }
  }

  /** Always `generic`. */
  get type(): MessageType {
    return 'generic';
  }

  /**
   * Whether `message` is a `ChatMessage` (LangChain.js's static check).
   * @param message - any message.
   * @returns whether it has type `generic`.
   */
  static isInstance(message: unknown): message is ChatMessage {
    return message instanceof BaseMessage && message.type === 'generic';
  }

  override toJSON(): SerializedMessage {
    return { ...super.toJSON(), role: this.role };
  }
}
