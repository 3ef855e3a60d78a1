import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatAnthropic } from 'rxchain';
import { createAnthropicServer, type FakeProviderServer, type FakeReply } from 'rxchain/testing';

// The same streams, parsed by Anthropic's own SDK and by ChatAnthropic, must say the same
// thing: the text, each tool call's input, the usage and the stop reason.

function recorded(name: string): FakeReply {
  return { sse: readFileSync(join(__dirname, '..', '..', 'fixtures', 'anthropic', `${name}.sse`), 'utf8') };
}

const streams: readonly (readonly [string, FakeReply])[] = [
  ['a recorded tool call after text, with cache reads', recorded('weather-tool')],
  ['a recorded thinking block, then text', recorded('thinking-text')],
  ['scripted text tokens', { text: ['Hello', ', ', 'wor', 'ld', '!'], usage: { input: 14, output: 5 } }],
  [
    'two scripted tool calls',
    {
      toolCalls: [
        { name: 'add', args: ['{"a": 1', ', "b": 2}'] },
        { name: 'mul', args: { a: 3, b: 4 } },
      ],
      usage: { input: 90, output: 30, cacheCreation: 7 },
    },
  ],
  ['a stop sequence', { text: ['one', ' two'], stopReason: 'stop_sequence' }],
];

describe('ChatAnthropic agrees with @anthropic-ai/sdk on the same streams', () => {
  let server: FakeProviderServer;

  beforeAll(async () => {
    server = await createAnthropicServer();
  });

  afterAll(async () => {
    await server.close();
  });

  // A scripted reply is recorded once, so both clients parse the very same bytes.
  const record = async (reply: FakeReply): Promise<FakeReply> => {
    if ('sse' in reply) return reply;
    server.script([reply]);
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'claude-sonnet-4-5' }),
    });
    return { sse: await response.text() };
  };

  it.each(streams)('%s', async (_name, reply) => {
    server.script([await record(reply)]);
    const client = new Anthropic({ baseURL: server.url, apiKey: 'sk-ant-test', maxRetries: 0 });
    const sdk = await client.messages
      .stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage();

    const model = new ChatAnthropic({ baseURL: server.url, apiKey: 'sk-ant-test', model: 'claude-sonnet-4-5' });
    const ours = await model.invoke('Hi');

    const sdkText = sdk.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    expect(ours.text).toBe(sdkText);
    expect(ours.tool_calls.map((call) => ({ id: call.id, name: call.name, input: call.args }))).toEqual(
      sdk.content.flatMap((block) =>
        block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : [],
      ),
    );
    const sdkThinking = sdk.content.flatMap((block) =>
      block.type === 'thinking' ? [{ type: 'thinking', thinking: block.thinking, signature: block.signature }] : [],
    );
    const ourThinking = typeof ours.content === 'string' ? [] : ours.content.filter((part) => part.type === 'thinking');
    expect(ourThinking).toEqual(sdkThinking);
    expect(ours.response_metadata['stop_reason']).toBe(sdk.stop_reason);
    expect(ours.response_metadata['stop_sequence'] ?? null).toBe(sdk.stop_sequence);
    expect(ours.id).toBe(sdk.id);

    const cacheRead = sdk.usage.cache_read_input_tokens ?? 0;
    const cacheCreation = sdk.usage.cache_creation_input_tokens ?? 0;
    expect(ours.usage_metadata?.output_tokens).toBe(sdk.usage.output_tokens);
    expect(ours.usage_metadata?.input_tokens).toBe(sdk.usage.input_tokens + cacheRead + cacheCreation);
    expect(ours.usage_metadata?.input_token_details?.cache_read ?? 0).toBe(cacheRead);
    expect(ours.usage_metadata?.input_token_details?.cache_creation ?? 0).toBe(cacheCreation);
  });

  it('should both raise the mid-stream error event', async () => {
    server.script([{ text: ['Par', 'tial'], error: { type: 'overloaded_error', message: 'Overloaded' } }]);
    const client = new Anthropic({ baseURL: server.url, apiKey: 'sk-ant-test', maxRetries: 0 });
    const sdkError = await client.messages
      .stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage()
      .catch((e: unknown) => e);
    const model = new ChatAnthropic({ baseURL: server.url, apiKey: 'k', model: 'claude-sonnet-4-5', maxRetries: 0 });
    const ourError = await model.invoke('Hi').catch((e: unknown) => e);
    expect(String(sdkError)).toContain('Overloaded');
    expect(String(ourError)).toContain('Overloaded');
  });
});
