import { BaseMessage, type BaseMessageFields, type MessageType, type SerializedMessage } from './BaseMessage.js';
import type { InvalidToolCall, ToolCall, UsageMetadata } from './toolCalls.js';

/** The fields of a model's message. */
export interface AIMessageFields extends BaseMessageFields {
  /** Tool calls the model requested. */
  tool_calls?: ToolCall[] | undefined;
  /** Tool calls whose arguments could not be parsed. */
  invalid_tool_calls?: InvalidToolCall[] | undefined;
  /** Token counts. */
  usage_metadata?: UsageMetadata | undefined;
}

/**
 * A message from the model.
 *
 * @example
 * ```ts
 * import { AIMessage } from 'rxchain';
 *
 * const reply = new AIMessage({ content: '', tool_calls: [{ name: 'add', args: { a: 1 }, id: 'c1' }] });
 * console.log(reply.type, reply.tool_calls[0]?.name); // => 'ai', 'add'
 * ```
 */
export class AIMessage extends BaseMessage {
  /** Token counts, when the provider reported them. */
  declare usage_metadata?: UsageMetadata | undefined;
  #toolCalls: ToolCall[] | undefined;
  #invalidToolCalls: InvalidToolCall[] | undefined;

  /**
   * @param fields - the content, or all fields.
   */
  constructor(fields: string | AIMessageFields) {
    super(fields);
    // Assigned even when absent, so that every message has the same own properties.
    this.usage_metadata = typeof fields === 'string' ? undefined : fields.usage_metadata;
    if (typeof fields !== 'string') {
      this.#toolCalls = fields.tool_calls;
      this.#invalidToolCalls = fields.invalid_tool_calls;
    }
  }

  /** Always `ai`. */
  get type(): MessageType {
    return 'ai';
  }

  /** Tool calls the model requested. */
  get tool_calls(): ToolCall[] {
    return this.#toolCalls ?? [];
  }

  /** Tool calls whose arguments could not be parsed. */
  get invalid_tool_calls(): InvalidToolCall[] {
    return this.#invalidToolCalls ?? [];
  }

  override toJSON(): SerializedMessage {
    const json: Record<string, unknown> = { ...super.toJSON() };
    if (this.tool_calls.length > 0) json['tool_calls'] = this.tool_calls;
    if (this.invalid_tool_calls.length > 0) json['invalid_tool_calls'] = this.invalid_tool_calls;
    if (this.usage_metadata !== undefined) json['usage_metadata'] = this.usage_metadata;
    return json as SerializedMessage;
  }
}
