import { AIMessage, type AIMessageFields } from './AIMessage.js';
import type { ContentPart, MessageContent, SerializedMessage } from './BaseMessage.js';
import {
  addUsage,
  mergeToolCallChunks,
  parseToolCallChunks,
  type InvalidToolCall,
  type ToolCall,
  type ToolCallChunk,
} from './toolCalls.js';

/** The fields of a streamed piece of a model's message. */
export interface AIMessageChunkFields extends Omit<AIMessageFields, 'tool_calls' | 'invalid_tool_calls'> {
  /** Fragments of tool calls. */
  tool_call_chunks?: ToolCallChunk[] | undefined;
}

/**
 * A piece of a model's message as it streams. Pieces are additive: `a.concat(b)` joins
 * the content, merges tool-call fragments by index, adds token counts, and merges ids and
 * metadata. `tool_calls` are parsed from the fragments when read.
 *
 * @example
 * ```ts
 * import { AIMessageChunk } from 'rxchain';
 *
 * const whole = new AIMessageChunk('Hello').concat(new AIMessageChunk({ content: ' world', id: 'msg-1' }));
 * console.log(whole.content, whole.id); // => 'Hello world', 'msg-1'
 * ```
 */
export class AIMessageChunk extends AIMessage {
  /** Fragments of tool calls. */
  declare tool_call_chunks: ToolCallChunk[];
  #parsed: { toolCalls: ToolCall[]; invalidToolCalls: InvalidToolCall[] } | undefined;

  /**
   * @param fields - the content, or all fields.
   */
  constructor(fields: string | AIMessageChunkFields) {
    super(fields);
    this.tool_call_chunks = typeof fields === 'string' ? [] : (fields.tool_call_chunks ?? []);
  }

  #parse(): { toolCalls: ToolCall[]; invalidToolCalls: InvalidToolCall[] } {
    return (this.#parsed ??= parseToolCallChunks(this.tool_call_chunks));
  }

  /** Tool calls parsed from the fragments received so far. */
  override get tool_calls(): ToolCall[] {
    return this.#parse().toolCalls;
  }

  /** Fragments whose arguments are not (yet) valid JSON. */
  override get invalid_tool_calls(): InvalidToolCall[] {
    return this.#parse().invalidToolCalls;
  }

  /**
   * Adds the next piece.
   * @param other - the following chunk.
   * @returns a new chunk holding both; neither is changed.
   */
  concat(other: AIMessageChunk): AIMessageChunk {
    const fields: AIMessageChunkFields = {
      content: concatContent(this.content, other.content),
      tool_call_chunks: mergeToolCallChunks(this.tool_call_chunks, other.tool_call_chunks),
      additional_kwargs: mergeRecords(this.additional_kwargs, other.additional_kwargs),
      response_metadata: mergeRecords(this.response_metadata, other.response_metadata),
      usage_metadata: addUsage(this.usage_metadata, other.usage_metadata),
      id: pickId(this.id, other.id),
      name: this.name ?? other.name,
    };
    return new AIMessageChunk(fields);
  }

  override toJSON(): SerializedMessage {
    const json: Record<string, unknown> = { ...super.toJSON(), type: 'AIMessageChunk' };
    if (this.tool_call_chunks.length > 0) json['tool_call_chunks'] = this.tool_call_chunks;
    return json as SerializedMessage;
  }
}

/**
 * Joins two contents. Strings join as strings; otherwise both become part lists (a string
 * is one text part, an empty string none) and a plain text part ending the first list
 * merges with a plain text part starting the second, so that how the pieces were grouped
 * never changes the result: `concat` is associative.
 */
export function concatContent(a: MessageContent, b: MessageContent): MessageContent {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const left = asParts(a);
  const right = asParts(b);
  const last = left[left.length - 1];
  const first = right[0];
  if (last !== undefined && first !== undefined && isPlainText(last) && isPlainText(first)) {
    return [...left.slice(0, -1), { type: 'text', text: last.text + first.text }, ...right.slice(1)];
  }
  return [...left, ...right];
}

