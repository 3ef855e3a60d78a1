import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builders of OpenAI Chat Completions wire data for specs: stream chunks, whole SSE
 * bodies, completions, and the recorded fixtures under spec/fixtures/openai.
 */

const MODEL = 'gpt-4o-mini-2024-07-18';

/** Reads a recorded SSE fixture (spec/fixtures/openai/<name>.sse) as bytes. */
export function fixture(name: string): Uint8Array {
  return readFileSync(join(__dirname, '..', 'fixtures', 'openai', `${name}.sse`));
}

/** One `chat.completion.chunk` with a first choice carrying `delta`. */
export function chunk(
  delta: Record<string, unknown>,
  extra: { finish_reason?: string; id?: string; model?: string } = {},
): Record<string, unknown> {
  return {
    id: extra.id ?? 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1732000000,
    model: extra.model ?? MODEL,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: extra.finish_reason ?? null }],
    usage: null,
  };
}

/** The usage chunk sent last when `stream_options.include_usage` is set. */
export function usageChunk(prompt: number, completion: number, id = 'chatcmpl-test'): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion.chunk',
    created: 1732000000,
    model: MODEL,
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** An SSE body: one `data:` frame per payload (objects as JSON, strings as they are). */
export function sse(payloads: readonly (Record<string, unknown> | string)[]): string {
  return payloads.map((p) => `data: ${typeof p === 'string' ? p : JSON.stringify(p)}\n\n`).join('');
}

/** A whole streamed text reply: role delta, one chunk per token, finish, usage, `[DONE]`. */
export function textStream(
  tokens: readonly string[],
  options: { usage?: readonly [number, number] | false; done?: boolean; finish?: boolean } = {},
): string {
  const usage = options.usage ?? [10, tokens.length];
  return sse([
    chunk({ role: 'assistant', content: '' }),
    ...tokens.map((content) => chunk({ content })),
    ...(options.finish === false ? [] : [chunk({}, { finish_reason: 'stop' })]),
    ...(usage === false ? [] : [usageChunk(usage[0], usage[1])]),
    ...(options.done === false ? [] : ['[DONE]']),
  ]);
}

/** A streamed reply calling tools: each call's arguments sent in the given fragments. */
export function toolCallStream(calls: readonly { id: string; name: string; args: readonly string[] }[]): string {
  const payloads: Record<string, unknown>[] = [];
  calls.forEach((call, index) => {
    payloads.push(
      chunk({
        ...(index === 0 ? { role: 'assistant', content: null } : {}),
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const fragment of call.args)
      payloads.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
  });
  return sse([...payloads, chunk({}, { finish_reason: 'tool_calls' }), usageChunk(50, 20), '[DONE]']);
}

/** A non-streaming `chat.completion`. */
export function completion(
  message: { content: string | null; tool_calls?: unknown[] },
  options: { finish_reason?: string; usage?: readonly [number, number] } = {},
): Record<string, unknown> {
  const [prompt, completionTokens] = options.usage ?? [9, 12];
  return {
    id: 'chatcmpl-whole',
    object: 'chat.completion',
    created: 1732000000,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', refusal: null, ...message },
        logprobs: null,
        finish_reason: options.finish_reason ?? 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  };
}

/** An OpenAI error body. */
export function errorBody(
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
): Record<string, unknown> {
  return { error: { message, type, param: null, code } };
}

/** Three tokens, one write each, then finish and [DONE]. */
export const threeTokens = sse([
  chunk({ content: 'One' }),
  chunk({ content: ' two' }),
  chunk({ content: ' three' }),
  chunk({}, { finish_reason: 'stop' }),
  '[DONE]',
]);
