import { ApiCallError, ChatOpenAICompatible, OpenAICompatibleEmbeddings, ResponseLimitError } from 'rxchain';
import { OpenAITestServer } from '../../support/openaiServer';
import { errorBody, textStream } from '../../support/openaiStreams';
import { VirtualClock } from '../../support/virtualClock';

describe('built-in retries of the HTTP models', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const chat = (clock: VirtualClock, options: { maxRetries?: number; random?: () => number } = {}) =>
    new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini', scheduler: clock, ...options });

  it('should wait the retry-after of a 429 in virtual time, then succeed with one retry', async () => {
    server.script([
      { status: 429, headers: { 'retry-after': '1' }, json: errorBody('Rate limit reached', 'requests') },
      { sse: textStream(['Hello', '!']) },
    ]);
    const clock = new VirtualClock();
    const reply = await chat(clock).invoke('Hi');
    expect(reply.content).toBe('Hello!');
    expect(server.requests).toHaveLength(2);
    expect(clock.waits.filter((ms) => ms > 0)).toEqual([1000]);
    expect(clock.now()).toBe(1000);
  });

  it('should show the retry in the event stream as one http_retry custom event', async () => {
    server.script([
      { status: 429, headers: { 'retry-after': '1' }, json: errorBody('Rate limited', 'requests') },
      { sse: textStream(['Hello', '!']) },
    ]);
    const clock = new VirtualClock();
    const retries: unknown[] = [];
    let streamedAfterRetry = 0;
    for await (const event of chat(clock).streamEvents('Hi', { version: 'v2' })) {
      if (event.event === 'on_custom_event' && event.name === 'http_retry') retries.push(event.data);
      if (event.event === 'on_chat_model_stream' && retries.length === 1) streamedAfterRetry++;
    }
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1000, status: 429, message: expect.stringContaining('HTTP 429: Rate limited') as unknown },
    ]);
    expect(streamedAfterRetry).toBeGreaterThanOrEqual(2);
    expect(clock.now()).toBe(1000);
  });

  it('should prefer retry-after-ms, and cap a retry-after of hours at a minute', async () => {
    server.script([
      { status: 503, headers: { 'retry-after-ms': '250', 'retry-after': '9' }, text: 'busy' },
      { status: 429, headers: { 'retry-after': '36000' }, text: 'slow down' },
      { sse: textStream(['ok']) },
    ]);
    const clock = new VirtualClock();
    expect((await chat(clock).invoke('Hi')).content).toBe('ok');
    expect(clock.waits.filter((ms) => ms > 0)).toEqual([250, 60_000]);
  });

  it('should fail after maxRetries + 1 attempts with the provider error naming them', async () => {
    server.script([{ status: 503, json: errorBody('overloaded', 'server_error') }]);
    const clock = new VirtualClock();
    const error = (await chat(clock, { maxRetries: 2 })
      .invoke('Hi')
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 503, attempts: 3, isRetryable: true });
    expect(error.message).toContain('failed (after 3 attempts): HTTP 503: overloaded');
    expect(server.requests).toHaveLength(3);
  });

  it('should back off exponentially with full jitter: random × min(8 s, 0.5 s × 2^n)', async () => {
    server.script([{ status: 500, text: 'boom' }]);
    const clock = new VirtualClock();
    await chat(clock, { maxRetries: 6, random: () => 0.5 })
      .invoke('Hi')
      .catch(() => undefined);
    expect(clock.waits.filter((ms) => ms > 0)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it('should not retry a 400, nor a 500 whose x-should-retry says false, but a 400 whose says true', async () => {
    const clock = new VirtualClock();
    server.script([{ status: 400, json: errorBody('bad tools') }]);
    await expect(chat(clock).invoke('Hi')).rejects.toMatchObject({ status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    server.script([{ status: 500, headers: { 'x-should-retry': 'false' }, text: 'no' }]);
    await expect(chat(clock).invoke('Hi')).rejects.toMatchObject({ status: 500, isRetryable: false });
    expect(server.requests).toHaveLength(1);
    server.script([{ status: 400, headers: { 'x-should-retry': 'true' }, text: 'again' }, { sse: textStream(['y']) }]);
    expect((await chat(clock).invoke('Hi')).content).toBe('y');
    expect(server.requests).toHaveLength(2);
  });

  it('should not retry once a chunk was delivered: a cut after the first token surfaces', async () => {
    server.script([{ sse: textStream(['One', ' two', ' three']), cutAfter: 2 }, { sse: textStream(['again']) }]);
    const texts: string[] = [];
    const error = await new Promise((resolve) => {
      chat(new VirtualClock())
        .stream$('Hi')
        .subscribe({ next: (c) => texts.push(c.text), error: resolve });
    });
    expect(error).toMatchObject({ name: 'ApiCallError', attempts: 1 });
    expect(texts).toEqual(['One']);
    expect(server.requests).toHaveLength(1);
  });

  it('should turn off with maxRetries: 0 and refuse a negative one', async () => {
    server.script([{ status: 503, text: 'down' }]);
    await expect(chat(new VirtualClock(), { maxRetries: 0 }).invoke('Hi')).rejects.toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(() => chat(new VirtualClock(), { maxRetries: -1 })).toThrow(/maxRetries must be a non-negative integer/);
  });

  it('should stop waiting when the run is aborted between attempts', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '5' }, text: 'later' }]);
    const controller = new AbortController();
    const model = new ChatOpenAICompatible({ baseURL: server.url, model: 'm' });
    const pending = model.invoke('Hi', { signal: controller.signal });
    await server.received(1);
    await server.responses[0]?.done;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('should retry embeddings the same way', async () => {
    server.script([
      { status: 429, headers: { 'retry-after': '2' }, text: 'later' },
      { json: { data: [{ index: 0, embedding: [1, 2] }] } },
    ]);
    const clock = new VirtualClock();
    const embeddings = new OpenAICompatibleEmbeddings({ baseURL: server.url, model: 'e', scheduler: clock });
    expect(await embeddings.embedQuery('cat')).toEqual([1, 2]);
    expect(clock.now()).toBe(2000);
  });

  describe('bounds on what the client reads', () => {
    it('should refuse an error body over 64 KiB with a ResponseLimitError', async () => {
      server.script([{ status: 400, text: 'x'.repeat(64 * 1024 + 1) }]);
      const error = await chat(new VirtualClock())
        .invoke('Hi')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect(error).toMatchObject({ part: 'the error body', limit: 65536, status: 400, isRetryable: false });
    });

    it('should keep an error body of exactly 64 KiB', async () => {
      server.script([{ status: 400, text: 'y'.repeat(64 * 1024) }]);
      const error = (await chat(new VirtualClock())
        .invoke('Hi')
        .catch((e: unknown) => e)) as ApiCallError;
      expect(error.responseBody).toHaveLength(64 * 1024);
    });

    it('should refuse an SSE line over 1 MiB with a ResponseLimitError', async () => {
      server.script([{ sse: `data: ${'z'.repeat(1024 * 1024)}`, pieces: { every: 65536 } }]);
      const error = await chat(new VirtualClock(), { maxRetries: 0 })
        .invoke('Hi')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect(error).toMatchObject({ part: 'an SSE line', limit: 1024 * 1024, unit: 'characters' });
    });
  });
});
