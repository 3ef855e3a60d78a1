/** A part of a multimodal message's content. */
export type ContentPart =
  { readonly type: 'text'; readonly text: string } | { readonly type: string; readonly [key: string]: unknown };

/** A message's content: text, or a list of parts. */
export type MessageContent = string | readonly ContentPart[];

/** The roles a message can have. */
export type MessageType = 'human' | 'ai' | 'system' | 'tool' | 'generic';

/** The fields every message has. */
export interface BaseMessageFields {
  /** The content. */
  content: MessageContent;
  /** An optional participant name. */
  name?: string | undefined;
  /** An id (providers set one on their responses). */
  id?: string | undefined;
  /** Provider-specific extra fields. */
  additional_kwargs?: Record<string, unknown> | undefined;
  /** Response metadata (model name, finish reason, ...). */
  response_metadata?: Record<string, unknown> | undefined;
}

/** A message as plain JSON, with a `type` field naming its class. */
export interface SerializedMessage {
  /** `human`, `ai`, `system`, `tool`, `generic`, or `AIMessageChunk`. */
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * The base of all chat messages, with LangChain.js's fields (`content`, `name`, `id`,
 * `additional_kwargs`, `response_metadata`).
 *
 * @example
 * ```ts
 * import { HumanMessage } from 'rxchain';
 *
 * const message = new HumanMessage('Hello!');
 * console.log(message.type, message.text); // => 'human', 'Hello!'
 * ```
 */
export abstract class BaseMessage implements BaseMessageFields {
  // The fields are `declare`d and all assigned by the constructor, in this order: the same
  // own properties as defined class fields would make, without a define per field per
  // message (a model makes one message chunk per token).
  /** The content. */
  declare content: MessageContent;
  /** An optional participant name. */
  declare name?: string | undefined;
  /** The message's id. */
  declare id?: string | undefined;
  /** Provider-specific extra fields. */
  declare additional_kwargs: Record<string, unknown>;
  /** Response metadata. */
  declare response_metadata: Record<string, unknown>;

  /**
   * @param fields - the content, or all fields.
   */
  constructor(fields: string | MessageContent | BaseMessageFields) {
    if (typeof fields === 'string' || Array.isArray(fields)) {
      this.content = fields as MessageContent;
      this.name = undefined;
      this.id = undefined;
      this.additional_kwargs = {};
      this.response_metadata = {};
      return;
    }
    const f = fields as BaseMessageFields;
    this.content = f.content;
    this.name = f.name;
    this.id = f.id;
    this.additional_kwargs = f.additional_kwargs ?? {};
    this.response_metadata = f.response_metadata ?? {};
  }

  /** The message's role. */
  abstract get type(): MessageType;

  /** The role, as LangChain.js's `getType()` returns it. */
  getType(): MessageType {
    return this.type;
  }

  /** The text of the content (text parts joined). */
  get text(): string {
    return contentText(this.content);
  }

  /** The message as plain JSON (for SSE and logs). */
  toJSON(): SerializedMessage {
    const json: Record<string, unknown> = { type: this.type, content: this.content };
    if (this.name !== undefined) json['name'] = this.name;
    if (this.id !== undefined) json['id'] = this.id;
    if (Object.keys(this.additional_kwargs).length > 0) json['additional_kwargs'] = this.additional_kwargs;
    if (Object.keys(this.response_metadata).length > 0) json['response_metadata'] = this.response_metadata;
    return json as SerializedMessage;
  }
}

/**
 * The text of message content: the string, or its text parts joined.
 *
 * @example
 * ```ts
 * import { contentText } from 'rxchain';
 *
 * console.log(contentText([{ type: 'text', text: 'a' }, { type: 'image_url', url: 'x' }, { type: 'text', text: 'b' }])); // => 'ab'
 * ```
 */
export function contentText(content: MessageContent): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) {
    if (part.type === 'text' && typeof part['text'] === 'string') text += part['text'];
  }
  return text;
}
