import { BaseMessage, type MessageType } from './BaseMessage.js';

/**
 * A message from the user.
 *
 * @example
 * ```ts
 * import { HumanMessage } from 'rxchain';
 *
 * console.log(new HumanMessage('Hi').type); // => 'human'
 * ```
 */
export class HumanMessage extends BaseMessage {
  /** Always `human`. */
  get type(): MessageType {
    return 'human';
  }
}
