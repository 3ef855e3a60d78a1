import { ApiCallError, ChatOpenAICompatible, OpenAICompatibleEmbeddings } from 'rxchain';
import { createAnthropicServer, createOpenAIServer, type FakeProviderServer } from 'rxchain/testing';

describe('createOpenAIServer', () => {
  let server: FakeProviderServer;

  beforeAll(async () => {
    server = await createOpenAIServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (options: { streaming?: boolean; maxRetries?: number } = {}) =>
    new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini', ...options });

  it('should stream the scripted tokens with usage, and record the request', async () => {
    server.script([{ text: ['Hi', ' there'], usage: { input: 5, output: 2 } }]);
    const tokens: string[] = [];
    for await (const chunk of await model().stream('Hello')) tokens.push(chunk.text);
    expect(tokens).toEqual(['Hi', ' there', '']);
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.lastBody()['model']).toBe('gpt-4o-mini');
    expect((await model().invoke('Hello')).usage_metadata).toEqual({
      input_tokens: 5,
      output_tokens: 2,
      total_tokens: 7,
    });
  });

  it('should stream tool calls, and answer stream: false with one completion', async () => {
    server.script([{ toolCalls: [{ id: 'call_9', name: 'add', args: ['{"a":', '1}'] }] }]);
    const streamed = await model().invoke('1?');
    const whole = await model({ streaming: false }).invoke('1?');
    for (const reply of [streamed, whole]) {
      expect(reply.tool_calls).toEqual([{ id: 'call_9', name: 'add', args: { a: 1 }, type: 'tool_call' }]);
      expect(reply.response_metadata['finish_reason']).toBe('tool_calls');
    }
  });

  it('should answer with an error status and its headers', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '7' }, message: 'slow down' }]);
    const error = (await model({ maxRetries: 0 })
      .invoke('Hi')
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toMatchObject({ status: 429, retryAfter: 7, isRetryable: true });
    expect(error.message).toContain('HTTP 429: slow down');
  });

  it('should send an error inside the stream after the scripted content', async () => {
    server.script([{ text: ['a', 'b'], error: { type: 'server_error', message: 'boom' } }]);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of await model().stream('Hi')) seen.push(chunk.text);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['a', 'b']);
    expect((error as Error).message).toContain('boom');
  });

  it('should cut the connection after the given frames', async () => {
    server.script([{ text: ['a', 'b', 'c'], cutAfter: 1 }]);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of await model({ maxRetries: 0 }).stream('Hi')) seen.push(chunk.text);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['a']);
    expect(error).toBeInstanceOf(Error);
  });

  it('should answer embeddings requests', async () => {
    server.script([{ text: '' }]);
    const embeddings = new OpenAICompatibleEmbeddings({ baseURL: server.url, model: 'text-embedding-3-small' });
    expect(await embeddings.embedDocuments(['abc', 'aeiou'])).toEqual([
      [3, 1, 1],
      [5, 5, 1],
    ]);
  });

  it('should answer by a function of the request, and from a recorded SSE body', async () => {
    server.script((request) =>
      (request.body as { model: string }).model === 'raw'
        ? {
            sse: 'data: {"choices":[{"index":0,"delta":{"content":"raw!"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
          }
        : { text: 'scripted' },
    );
    expect((await model().invoke('x')).content).toBe('scripted');
    expect((await new ChatOpenAICompatible({ baseURL: server.url, model: 'raw' }).invoke('x')).content).toBe('raw!');
  });
});

describe('createAnthropicServer', () => {
  it('should serve the Messages API path, with request ids, and repeat its last reply', async () => {
    const server = await createAnthropicServer([{ text: 'one' }, { text: 'two' }]);
    try {
      const post = () =>
        fetch(`${server.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [] }) });
      const bodies: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await post();
        expect(response.headers.get('content-type')).toContain('text/event-stream');
        bodies.push(await response.text());
      }
      expect(bodies.map((body) => /"text":"(\w+)"/.exec(body.split('text_delta')[1] ?? '')?.[1])).toEqual([
        'one',
        'two',
        'two',
      ]);
      expect(bodies[0]).toMatch(/^event: message_start\ndata: \{"type":"message_start"/);
      expect(bodies[0]).toContain('event: ping');
      expect(bodies[0]).toMatch(/event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
      expect(server.requests.map((request) => request.path)).toEqual(['/v1/messages', '/v1/messages', '/v1/messages']);
    } finally {
      await server.close();
    }
  });
});
