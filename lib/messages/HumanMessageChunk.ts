import { HumanMessage } from './HumanMessage.js';
import { joinedFields } from './internal/chunkFields.js';

/**
 * A piece of a user's message, as LangChain.js's `HumanMessageChunk`: a `HumanMessage`
 * whose pieces add up with `concat` (contents join, metadata merges, the first id wins).
 *
 * @example
 * ```ts
 * import { HumanMessageChunk } from 'rxchain';
 *
 * const whole = new HumanMessageChunk('Hel').concat(new HumanMessageChunk({ content: 'lo', id: 'h1' }));
 * console.log(whole.type, whole.content, whole.id); // => 'human', 'Hello', 'h1'
 * ```
 */
export class HumanMessageChunk extends HumanMessage {
  /**
   * Adds the next piece.
   * @param other - the following chunk.
   * @returns a new chunk holding both; neither is changed.
   */
  concat(other: HumanMessageChunk): HumanMessageChunk {
    return new HumanMessageChunk(joinedFields(this, other));
  }
}
