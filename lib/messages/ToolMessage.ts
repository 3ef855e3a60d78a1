import { BaseMessage, type BaseMessageFields, type MessageType, type SerializedMessage } from './BaseMessage.js';

/** The fields of a tool message. */
export interface ToolMessageFields extends BaseMessageFields {
  /** The id of the tool call this message answers. */
  tool_call_id: string;
  /** Whether the tool succeeded. @default 'success' */
  status?: 'success' | 'error' | undefined;
  /** Data for the application that is not sent to the model. */
  artifact?: unknown;
}

/**
 * The result of a tool call, sent back to the model.
 *
 * @example
 * ```ts
 * import { ToolMessage } from 'rxchain';
 *
 * const result = new ToolMessage({ content: '42', tool_call_id: 'call_1' });
 * console.log(result.type, result.tool_call_id); // => 'tool', 'call_1'
 * ```
 */
export class ToolMessage extends BaseMessage {
  /** The id of the tool call this message answers. */
  tool_call_id: string;
  /** Whether the tool succeeded. */
  status: 'success' | 'error';
  /** Data for the application that is not sent to the model. */
  artifact?: unknown;

  /**
   * @param fields - the content and the tool call id.
   */
  constructor(fields: ToolMessageFields) {
    super(fields);
    this.tool_call_id = fields.tool_call_id;
    this.status = fields.status ?? 'success';
    if (fields.artifact !== undefined) this.artifact = fields.artifact;
  }

  /** Always `tool`. */
  get type(): MessageType {
    return 'tool';
  }

  override toJSON(): SerializedMessage {
    const json: Record<string, unknown> = { ...super.toJSON(), tool_call_id: this.tool_call_id, status: this.status };
    if (this.artifact !== undefined) json['artifact'] = this.artifact;
    return json as SerializedMessage;
  }
}
