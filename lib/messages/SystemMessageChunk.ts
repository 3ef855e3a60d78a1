import { joinedFields } from './internal/chunkFields.js';
import { SystemMessage } from './SystemMessage.js';

/**
 * A piece of a system message, as LangChain.js's `SystemMessageChunk`: a `SystemMessage`
 * whose pieces add up with `concat` (contents join, metadata merges, the first id wins).
 *
 * @example
 * ```ts
 * import { SystemMessageChunk } from 'rxchain';
 *
 * const whole = new SystemMessageChunk('Be ').concat(new SystemMessageChunk('brief.'));
 * console.log(whole.type, whole.content); // => 'system', 'Be brief.'
 * ```
 */
export class SystemMessageChunk extends SystemMessage {
  /**
   * Adds the next piece.
   * @param other - the following chunk.
   * @returns a new chunk holding both; neither is changed.
   */
  concat(other: SystemMessageChunk): SystemMessageChunk {
    return new SystemMessageChunk(joinedFields(this, other));
  }
}
