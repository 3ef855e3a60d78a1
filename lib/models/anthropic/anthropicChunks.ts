import { AIMessageChunk, type AIMessageChunkFields } from '../../messages/AIMessageChunk.js';
import type { MessageContent } from '../../messages/BaseMessage.js';
import type { UsageMetadata } from '../../messages/toolCalls.js';
import type { AnthropicEvent } from './anthropicEventStream.js';

type Json = Readonly<Record<string, unknown>>;

function recordOf(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Token counts as the Messages API reports them. */
interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

const USAGE_KEYS = [
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
] as const satisfies readonly (keyof AnthropicUsage)[];

/** A later report's counts replace earlier ones: the API's counts are running totals. */
function updateUsage(usage: AnthropicUsage, value: unknown): void {
  const record = recordOf(value);
  if (record === undefined) return;
  for (const key of USAGE_KEYS) {
    const count = numberOf(record[key]);
    if (count !== undefined) usage[key] = count;
  }
}

/**
 * Anthropic's usage as `usage_metadata`: `input_tokens` counts the whole prompt (fresh,
 * cache-read and cache-written tokens), with the cache's share in `input_token_details`.
 */
export function usageFromAnthropic(usage: AnthropicUsage): UsageMetadata {
  const cacheRead = usage.cache_read_input_tokens;
  const cacheCreation = usage.cache_creation_input_tokens;
  const input = (usage.input_tokens ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0);
  const output = usage.output_tokens ?? 0;
  const metadata: UsageMetadata = { input_tokens: input, output_tokens: output, total_tokens: input + output };
  if (cacheRead !== undefined || cacheCreation !== undefined) {
    metadata.input_token_details = {
      ...(cacheRead !== undefined ? { cache_read: cacheRead } : {}),
      ...(cacheCreation !== undefined ? { cache_creation: cacheCreation } : {}),
    };
  }
  return metadata;
}

/** A thinking block being streamed. */
interface Thinking {
  thinking: string;
  signature: string;
}

/**
 * Maps the events of one Messages API stream to `AIMessageChunk`s, one stream at a time
 * (it keeps the message's id, usage and open thinking blocks):
 *
 * - `text_delta` → a chunk whose content is the text;
 * - `tool_use` start → a tool-call chunk with the call's id and name, each
 *   `input_json_delta` → a tool-call chunk with that piece of the arguments (fragments of
 *   one call share the content block's index);
 * - a `thinking` block → one content part `{ type: 'thinking', thinking, signature }` when
 *   the block ends (a `redacted_thinking` block passes through as it is);
 * - `message_delta` → the last chunk: `stop_reason`, `stop_sequence` and the model in
 *   `response_metadata`, the usage of `message_start` and `message_delta` in `usage_metadata`.
 */
export class AnthropicChunkMapper {
  #id: string | undefined;
  #model: string | undefined;
  readonly #usage: AnthropicUsage = {};
  readonly #thinking = new Map<number, Thinking>();

  /**
   * @param event - the next event of the stream.
   * @returns its chunk, or undefined for an event that carries none.
   */
  push(event: AnthropicEvent): AIMessageChunk | undefined {
    switch (event.type) {
      case 'message_start': {
        const message = recordOf(event['message']);
        this.#id = stringOf(message?.['id']);
        this.#model = stringOf(message?.['model']);
        updateUsage(this.#usage, message?.['usage']);
        return undefined;
      }
      case 'content_block_start':
        return this.#blockStart(numberOf(event['index']) ?? 0, recordOf(event['content_block']));
      case 'content_block_delta':
        return this.#delta(numberOf(event['index']) ?? 0, recordOf(event['delta']));
      case 'content_block_stop':
        return this.#blockStop(numberOf(event['index']) ?? 0);
      case 'message_delta':
        return this.#messageDelta(recordOf(event['delta']), event['usage']);
      default:
        return undefined;
    }
  }

  #chunk(fields: Omit<AIMessageChunkFields, 'content'> & { content?: MessageContent }): AIMessageChunk {
    return new AIMessageChunk({ content: '', ...fields, id: this.#id });
  }

  #blockStart(index: number, block: Json | undefined): AIMessageChunk | undefined {
    switch (block?.['type']) {
      case 'text': {
        const text = stringOf(block['text']) ?? '';
        return text === '' ? undefined : this.#chunk({ content: text });
      }
      case 'tool_use':
      case 'server_tool_use': {
        const input = recordOf(block['input']);
        const args = input !== undefined && Object.keys(input).length > 0 ? JSON.stringify(input) : '';
        return this.#chunk({
          tool_call_chunks: [
            { id: stringOf(block['id']), name: stringOf(block['name']), args, index, type: 'tool_call_chunk' },
          ],
        });
      }
      case 'thinking':
        this.#thinking.set(index, {
          thinking: stringOf(block['thinking']) ?? '',
          signature: stringOf(block['signature']) ?? '',
        });
        return undefined;
      case 'redacted_thinking':
        return this.#chunk({ content: [{ ...block, type: 'redacted_thinking' }] });
      default:
        return undefined;
    }
  }

  #delta(index: number, delta: Json | undefined): AIMessageChunk | undefined {
    switch (delta?.['type']) {
      case 'text_delta': {
        const text = stringOf(delta['text']) ?? '';
        return text === '' ? undefined : this.#chunk({ content: text });
      }
      case 'input_json_delta': {
        const args = stringOf(delta['partial_json']) ?? '';
        if (args === '') return undefined;
        return this.#chunk({ tool_call_chunks: [{ args, index, type: 'tool_call_chunk' }] });
      }
      case 'thinking_delta': {
        const open = this.#thinking.get(index);
        if (open !== undefined) open.thinking += stringOf(delta['thinking']) ?? '';
        return undefined;
      }
      case 'signature_delta': {
        const open = this.#thinking.get(index);
        if (open !== undefined) open.signature += stringOf(delta['signature']) ?? '';
        return undefined;
      }
      default:
        return undefined;
    }
  }

  #blockStop(index: number): AIMessageChunk | undefined {
    const thinking = this.#thinking.get(index);
    if (thinking === undefined) return undefined;
    this.#thinking.delete(index);
    return this.#chunk({ content: [{ type: 'thinking', thinking: thinking.thinking, signature: thinking.signature }] });
  }

  #messageDelta(delta: Json | undefined, usage: unknown): AIMessageChunk {
    updateUsage(this.#usage, usage);
    const metadata: Record<string, unknown> = {
      stop_reason: stringOf(delta?.['stop_reason']) ?? null,
      stop_sequence: stringOf(delta?.['stop_sequence']) ?? null,
      usage: { ...this.#usage },
    };
    if (this.#model !== undefined) metadata['model_name'] = this.#model;
    return this.#chunk({ response_metadata: metadata, usage_metadata: usageFromAnthropic(this.#usage) });
  }
}
