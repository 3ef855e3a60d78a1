/** A complete tool call requested by a model. */
export interface ToolCall {
  /** The tool's name. */
  name: string;
  /** The arguments, parsed. */
  args: Record<string, unknown>;
  /** The call's id, used to match the `ToolMessage` answering it. */
  id?: string | undefined;
  /** Always `tool_call`. */
  type?: 'tool_call' | undefined;
}

/** A fragment of a tool call as it streams: fragments with the same `index` add up. */
export interface ToolCallChunk {
  /** The tool's name (usually in the first fragment only). */
  name?: string | undefined;
  /** A piece of the JSON arguments. */
  args?: string | undefined;
  /** The call's id (usually in the first fragment only). */
  id?: string | undefined;
  /** Which call of the message this fragment belongs to. */
  index?: number | undefined;
  /** Always `tool_call_chunk`. */
  type?: 'tool_call_chunk' | undefined;
}

/** A tool call whose arguments are not valid JSON. */
export interface InvalidToolCall {
  /** The tool's name. */
  name?: string | undefined;
  /** The raw arguments. */
  args?: string | undefined;
  /** The call's id. */
  id?: string | undefined;
  /** Why the call is invalid. */
  error?: string | undefined;
  /** Always `invalid_tool_call`. */
  type?: 'invalid_tool_call' | undefined;
}

/** Token counts reported by a provider. */
export interface UsageMetadata {
  /** Tokens in the prompt. */
  input_tokens: number;
  /** Tokens generated. */
  output_tokens: number;
  /** Both together. */
  total_tokens: number;
  /** Where the prompt's tokens came from, when the provider says (prompt caching). */
  input_token_details?: InputTokenDetails | undefined;
}

/** How a prompt's tokens divide: read from a provider's prompt cache, or written to it. */
export interface InputTokenDetails {
  /** Tokens read from the prompt cache. */
  cache_read?: number | undefined;
  /** Tokens written to the prompt cache. */
  cache_creation?: number | undefined;
}

/**
 * Joins tool-call fragments: fragments with the same `index` concatenate their `args`,
 * within either list as well as across them, so the result has one entry per index.
 */
export function mergeToolCallChunks(left: readonly ToolCallChunk[], right: readonly ToolCallChunk[]): ToolCallChunk[] {
  const merged: ToolCallChunk[] = [];
  for (const chunk of [...left, ...right]) {
    const target = chunk.index !== undefined ? merged.find((c) => c.index === chunk.index) : undefined;
    if (target === undefined) {
      merged.push({ ...chunk });
      continue;
    }
    if (chunk.args !== undefined) target.args = (target.args ?? '') + chunk.args;
    if (target.name === undefined || target.name === '') target.name = chunk.name;
    if (target.id === undefined || target.id === '') target.id = chunk.id;
  }
  return merged;
}

/** Adds two usage reports together. */
export function addUsage(a: UsageMetadata | undefined, b: UsageMetadata | undefined): UsageMetadata | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const sum: UsageMetadata = {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
  const details = addDetails(a.input_token_details, b.input_token_details);
  if (details !== undefined) sum.input_token_details = details;
  return sum;
}

function addDetails(a: InputTokenDetails | undefined, b: InputTokenDetails | undefined): InputTokenDetails | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const sum: InputTokenDetails = {};
  for (const key of ['cache_read', 'cache_creation'] as const) {
    if (a[key] !== undefined || b[key] !== undefined) sum[key] = (a[key] ?? 0) + (b[key] ?? 0);
  }
  return sum;
}

/** Splits tool-call fragments into parsed calls and invalid ones. */
export function parseToolCallChunks(chunks: readonly ToolCallChunk[]): {
  toolCalls: ToolCall[];
  invalidToolCalls: InvalidToolCall[];
} {
  const toolCalls: ToolCall[] = [];
  const invalidToolCalls: InvalidToolCall[] = [];
  for (const chunk of chunks) {
    const raw = chunk.args ?? '';
    try {
      const args: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (args === null || typeof args !== 'object' || Array.isArray(args))
        throw new Error('arguments are not a JSON object');
      toolCalls.push({
        name: chunk.name ?? '',
        args: args as Record<string, unknown>,
        id: chunk.id,
        type: 'tool_call',
      });
    } catch (error) {
      invalidToolCalls.push({
        name: chunk.name,
        args: raw,
        id: chunk.id,
        error: error instanceof Error ? error.message : String(error),
        type: 'invalid_tool_call',
      });
    }
  }
  return { toolCalls, invalidToolCalls };
}
