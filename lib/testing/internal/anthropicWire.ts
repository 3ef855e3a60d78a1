import type { FakeReply, FakeRequest, FakeStreamReply } from '../FakeProviderReply.js';
import { argsPieces, errorTypeOf, openingJoined, piecesOf, rawSseWire, type WireReply } from './fakeHttpServer.js';

function frame(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/** The SSE frames of a scripted Messages API reply, as the API sends them. */
export function anthropicFrames(reply: FakeStreamReply, request: FakeRequest): string[] {
  const asked = (request.body as { model?: unknown } | undefined)?.model;
  const model = reply.model ?? (typeof asked === 'string' ? asked : 'claude-fake');
  const usage = reply.usage;
  const startUsage: Record<string, number> = { input_tokens: usage?.input ?? 10, output_tokens: 1 };
  if (usage?.cacheCreation !== undefined) startUsage['cache_creation_input_tokens'] = usage.cacheCreation;
  if (usage?.cacheRead !== undefined) startUsage['cache_read_input_tokens'] = usage.cacheRead;
  const frames = [
    frame('message_start', {
      message: {
        id: `msg_fake_${request.index + 1}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: startUsage,
      },
    }),
  ];
  let index = 0;
  let deltas = 0;
  const thinking = piecesOf(reply.thinking);
  if (thinking.length > 0) {
    frames.push(
      frame('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    );
    for (const piece of thinking) {
      frames.push(frame('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
      deltas++;
    }
    frames.push(
      frame('content_block_delta', { index, delta: { type: 'signature_delta', signature: 'fake-signature' } }),
    );
    frames.push(frame('content_block_stop', { index }));
    index++;
  }
  const text = piecesOf(reply.text);
  if (text.length > 0) {
    frames.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    frames.push(frame('ping', {}));
    for (const piece of text) {
      frames.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
      deltas++;
    }
    frames.push(frame('content_block_stop', { index }));
    index++;
  }
  const calls = reply.toolCalls ?? [];
  calls.forEach((call, n) => {
    const id = call.id ?? `toolu_fake_${n + 1}`;
    frames.push(
      frame('content_block_start', { index, content_block: { type: 'tool_use', id, name: call.name, input: {} } }),
    );
    const pieces = argsPieces(call);
    // The API opens every tool input with an empty fragment.
    for (const piece of ['', ...pieces]) {
      frames.push(frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
      if (piece !== '') deltas++;
    }
    frames.push(frame('content_block_stop', { index }));
    index++;
  });
  if (reply.error !== undefined) {
    frames.push(frame('error', { error: { type: reply.error.type, message: reply.error.message } }));
    return frames;
  }
  const stopReason = reply.stopReason ?? (calls.length > 0 ? 'tool_use' : 'end_turn');
  frames.push(
    frame('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage?.output ?? deltas },
    }),
  );
  frames.push(frame('message_stop', {}));
  return frames;
}

/** What the fake Anthropic server writes for a scripted reply. */
export function anthropicWire(reply: FakeReply, request: FakeRequest): WireReply {
  const headers = { 'request-id': `req_fake_${request.index + 1}`, ...reply.headers };
  if ('sse' in reply) return rawSseWire(reply, headers);
  if ('status' in reply) {
    const error = reply;
    const type = error.errorType ?? errorTypeOf(error.status);
    const body = { type: 'error', error: { type, message: error.message ?? type.replace(/_/g, ' ') } };
    return { status: error.status, headers, body: JSON.stringify(body), delay: error.delay };
  }
  return {
    status: 200,
    headers,
    frames: openingJoined(
      anthropicFrames(reply, request),
      (frame) => !/^event: (message_start|content_block_start|ping)\n/.test(frame),
    ),
    cutAfter: reply.cutAfter,
    interval: reply.interval,
    delay: reply.delay,
  };
}
