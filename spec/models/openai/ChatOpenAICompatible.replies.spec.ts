import { AIMessage, AIMessageChunk, ChatOpenAI, ChatOpenAICompatible, HumanMessage } from 'rxchain';
import { OpenAITestServer } from '../../support/openaiServer';
import { completion, textStream } from '../../support/openaiStreams';

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

  describe('without streaming', () => {
    it('should send stream: false and turn the completion into one chunk', async () => {
      server.script([{ json: completion({ content: 'Whole answer' }, { usage: [9, 2] }) }]);
      const chat = model({ streaming: false });
      const chunks = await tokensOf(chat, 'Hi');
      const body = server.lastBody();
      expect(body['stream']).toBe(false);
      expect(body).not.toHaveProperty('stream_options');
      expect(server.requests[0]?.headers['accept']).toBe('application/json');
      expect(chunks).toHaveLength(1);
      expect(chunks[0]?.content).toBe('Whole answer');
      expect(chunks[0]?.id).toBe('chatcmpl-whole');
      expect(chunks[0]?.usage_metadata).toEqual({ input_tokens: 9, output_tokens: 2, total_tokens: 11 });
      expect(chunks[0]?.response_metadata).toEqual({ finish_reason: 'stop', model_name: 'gpt-4o-mini-2024-07-18' });
    });

    it('should parse tool calls of a completion, keeping unparsable arguments as invalid calls', async () => {
      server.script([
        {
          json: completion(
            {
              content: null,
              tool_calls: [
                { id: 'c1', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":2}' } },
                { id: 'c2', type: 'function', function: { name: 'add', arguments: '{"a":' } },
              ],
            },
            { finish_reason: 'tool_calls' },
          ),
        },
      ]);
      const reply = await model({ streaming: false }).invoke('1+2?');
      expect(reply.content).toBe('');
      expect(reply.tool_calls).toEqual([{ name: 'add', args: { a: 1, b: 2 }, id: 'c1', type: 'tool_call' }]);
      expect(reply.invalid_tool_calls).toEqual([expect.objectContaining({ name: 'add', args: '{"a":', id: 'c2' })]);
    });

    it('should keep a refusal in additional_kwargs', async () => {
      server.script([{ json: completion({ content: null, refusal: 'I cannot help with that.' } as never) }]);
      const reply = await model({ streaming: false }).invoke('Hi');
      expect(reply.additional_kwargs).toEqual({ refusal: 'I cannot help with that.' });
    });
  });

  describe('run metadata', () => {
    const lsOf = (chat: ChatOpenAICompatible): unknown => (chat as unknown as { lsParams: unknown }).lsParams;

    it('should report ls_* parameters of the model', () => {
      expect(lsOf(model({ temperature: 0.5, maxTokens: 20, stop: ['x'] }))).toEqual({
        ls_provider: 'openai',
        ls_model_name: 'gpt-4o-mini',
        ls_model_type: 'chat',
        ls_temperature: 0.5,
        ls_max_tokens: 20,
        ls_stop: ['x'],
      });
      expect(lsOf(model())).toEqual({ ls_provider: 'openai', ls_model_name: 'gpt-4o-mini', ls_model_type: 'chat' });
    });

    it.each([
      ['https://api.openai.com/v1', 'openai'],
      ['https://my-resource.openai.azure.com/openai/v1', 'azure'],
      ['https://api.groq.com/openai/v1', 'groq'],
      ['https://api.together.xyz/v1', 'together'],
      ['http://localhost:11434/v1', 'ollama'],
      ['http://localhost:8000/v1', 'openai'],
    ])('should derive ls_provider from %s as %s', (baseURL, provider) => {
      expect(new ChatOpenAICompatible({ baseURL, model: 'm' }).provider).toBe(provider);
    });

    it('should let the provider option win', () => {
      expect(
        new ChatOpenAICompatible({ baseURL: 'http://localhost:8000/v1', model: 'm', provider: 'vllm' }).provider,
      ).toBe('vllm');
    });
  });

  describe('names', () => {
    it('should report its class name, ChatOpenAI under that alias, or the given name', () => {
      expect(model().getName()).toBe('ChatOpenAICompatible');
      expect(new ChatOpenAI({ model: 'gpt-4o-mini' }).getName()).toBe('ChatOpenAI');
      expect(new ChatOpenAI({ model: 'gpt-4o-mini' })).toBeInstanceOf(ChatOpenAICompatible);
      expect(model({ name: 'local-llm' }).getName()).toBe('local-llm');
    });
  });

  describe('a conversation', () => {
    it('should send earlier assistant replies back as assistant messages', async () => {
      server.script([{ sse: textStream(['Fine']) }]);
      await model().invoke([new HumanMessage('Hi'), new AIMessage('Hello!'), new HumanMessage('How are you?')]);
      expect(server.lastBody()['messages']).toEqual([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'How are you?' },
      ]);
    });
  });
});
