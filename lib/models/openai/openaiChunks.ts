import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import type { ToolCallChunk, UsageMetadata } from '../../messages/toolCalls.js';
import type { StreamPayload } from './openaiEventStream.js';

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

/** The first choice (index 0) of a chunk or completion; never assumes `choices` is there. */
function firstChoice(payload: Json): Json | undefined {
  const choices = payload['choices'];
  if (!Array.isArray(choices)) return undefined;
  const records = choices.map(recordOf).filter((choice): choice is Json => choice !== undefined);
  return records.find((choice) => choice['index'] === 0) ?? records[0];
}

/**
 * OpenAI's `usage` as `usage_metadata`: `prompt_tokens` → `input_tokens`,
 * `completion_tokens` → `output_tokens`, `total_tokens` → `total_tokens`.
 */
export function usageFromOpenAI(usage: unknown): UsageMetadata | undefined {
  const record = recordOf(usage);
  if (record === undefined) return undefined;
  const input = numberOf(record['prompt_tokens']);
  const output = numberOf(record['completion_tokens']);
  const total = numberOf(record['total_tokens']);
  if (input === undefined && output === undefined && total === undefined) return undefined;
  return {
    input_tokens: input ?? 0,
    output_tokens: output ?? 0,
    total_tokens: total ?? (input ?? 0) + (output ?? 0),
  };
}

function finishMetadata(payload: Json, finishReason: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = { finish_reason: finishReason };
  const model = stringOf(payload['model']);
  if (model !== undefined) metadata['model_name'] = model;
  const fingerprint = stringOf(payload['system_fingerprint']);
  if (fingerprint !== undefined) metadata['system_fingerprint'] = fingerprint;
  return metadata;
}

/** What one `chat.completion.chunk` says. */
export interface StreamedPiece {
  /** The chunk to emit, if the payload carried anything (text, tool calls, finish, usage). */
  readonly chunk: AIMessageChunk | undefined;
  /** Whether the payload carried a `finish_reason`. */
  readonly finished: boolean;
}

/**
 * One `chat.completion.chunk` as an `AIMessageChunk`: `delta.content` becomes the
 * content, `delta.tool_calls` become `tool_call_chunks` (fragments of one call share an
 * index), `usage` becomes `usage_metadata`, and `finish_reason` with the model name goes to
 * `response_metadata`. A payload with nothing of these (the opening role delta, a
 * content-filter note) gives no chunk.
 */
export function chunkFromStreamPayload(payload: StreamPayload): StreamedPiece {
  const choice = firstChoice(payload);
  const delta = recordOf(choice?.['delta']);
  const content = stringOf(delta?.['content']) ?? '';
  const toolCallChunks = toolCallChunksOf(delta?.['tool_calls'], false);
  const finishReason = stringOf(choice?.['finish_reason']);
  const usage = usageFromOpenAI(payload['usage']);
  const finished = finishReason !== undefined;
  if (content === '' && toolCallChunks.length === 0 && !finished && usage === undefined) {
    return { chunk: undefined, finished };
  }
  const chunk = new AIMessageChunk({
    content,
    id: stringOf(payload['id']),
    tool_call_chunks: toolCallChunks,
    response_metadata: finished ? finishMetadata(payload, finishReason) : {},
    usage_metadata: usage,
  });
  return { chunk, finished };
}

/** `tool_calls` entries as tool-call chunks; `whole` calls (non-streaming) are numbered by position. */
function toolCallChunksOf(value: unknown, whole: boolean): ToolCallChunk[] {
  if (!Array.isArray(value)) return [];
  const chunks: ToolCallChunk[] = [];
  value.forEach((entry: unknown, position) => {
    const call = recordOf(entry);
    if (call === undefined) return;
    const fn = recordOf(call['function']);
    const index = whole ? position : (numberOf(call['index']) ?? position);
    chunks.push({
      name: stringOf(fn?.['name']),
      args: stringOf(fn?.['arguments']),
      id: stringOf(call['id']),
      index,
      type: 'tool_call_chunk',
    });
  });
  return chunks;
}

/**
 * A non-streaming `chat.completion` as one `AIMessageChunk` (the same shape a streamed
 * reply adds up to): `message.content`, `message.tool_calls`, `usage`, and
 * `finish_reason` with the model name.
 */
export function messageFromCompletion(payload: unknown, url: string, raw: string): AIMessageChunk {
  const completion = recordOf(payload);
  const choice = completion !== undefined ? firstChoice(completion) : undefined;
  const message = recordOf(choice?.['message']);
  if (completion === undefined || choice === undefined || message === undefined) {
    throw new ProviderResponseError(url, 'the completion has no choices[0].message', raw);
  }
  const finishReason = stringOf(choice['finish_reason']);
  const additional: Record<string, unknown> = {};
  const refusal = stringOf(message['refusal']);
  if (refusal !== undefined) additional['refusal'] = refusal;
  return new AIMessageChunk({
    content: stringOf(message['content']) ?? '',
    id: stringOf(completion['id']),
    tool_call_chunks: toolCallChunksOf(message['tool_calls'], true),
    response_metadata: finishReason !== undefined ? finishMetadata(completion, finishReason) : {},
    usage_metadata: usageFromOpenAI(completion['usage']),
    additional_kwargs: additional,
  });
}
