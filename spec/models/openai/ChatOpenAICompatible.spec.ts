import { AIMessageChunk, ChatOpenAICompatible, HumanMessage, InvalidArgumentError, SystemMessage } from 'rxchain';
import { OpenAITestServer } from '../../support/openaiServer';
import { chunk, completion, sse, textStream, usageChunk } from '../../support/openaiStreams';

describe('ChatOpenAICompatible', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (options: Partial<ConstructorParameters<typeof ChatOpenAICompatible>[0]> = {}): ChatOpenAICompatible =>
    new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini', ...options });

  const tokensOf = async (chat: ChatOpenAICompatible, input: string): Promise<AIMessageChunk[]> => {
    const seen: AIMessageChunk[] = [];
    for await (const piece of await chat.stream(input)) seen.push(piece);
    return seen;
  };

  describe('the request', () => {
    it('should POST the conversation to /chat/completions with stream and usage options', async () => {
      server.script([{ sse: textStream(['Hi']) }]);
      await model({ apiKey: 'sk-test', temperature: 0.2, maxTokens: 50, stop: ['END'] }).invoke([
        new SystemMessage('Be brief.'),
        new HumanMessage('Hello'),
      ]);
      const [request] = server.requests;
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/v1/chat/completions');
      expect(request?.headers['authorization']).toBe('Bearer sk-test');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers['accept']).toBe('text/event-stream');
      expect(request?.body).toEqual({
        model: 'gpt-4o-mini',
        temperature: 0.2,
        max_tokens: 50,
        stop: ['END'],
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' },
        ],
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('should send no Authorization header without an apiKey, and extra headers as given', async () => {
      server.script([{ sse: textStream(['Hi']) }]);
      await model({ headers: { 'api-key': 'azure-key', 'X-Trace': 't1' } }).invoke('Hello');
      const headers = server.requests[0]?.headers;
      expect(headers?.['authorization']).toBeUndefined();
      expect(headers?.['api-key']).toBe('azure-key');
      expect(headers?.['x-trace']).toBe('t1');
    });

    it('should leave out stream_options when streamUsage is false, and send modelKwargs', async () => {
      server.script([{ sse: textStream(['Hi'], { usage: false }) }]);
      await model({ streamUsage: false, modelKwargs: { top_p: 0.5, seed: 7 } }).invoke('Hello');
      const body = server.lastBody();
      expect(body).not.toHaveProperty('stream_options');
      expect(body).toMatchObject({ top_p: 0.5, seed: 7, stream: true });
    });

    it("should let a call's stop sequences replace the model's", async () => {
      server.script([{ sse: textStream(['Hi']) }]);
      await model({ stop: ['A'] })
        .withCallOptions({ stop: ['B'] })
        .invoke('Hello');
      expect(server.lastBody()['stop']).toEqual(['B']);
    });

    it('should keep a query string of the base URL and ignore a trailing slash', async () => {
      server.script([{ sse: textStream(['Hi']) }]);
      await model({ baseURL: `${server.url}/?api-version=2024-10-21` }).invoke('Hello');
      expect(server.requests[0]?.path).toBe('/v1/chat/completions?api-version=2024-10-21');
    });

    it('should reject a missing model or a base URL that is not an http(s) URL', () => {
      expect(() => new ChatOpenAICompatible({ model: '' })).toThrow(InvalidArgumentError);
      expect(() => new ChatOpenAICompatible({ model: 'm', baseURL: 'localhost:11434' })).toThrow(/baseURL must be/);
      expect(() => new ChatOpenAICompatible({ model: 'm', baseURL: 'ftp://example.com/v1' })).toThrow(/http\(s\) URL/);
    });

    it('should send nothing until subscribed, and one request per subscription', async () => {
      server.script([{ sse: textStream(['Hi']) }]);
      const chat = model();
      const stream$ = chat.stream$('Hello');
      expect(server.requests).toHaveLength(0);
      await chat.invoke('Hello');
      await new Promise<void>((resolve, reject) => stream$.subscribe({ error: reject, complete: resolve }));
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('streaming', () => {
    it('should emit one chunk per content delta, skipping the opening role delta', async () => {
      server.script([{ sse: textStream(['Hello', ' there', '!']) }]);
      const chunks = await tokensOf(model(), 'Hi');
      expect(chunks.map((c) => c.content)).toEqual(['Hello', ' there', '!', '']);
      expect(chunks.every((c) => c instanceof AIMessageChunk && c.id === 'chatcmpl-test')).toBe(true);
    });

    it('should end with one chunk holding finish_reason, the model name and the usage', async () => {
      server.script([{ sse: textStream(['Hello'], { usage: [11, 3] }) }]);
      const chunks = await tokensOf(model(), 'Hi');
      expect(chunks).toHaveLength(2);
      expect(chunks[1]?.content).toBe('');
      expect(chunks[1]?.response_metadata).toEqual({ finish_reason: 'stop', model_name: 'gpt-4o-mini-2024-07-18' });
      expect(chunks[1]?.usage_metadata).toEqual({ input_tokens: 11, output_tokens: 3, total_tokens: 14 });
      expect(chunks[0]?.usage_metadata).toBeUndefined();
      expect(chunks[0]?.response_metadata).toEqual({});
    });

    it('should send metadata that comes before more text ahead of that text', async () => {
      const early = { ...chunk({}), choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
      server.script([
        {
          sse: sse([
            chunk({ content: 'A' }),
            early,
            chunk({ content: 'B' }),
            chunk({}, { finish_reason: 'stop' }),
            '[DONE]',
          ]),
        },
      ]);
      const chunks = await tokensOf(model(), 'Hi');
      expect(
        chunks.map((c) => [c.content, c.usage_metadata?.total_tokens, c.response_metadata['finish_reason']]),
      ).toEqual([
        ['A', undefined, undefined],
        ['', 2, undefined],
        ['B', undefined, undefined],
        ['', undefined, 'stop'],
      ]);
    });

    it('should add the chunks up under invoke', async () => {
      server.script([{ sse: textStream(['Hello', ' there'], { usage: [11, 2] }) }]);
      const reply = await model().invoke('Hi');
      expect(reply).toBeInstanceOf(AIMessageChunk);
      expect(reply.content).toBe('Hello there');
      expect(reply.usage_metadata).toEqual({ input_tokens: 11, output_tokens: 2, total_tokens: 13 });
      expect(reply.response_metadata).toEqual({ finish_reason: 'stop', model_name: 'gpt-4o-mini-2024-07-18' });
      expect(reply.tool_calls).toEqual([]);
    });

    it('should give one empty message for an empty reply', async () => {
      server.script([{ sse: sse(['[DONE]']) }]);
      const reply = await model().invoke('Hi');
      expect(reply.content).toBe('');
    });

    it('should accept a stream without [DONE] once the reply has finished', async () => {
      server.script([{ sse: textStream(['Hi'], { done: false, usage: false }) }]);
      expect((await model().invoke('Hello')).content).toBe('Hi');
    });

    it('should skip chunks without choices or delta (content-filter notes) and keep comments out', async () => {
      const filterNote = { id: 'x', object: 'chat.completion.chunk', choices: [], prompt_filter_results: [] };
      const lateNote = {
        id: 'x',
        object: 'chat.completion.chunk',
        choices: [{ index: 0, content_filter_results: {} }],
      };
      server.script([
        {
          sse: `: keep-alive\n\n${sse([filterNote, chunk({ content: 'Hi' }), lateNote, chunk({}, { finish_reason: 'stop' }), usageChunk(1, 1), '[DONE]'])}`,
        },
      ]);
      const chunks = await tokensOf(model(), 'Hello');
      expect(chunks.map((c) => c.content)).toEqual(['Hi', '']);
    });

    it('should read the first choice by its index, whatever the order', async () => {
      const twoChoices = {
        ...chunk({ content: 'first' }),
        choices: [
          { index: 1, delta: { content: 'second' }, finish_reason: null },
          { index: 0, delta: { content: 'first' }, finish_reason: null },
        ],
      };
      server.script([{ sse: sse([twoChoices, chunk({}, { finish_reason: 'stop' }), '[DONE]']) }]);
      expect((await model().invoke('Hi')).content).toBe('first');
    });

    it('should take a whole JSON completion from a server that ignores stream: true', async () => {
      server.script([{ json: completion({ content: 'Whole answer' }) }]);
      const chunks = await tokensOf(model(), 'Hi');
      expect(chunks.map((c) => c.content)).toEqual(['Whole answer']);
    });
  });
});