function asParts(content: MessageContent): readonly ContentPart[] {
  if (typeof content !== 'string') return content;
  return content === '' ? [] : [{ type: 'text', text: content }];
}

/** A text part with nothing but its text (no annotations or other fields to keep apart). */
function isPlainText(part: ContentPart): part is { readonly type: 'text'; readonly text: string } {
  if (part.type !== 'text' || typeof part['text'] !== 'string') return false;
  for (const key in part) if (key !== 'type' && key !== 'text') return false;
  return true;
}

function pickId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || a === '') return b;
  if (b !== undefined && b !== '' && a.startsWith('run-') && !b.startsWith('run-')) return b;
  return a;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergeRecords(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(b);
  if (keys.length === 0) return a;
  if (Object.keys(a).length === 0) return b;
  const merged: Record<string, unknown> = { ...a };
  for (const key of keys) {
    const left = merged[key];
    const right = b[key];
    if (right === undefined || right === null) continue;
    merged[key] = isPlainRecord(left) && isPlainRecord(right) ? mergeRecords(left, right) : right;
  }
  return merged;
}

function isEmptyRecord(record: Record<string, unknown>): boolean {
  for (const _key in record) return false;
  return true;
}

/**
 * Whether `chunk` carries nothing but string content that `concat` onto `aggregate`
 * would only append: no tool-call fragments, usage, name, metadata, and no id that
 * could change the aggregate's.
 */
function onlyAppendsText(aggregate: AIMessageChunk, chunk: AIMessageChunk): boolean {
  return (
    typeof chunk.content === 'string' &&
    chunk.tool_call_chunks.length === 0 &&
    chunk.usage_metadata === undefined &&
    chunk.name === undefined &&
    // concat keeps a non-empty id and takes the chunk's in place of a missing or empty one.
    (chunk.id === undefined
      ? aggregate.id !== ''
      : aggregate.id !== undefined && aggregate.id !== '' && chunk.id === aggregate.id) &&
    isEmptyRecord(chunk.additional_kwargs) &&
    isEmptyRecord(chunk.response_metadata)
  );
}

/**
 * Aggregates a run's chunks to what folding them with `concat` gives, without making
 * a message per chunk: runs of chunks that only append text are joined as one string
 * and concatenated once (`concat` is associative, so the grouping does not change the
 * result). Internal to rxchain; chat models use it for `invoke` and `end` events.
 */
export class AIMessageChunkAccumulator {
  #aggregate: AIMessageChunk | undefined = undefined;
  /**
   * Texts of the chunks added since `#aggregate` was last concatenated, joined when
   * needed: appending a string per token would keep a rope node per token alive for the
   * whole run (about 40 bytes each), an array slot costs 8.
   */
  #texts: string[] = [];
  #pending = false;

  /** Adds the next chunk. */
  add(chunk: AIMessageChunk): void {
    const aggregate = this.#aggregate;
    if (aggregate === undefined) {
      this.#aggregate = chunk;
    } else if (onlyAppendsText(aggregate, chunk)) {
      this.#texts.push(chunk.content as string);
      this.#pending = true;
    } else {
      this.#aggregate = this.#flushed(aggregate).concat(chunk);
    }
  }

  /** The aggregate so far; `undefined` before the first `add`. */
  value(): AIMessageChunk | undefined {
    const aggregate = this.#aggregate;
    if (aggregate === undefined) return undefined;
    this.#aggregate = this.#flushed(aggregate);
    return this.#aggregate;
  }

  #flushed(aggregate: AIMessageChunk): AIMessageChunk {
    // Even an empty text is concatenated: concat also normalises the aggregate (it merges
    // tool-call fragments that share an index), as folding would have.
    if (!this.#pending) return aggregate;
    const text = this.#texts.join('');
    this.#texts = [];
    this.#pending = false;
    return aggregate.concat(new AIMessageChunk(text));
  }
}
