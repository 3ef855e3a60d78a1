import type { FakeProviderServer, FakeScript } from './FakeProviderReply.js';
import { anthropicWire } from './internal/anthropicWire.js';
import { startFakeServer } from './internal/fakeHttpServer.js';

/**
 * Starts a fake Anthropic Messages API on 127.0.0.1 (a free port), for tests of code that
 * uses `ChatAnthropic` (or Anthropic's own SDK): each request to `/v1/messages` gets the
 * next scripted reply (the last one repeats), streamed as the API streams it —
 * `message_start`, a `ping`, one `content_block_delta` per text token (`text_delta`),
 * thinking blocks (`thinking_delta`, `signature_delta`), tool calls whose input streams as
 * `input_json_delta` fragments, `message_delta` with the stop reason and usage,
 * `message_stop`. A reply can instead be an HTTP error (`{ status: 429, headers: {
 * 'retry-after': '1' } }`), end in a mid-stream `error` event (`error: { type:
 * 'overloaded_error', message }`), cut the connection (after `cutAfter` writes), or be a recorded
 * SSE body (`{ sse }`). Node.js only (it is loaded at run time, so browser bundles of
 * `rxchain/testing` stay free of it).
 *
 * @param script - the replies, in order, or a function of the request.
 * @returns the running server: its `url` (the model's `baseURL`), the `requests` it got, `close()`.
 *
 * @example
 * ```ts
 * import { ChatAnthropic } from 'rxchain';
 * import { createAnthropicServer } from 'rxchain/testing';
 *
 * const server = await createAnthropicServer([
 *   { status: 429, headers: { 'retry-after': '0' } },
 *   { toolCalls: [{ name: 'get_weather', args: ['{"city":', ' "Paris"}'] }] },
 * ]);
 * const model = new ChatAnthropic({ baseURL: server.url, apiKey: 'test', model: 'claude-sonnet-4-5' });
 * const reply = await model.invoke('Weather in Paris?');
 * console.log(reply.tool_calls[0]?.args, server.requests.length); // => { city: 'Paris' }, 2
 * await server.close();
 * ```
 */
export function createAnthropicServer(script: FakeScript = []): Promise<FakeProviderServer> {
  return startFakeServer(script, '', anthropicWire);
}
