import {
  AIMessage,
  ChatAnthropic,
  HumanMessage,
  OutputParserException,
  SystemMessage,
  ToolMessage,
  type AIMessageChunk,
} from 'rxchain';
import { createAnthropicServer, type FakeProviderServer } from 'rxchain/testing';
import { z } from 'zod';

describe('ChatAnthropic', () => {
  let server: FakeProviderServer;

  beforeAll(async () => {
    server = await createAnthropicServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (options: { maxTokens?: number } = {}) =>
    new ChatAnthropic({ baseURL: server.url, apiKey: 'sk-ant-test', model: 'claude-sonnet-4-5', ...options });

  const collect = async (stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk[]> => {
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  };

  describe('streaming', () => {
    it('should stream text token by token, then one chunk with the stop reason and usage', async () => {
      server.script([{ text: ['Hel', 'lo', ' world'], usage: { input: 12, output: 3 } }]);
      const chunks = await collect(await model().stream('Hi'));
      expect(chunks.map((chunk) => chunk.content)).toEqual(['Hel', 'lo', ' world', '']);
      const last = chunks[chunks.length - 1];
      expect(last?.usage_metadata).toEqual({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
      expect(last?.response_metadata).toMatchObject({
        stop_reason: 'end_turn',
        stop_sequence: null,
        model_name: 'claude-sonnet-4-5',
      });
      expect(chunks.every((chunk) => chunk.id === 'msg_fake_1')).toBe(true);
    });

    it('should stream a tool call whose arguments arrive as input_json_delta fragments', async () => {
      server.script([
        {
          text: 'Let me look.',
          toolCalls: [{ id: 'toolu_1', name: 'get_weather', args: ['{"ci', 'ty": "Par', 'is"}'] }],
        },
      ]);
      const chunks = await collect(await model().stream('Weather in Paris?'));
      const fragments = chunks.flatMap((chunk) => chunk.tool_call_chunks);
      expect(fragments).toEqual([
        { id: 'toolu_1', name: 'get_weather', args: '', index: 1, type: 'tool_call_chunk' },
        { args: '{"ci', index: 1, type: 'tool_call_chunk' },
        { args: 'ty": "Par', index: 1, type: 'tool_call_chunk' },
        { args: 'is"}', index: 1, type: 'tool_call_chunk' },
      ]);
      const reply = await model().invoke('Weather in Paris?');
      expect(reply.content).toBe('Let me look.');
      expect(reply.tool_calls).toEqual([
        { id: 'toolu_1', name: 'get_weather', args: { city: 'Paris' }, type: 'tool_call' },
      ]);
      expect(reply.response_metadata['stop_reason']).toBe('tool_use');
    });

    it('should keep a thinking block as one content part, apart from the text', async () => {
      server.script([{ thinking: ['Two and ', 'two...'], text: ['Four', '.'] }]);
      const reply = await model().invoke('2 + 2?');
      expect(reply.content).toEqual([
        { type: 'thinking', thinking: 'Two and two...', signature: 'fake-signature' },
        { type: 'text', text: 'Four.' },
      ]);
      expect(reply.text).toBe('Four.');
    });

    it('should report cache tokens: input_tokens counts the whole prompt, the details say what the cache gave', async () => {
      server.script([{ text: 'ok', usage: { input: 5, output: 1, cacheRead: 100, cacheCreation: 20 } }]);
      const reply = await model().invoke('Hi');
      expect(reply.usage_metadata).toEqual({
        input_tokens: 125,
        output_tokens: 1,
        total_tokens: 126,
        input_token_details: { cache_read: 100, cache_creation: 20 },
      });
    });
  });

  describe('requests', () => {
    it('should send the headers, max_tokens by default, and system messages as the top-level system', async () => {
      server.script([{ text: 'ok' }]);
      await model().invoke([new SystemMessage('Be brief.'), new HumanMessage('Hi'), new SystemMessage('Use French.')]);
      const request = server.requests[0];
      expect(request?.path).toBe('/v1/messages');
      expect(request?.headers['x-api-key']).toBe('sk-ant-test');
      expect(request?.headers['anthropic-version']).toBe('2023-06-01');
      expect(server.lastBody()).toEqual({
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Use French.' },
        ],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        stream: true,
      });
    });

    it('should send tool calls as tool_use blocks, tool messages as tool_result blocks, and merge consecutive user turns', async () => {
      server.script([{ text: 'It is sunny.' }]);
      await model().invoke([
        new HumanMessage('Weather in Paris and Oslo?'),
        new AIMessage({
          content: '',
          tool_calls: [
            { id: 't1', name: 'get_weather', args: { city: 'Paris' } },
            { id: 't2', name: 'get_weather', args: { city: 'Oslo' } },
          ],
        }),
        new ToolMessage({ content: 'sunny', tool_call_id: 't1' }),
        new ToolMessage({ content: 'no such city', tool_call_id: 't2', status: 'error' }),
        new HumanMessage({ content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0=' } }] }),
      ]);
      expect(server.lastBody()['messages']).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Oslo?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 't2', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 't2', content: 'no such city', is_error: true },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0=' } },
          ],
        },
      ]);
    });

    it('should send bound tools with input_schema and a tool choice', async () => {
      server.script([{ toolCalls: [{ name: 'add', args: { a: 1, b: 2 } }] }]);
      const bound = model().bindTools(
        [{ name: 'add', description: 'Adds', schema: z.object({ a: z.number(), b: z.number() }) }],
        {
          toolChoice: 'required',
        },
      );
      const reply = await bound.invoke('1 + 2?');
      expect(reply.tool_calls[0]?.args).toEqual({ a: 1, b: 2 });
      const body = server.lastBody();
      expect(body['tool_choice']).toEqual({ type: 'any' });
      expect(body['tools']).toEqual([
        {
          name: 'add',
          description: 'Adds',
          input_schema: expect.objectContaining({ type: 'object', required: ['a', 'b'] }) as unknown,
        },
      ]);
    });

    it('should answer withStructuredOutput through a forced tool call', async () => {
      server.script([{ toolCalls: [{ name: 'extract', args: ['{"name": "Japan",', ' "population": 125800000}'] }] }]);
      const structured = model().withStructuredOutput(z.object({ name: z.string(), population: z.number() }));
      expect(await structured.invoke('Largest country in East Asia by population?')).toEqual({
        name: 'Japan',
        population: 125800000,
      });
      expect(server.lastBody()['tool_choice']).toEqual({ type: 'tool', name: 'extract' });
    });

    it('should fail withStructuredOutput with OutputParserException when the arguments miss the schema or no call comes', async () => {
      const Country = z.object({ name: z.string(), population: z.number() });
      server.script([{ toolCalls: [{ name: 'extract', args: ['{"name": "Japan"}'] }] }]);
      const mismatch = await model()
        .withStructuredOutput(Country)
        .invoke('q')
        .catch((e: unknown) => e);
      expect(mismatch).toBeInstanceOf(OutputParserException);
      expect((mismatch as Error).message).toMatch(/do not match the schema/);
      expect((mismatch as OutputParserException).llmOutput).toBe('{"name":"Japan"}');
      server.script([{ text: 'I would rather not.' }]);
      const noCall = await model()
        .withStructuredOutput(Country)
        .invoke('q')
        .catch((e: unknown) => e);
      expect(noCall).toBeInstanceOf(OutputParserException);
      expect((noCall as Error).message).toMatch(/did not call the "extract" tool/);
      expect((noCall as OutputParserException).llmOutput).toBe('I would rather not.');
    });

    it('should report ls_* metadata in its runs', async () => {
      server.script([{ text: 'ok' }]);
      const starts: unknown[] = [];
      for await (const event of model().streamEvents('Hi', { version: 'v2' })) {
        if (event.event === 'on_chat_model_start') starts.push(event.metadata);
      }
      expect(starts).toEqual([
        expect.objectContaining({
          ls_provider: 'anthropic',
          ls_model_name: 'claude-sonnet-4-5',
          ls_model_type: 'chat',
          ls_max_tokens: 4096,
        }),
      ]);
    });
  });
});
