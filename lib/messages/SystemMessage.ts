import { BaseMessage, type MessageType } from './BaseMessage.js';

/**
 * Instructions for the model.
 *
 * @example
 * ```ts
 * import { SystemMessage } from 'rxchain';
 *
 * console.log(new SystemMessage('Be brief.').type); // => 'system'
 * ```
 */
export class SystemMessage extends BaseMessage {
  /** Always `system`. */
  get type(): MessageType {
    return 'system';
  }
}
