import type { FakeProviderServer, FakeScript } from './FakeProviderReply.js';
import { startFakeServer } from './internal/fakeHttpServer.js';
import { openAIWire } from './internal/openaiWire.js';

/**
 * Starts a fake OpenAI-compatible API on 127.0.0.1 (a free port), for tests of code that
 * uses `ChatOpenAICompatible`, `ChatOpenAI` or `OpenAICompatibleEmbeddings` (or OpenAI's
 * own SDK): each chat request gets the next scripted reply (the last one repeats),
 * streamed as Chat Completions chunks — a role delta, one chunk per text token, tool calls
 * whose arguments stream in fragments, the finish reason, a usage chunk, `[DONE]` — or
 * as one `chat.completion` when the request says `stream: false`. A reply can instead be
 * an HTTP error (`{ status: 429, headers: { 'retry-after': '1' } }`), end in an error in
 * the stream (`error: { type: 'server_error', message }`), cut the connection (after `cutAfter`
 * writes), or be a recorded SSE body (`{ sse }`). Embeddings requests get
 * `[characters, vowels, 1]` for each text. Node.js only (loaded at run time, so browser
 * bundles of `rxchain/testing` stay free of it).
 *
 * @param script - the replies, in order, or a function of the request.
 * @returns the running server: its `url` (ends in `/v1`: the model's `baseURL`), the `requests` it got, `close()`.
 *
 * @example
 * ```ts
 * import { ChatOpenAICompatible } from 'rxchain';
 * import { createOpenAIServer } from 'rxchain/testing';
 *
 * const server = await createOpenAIServer([{ text: ['Hi', ' there'], usage: { input: 5, output: 2 } }]);
 * const model = new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini' });
 * const reply = await model.invoke('Hello');
 * console.log(reply.content, reply.usage_metadata?.total_tokens); // => 'Hi there', 7
 * await server.close();
 * ```
 */
export function createOpenAIServer(script: FakeScript = []): Promise<FakeProviderServer> {
  return startFakeServer(script, '/v1', openAIWire);
}
