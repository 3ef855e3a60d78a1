import type { FakeReply, FakeRequest, FakeStreamReply } from '../FakeProviderReply.js';
import { argsPieces, errorTypeOf, openingJoined, piecesOf, rawSseWire, type WireReply } from './fakeHttpServer.js';

interface ChatBody {
  readonly model?: unknown;
  readonly stream?: unknown;
  readonly input?: unknown;
}

function data(payload: unknown): string {
  return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
}

/** The frames of a scripted Chat Completions stream, as OpenAI sends them. */
export function openAIFrames(reply: FakeStreamReply, request: FakeRequest): string[] {
  const body = request.body as ChatBody | undefined;
  const model = reply.model ?? (typeof body?.model === 'string' ? body.model : 'gpt-fake');
  const id = `chatcmpl-fake-${request.index + 1}`;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    data({
      id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  const frames = [chunk({ role: 'assistant', content: '' })];
  let deltas = 0;
  for (const piece of piecesOf(reply.text)) {
    frames.push(chunk({ content: piece }));
    deltas++;
  }
  const calls = reply.toolCalls ?? [];
  calls.forEach((call, index) => {
    const callId = call.id ?? `call_fake_${index + 1}`;
    frames.push(
      chunk({ tool_calls: [{ index, id: callId, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    for (const piece of argsPieces(call)) {
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      deltas++;
    }
  });
  if (reply.error !== undefined) {
    frames.push(data({ error: { message: reply.error.message, type: reply.error.type, param: null, code: null } }));
    return frames;
  }
  frames.push(chunk({}, reply.stopReason ?? (calls.length > 0 ? 'tool_calls' : 'stop')));
  const input = reply.usage?.input ?? 10;
  const output = reply.usage?.output ?? deltas;
  frames.push(
    data({
      id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [],
      usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
    }),
  );
  frames.push(data('[DONE]'));
  return frames;
}

/** A whole `chat.completion` for a request with `stream: false`. */
function completion(reply: FakeStreamReply, request: FakeRequest): Record<string, unknown> {
  const body = request.body as ChatBody | undefined;
  const calls = reply.toolCalls ?? [];
  const text = piecesOf(reply.text).join('');
  const input = reply.usage?.input ?? 10;
  const output = reply.usage?.output ?? 1;
  return {
    id: `chatcmpl-fake-${request.index + 1}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: reply.model ?? (typeof body?.model === 'string' ? body.model : 'gpt-fake'),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && calls.length > 0 ? null : text,
          ...(calls.length > 0
            ? {
                tool_calls: calls.map((call, n) => ({
                  id: call.id ?? `call_fake_${n + 1}`,
                  type: 'function',
                  function: { name: call.name, arguments: argsPieces(call).join('') },
                })),
              }
            : {}),
        },
        finish_reason: reply.stopReason ?? (calls.length > 0 ? 'tool_calls' : 'stop'),
      },
    ],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
  };
}

/** Embeddings of the fake server: `[characters, vowels, 1]` for each input text. */
function embeddings(request: FakeRequest): Record<string, unknown> {
  const input = (request.body as ChatBody | undefined)?.input;
  const texts = Array.isArray(input)
    ? input.map((text) => (typeof text === 'string' ? text : ''))
    : [typeof input === 'string' ? input : ''];
  return {
    object: 'list',
    model: 'fake-embedding',
    data: texts.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: [text.length, (text.match(/[aeiou]/gi) ?? []).length, 1],
    })),
    usage: { prompt_tokens: texts.length, total_tokens: texts.length },
  };
}

/** What the fake OpenAI server writes for a scripted reply. */
export function openAIWire(reply: FakeReply, request: FakeRequest): WireReply {
  const headers = { 'x-request-id': `req_fake_${request.index + 1}`, ...reply.headers };
  if ('sse' in reply) return rawSseWire(reply, headers);
  if ('status' in reply) {
    const error = reply;
    const type = error.errorType ?? errorTypeOf(error.status);
    const body = { error: { message: error.message ?? type.replace(/_/g, ' '), type, param: null, code: null } };
    return { status: error.status, headers, body: JSON.stringify(body), delay: error.delay };
  }
  if (request.path.endsWith('/embeddings'))
    return { status: 200, headers, body: JSON.stringify(embeddings(request)), delay: reply.delay };
  if ((request.body as ChatBody | undefined)?.stream === false) {
    return { status: 200, headers, body: JSON.stringify(completion(reply, request)), delay: reply.delay };
  }
  return {
    status: 200,
    headers,
    frames: openingJoined(openAIFrames(reply, request), (frame) => !frame.includes('"role":"assistant"')),
    cutAfter: reply.cutAfter,
    interval: reply.interval,
    delay: reply.delay,
  };
}
