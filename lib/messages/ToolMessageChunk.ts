import { mergeRecords } from './AIMessageChunk.js';
import { joinedFields } from './internal/chunkFields.js';
import { ToolMessage } from './ToolMessage.js';

/**
 * A piece of a tool's result, as LangChain.js's `ToolMessageChunk`: a `ToolMessage` whose
 * pieces add up with `concat`. Contents join and metadata merges; the first piece's
 * `tool_call_id` is kept; the status is `error` if either piece failed; artifacts add up
 * (strings and arrays join, objects merge, else the later one wins).
 *
 * @example
 * ```ts
 * import { ToolMessageChunk } from 'rxchain';
 *
 * const a = new ToolMessageChunk({ content: '4', tool_call_id: 'call_1' });
 * const whole = a.concat(new ToolMessageChunk({ content: '2', tool_call_id: 'call_1' }));
 * console.log(whole.type, whole.content, whole.tool_call_id); // => 'tool', '42', 'call_1'
 * ```
 */
export class ToolMessageChunk extends ToolMessage {
  /**
   * Adds the next piece.
   * @param other - the following chunk.
   * @returns a new chunk holding both; neither is changed.
   */
  concat(other: ToolMessageChunk): ToolMessageChunk {
    const artifact = joinArtifacts(this.artifact, other.artifact);
    return new ToolMessageChunk({
      ...joinedFields(this, other),
      tool_call_id: this.tool_call_id,
      status: this.status === 'error' || other.status === 'error' ? 'error' : 'success',
      artifact,
    });
  }
}

function joinArtifacts(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  if (isRecord(a) && isRecord(b)) return mergeRecords(a, b);
  return b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
