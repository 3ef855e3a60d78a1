import { ApiCallError, ChatAnthropic, ProviderResponseError, type AIMessageChunk } from 'rxchain';
import { createAnthropicServer, type FakeProviderServer } from 'rxchain/testing';
import { VirtualClock } from '../../support/virtualClock';

describe('ChatAnthropic against the fake Anthropic server', () => {
  let server: FakeProviderServer;

  beforeAll(async () => {
    server = await createAnthropicServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (clock: VirtualClock, maxRetries?: number) =>
    new ChatAnthropic({
      baseURL: server.url,
      apiKey: 'sk-ant-test',
      model: 'claude-sonnet-4-5',
      scheduler: clock,
      ...(maxRetries !== undefined ? { maxRetries } : {}),
    });

  it('should show one on_chat_model_stream event per text delta and per tool-argument fragment', async () => {
    server.script([{ text: ['One', ' two', ' three'], toolCalls: [{ name: 'count', args: ['{"n":', ' 3}'] }] }]);
    const streamed: AIMessageChunk[] = [];
    let output: AIMessageChunk | undefined;
    for await (const event of model(new VirtualClock()).streamEvents('Count', { version: 'v2' })) {
      if (event.event === 'on_chat_model_stream') streamed.push(event.data.chunk as AIMessageChunk);
      if (event.event === 'on_chat_model_end') output = event.data.output as AIMessageChunk;
    }
    expect(streamed.map((chunk) => chunk.content)).toEqual(['One', ' two', ' three', '', '', '', '']);
    expect(streamed.map((chunk) => chunk.tool_call_chunks[0]?.args)).toEqual([
      undefined,
      undefined,
      undefined,
      '',
      '{"n":',
      ' 3}',
      undefined,
    ]);
    expect(output?.tool_calls[0]?.args).toEqual({ n: 3 });
    expect(output?.usage_metadata).toEqual({ input_tokens: 10, output_tokens: 5, total_tokens: 15 });
  });

  it('should wait the retry-after of a 429 in virtual time, then succeed, with one retry', async () => {
    server.script([
      { status: 429, headers: { 'retry-after': '1' }, message: 'Number of requests has exceeded your rate limit' },
      { text: ['Hello', '!'] },
    ]);
    const clock = new VirtualClock();
    const reply = await model(clock).invoke('Hi');
    expect(reply.content).toBe('Hello!');
    expect(server.requests).toHaveLength(2);
    expect(clock.waits.filter((ms) => ms > 0)).toEqual([1000]);
    expect(clock.now()).toBe(1000);
  });

  it('should show the retry in the event stream as one http_retry custom event', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '1' }, message: 'Rate limited' }, { text: 'ok' }]);
    const clock = new VirtualClock();
    const retries: unknown[] = [];
    let streamedAfterRetry = 0;
    for await (const event of model(clock).streamEvents('Hi', { version: 'v2' })) {
      if (event.event === 'on_custom_event' && event.name === 'http_retry') retries.push(event.data);
      if (event.event === 'on_chat_model_stream' && retries.length === 1) streamedAfterRetry++;
    }
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1000, status: 429, message: expect.stringContaining('HTTP 429: Rate limited') as unknown },
    ]);
    expect(streamedAfterRetry).toBe(2);
    expect(clock.now()).toBe(1000);
  });

  it('should fail after 3 × 503 with maxRetries 2, the provider error naming the attempts', async () => {
    server.script([{ status: 503, message: 'Service unavailable' }]);
    const error = (await model(new VirtualClock(), 2)
      .invoke('Hi')
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 503, attempts: 3, isRetryable: true });
    expect(error.message).toContain('(after 3 attempts): HTTP 503: Service unavailable');
    expect(server.requests).toHaveLength(3);
  });

  it('should retry a 529 overloaded answer', async () => {
    server.script([{ status: 529 }, { text: 'ok' }]);
    expect((await model(new VirtualClock()).invoke('Hi')).content).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('should deliver every chunk before a mid-stream error event, then fail with it, without retrying', async () => {
    server.script([{ text: ['Partial', ' answer'], error: { type: 'overloaded_error', message: 'Overloaded' } }]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of await model(new VirtualClock()).stream('Hi')) seen.push(chunk.content);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['Partial', ' answer']);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ isRetryable: true, attempts: 1 });
    expect((error as Error).message).toContain('overloaded_error in its stream: Overloaded');
    expect(server.requests).toHaveLength(1);
  });

  it('should retry an error event that comes before any chunk', async () => {
    server.script([{ error: { type: 'overloaded_error', message: 'Overloaded' } }, { text: 'ok' }]);
    expect((await model(new VirtualClock()).invoke('Hi')).content).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('should fail a stream cut before message_stop with the chunks before the cut delivered', async () => {
    server.script([{ text: ['a', 'b', 'c'], cutAfter: 2 }]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of await model(new VirtualClock()).stream('Hi')) seen.push(chunk.content);
    })().catch((e: unknown) => e);
    // The opening frames with 'a' in one write, then 'b', went out before the cut.
    expect(seen).toEqual(['a', 'b']);
    expect(error instanceof ApiCallError || error instanceof ProviderResponseError).toBe(true);
  });

  it('should not retry a 400, and say what the API said', async () => {
    server.script([{ status: 400, message: 'max_tokens: must be positive' }]);
    const error = (await model(new VirtualClock())
      .invoke('Hi')
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toMatchObject({ status: 400, isRetryable: false, attempts: 1 });
    expect(error.message).toContain('HTTP 400: max_tokens: must be positive');
  });
});
