import { ApiCallError, ChatOpenAICompatible, ProviderResponseError, RxchainError, type AIMessageChunk } from 'rxchain';
import { OpenAITestServer } from '../../support/openaiServer';
import { chunk, errorBody, sse, textStream } from '../../support/openaiStreams';

/** Streams a reply with stream$; returns the texts delivered and the error it ended with. */
function run(chat: ChatOpenAICompatible, input = 'Hi'): Promise<{ texts: string[]; error: unknown }> {
  const texts: string[] = [];
  return new Promise((resolve) => {
    chat.stream$(input).subscribe({
      next: (piece: AIMessageChunk) => texts.push(piece.text),
      error: (error: unknown) => resolve({ texts, error }),
      complete: () => resolve({ texts, error: undefined }),
    });
  });
}

describe('ChatOpenAICompatible failures', () => {
  let server: OpenAITestServer;
  const key = 'sk-secret-0123456789';

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (options: Partial<ConstructorParameters<typeof ChatOpenAICompatible>[0]> = {}): ChatOpenAICompatible =>
    new ChatOpenAICompatible({ baseURL: server.url, apiKey: key, model: 'gpt-4o-mini', maxRetries: 0, ...options });

  describe('an HTTP error status', () => {
    it('should raise an ApiCallError with status, URL and body, never the key (401)', async () => {
      server.script([
        {
          status: 401,
          json: errorBody(`Incorrect API key provided: ${key}.`, 'invalid_request_error', 'invalid_api_key'),
        },
      ]);
      const { texts, error } = await run(model());
      expect(texts).toEqual([]);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toBeInstanceOf(RxchainError);
      const apiError = error as ApiCallError;
      expect(apiError.name).toBe('ApiCallError');
      expect(apiError.status).toBe(401);
      expect(apiError.isRetryable).toBe(false);
      expect(apiError.url).toBe(`${server.url}/chat/completions`);
      expect(apiError.responseBody).toContain('Incorrect API key provided: ***.');
      expect(apiError.message).toMatch(/HTTP 401: Incorrect API key provided: \*\*\*\. Check apiKey/);
      expect(JSON.stringify({ ...apiError, message: apiError.message })).not.toContain(key);
    });

    it('should mark 429 retryable and keep Retry-After', async () => {
      server.script([
        { status: 429, headers: { 'retry-after': '20' }, json: errorBody('Rate limit reached', 'requests') },
      ]);
      const { error } = await run(model());
      expect(error).toMatchObject({ name: 'ApiCallError', status: 429, isRetryable: true, retryAfter: 20 });
      expect((error as Error).message).toContain('rate-limiting');
    });

    it('should mark 500 and 503 retryable, 400 and 404 not', async () => {
      for (const [status, retryable] of [
        [500, true],
        [503, true],
        [400, false],
        [404, false],
      ] as const) {
        server.script([{ status, text: `failure ${status}` }]);
        const { error } = await run(model());
        expect(error).toMatchObject({ status, isRetryable: retryable, responseBody: `failure ${status}` });
        expect((error as Error).message).toContain(`HTTP ${status}: failure ${status}`);
      }
    });

    it('should reject `await stream()` itself when the request fails before any chunk', async () => {
      server.script([{ status: 500, json: errorBody('boom', 'server_error') }]);
      await expect(model().stream('Hi')).rejects.toBeInstanceOf(ApiCallError);
    });

    it('should mask key-like query values of the base URL in errors', async () => {
      server.script([{ status: 403, text: 'forbidden' }]);
      const { error } = await run(model({ apiKey: undefined, baseURL: `${server.url}?api-key=${key}&api-version=1` }));
      expect((error as ApiCallError).url).toBe(`${server.url}/chat/completions?api-key=***&api-version=1`);
      expect((error as Error).message).not.toContain(key);
    });
  });

  describe('a network failure before the response', () => {
    it('should raise a retryable ApiCallError without a status', async () => {
      const gone = await OpenAITestServer.start();
      const url = gone.url;
      await gone.close();
      const { error } = await run(new ChatOpenAICompatible({ baseURL: url, model: 'm' }));
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({ status: undefined, isRetryable: true });
      expect((error as Error).message).toMatch(
        /failed before a response arrived .*Check that the server at baseURL is running/,
      );
    });
  });

  describe('an error inside the stream', () => {
    it('should deliver the chunks before it, then raise an ApiCallError', async () => {
      const body = sse([
        chunk({ content: 'Partial' }),
        chunk({ content: ' answer' }),
        errorBody('The server had an error while processing your request.', 'server_error'),
      ]);
      server.script([{ sse: body }]);
      const { texts, error } = await run(model());
      expect(texts).toEqual(['Partial', ' answer']);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({ status: 200, isRetryable: true });
      expect((error as Error).message).toContain('The server had an error while processing your request.');
    });

    it('should read an `event: error` frame as such an error, not retryable when the code says so', async () => {
      const body = `${sse([chunk({ content: 'A' })])}event: error\ndata: {"error":{"message":"context too long","code":400}}\n\n`;
      server.script([{ sse: body }]);
      const { texts, error } = await run(model());
      expect(texts).toEqual(['A']);
      expect(error).toMatchObject({ name: 'ApiCallError', isRetryable: false });
      expect((error as Error).message).toContain('context too long');
    });
  });

  describe('a malformed stream', () => {
    it('should raise a ProviderResponseError naming the line that is not JSON', async () => {
      server.script([{ sse: `${sse([chunk({ content: 'Fine' })])}data: {"id": oops\n\n${sse(['[DONE]'])}` }]);
      const { texts, error } = await run(model());
      expect(texts).toEqual(['Fine']);
      expect(error).toBeInstanceOf(ProviderResponseError);
      expect((error as ProviderResponseError).line).toBe('data: {"id": oops');
      expect((error as Error).message).toContain('a data line is not JSON: "data: {\\"id\\": oops"');
    });

    it('should reject a data line that is JSON but not an object', async () => {
      server.script([{ sse: sse(['[1,2]', '[DONE]']) }]);
      const { error } = await run(model());
      expect(error).toMatchObject({ name: 'ProviderResponseError', line: 'data: [1,2]' });
    });

    it('should raise an error when the body ends before [DONE] and before any finish_reason', async () => {
      server.script([{ sse: textStream(['Half', ' a'], { finish: false, usage: false, done: false }) }]);
      const { texts, error } = await run(model());
      expect(texts).toEqual(['Half', ' a']);
      expect(error).toBeInstanceOf(ProviderResponseError);
      expect((error as Error).message).toContain('the stream ended before its "data: [DONE]" line');
    });

    it('should reject a completion body that is not JSON, or has no choices', async () => {
      server.script([{ text: '<html>Bad gateway</html>', headers: { 'content-type': 'application/json' } }]);
      expect((await run(model({ streaming: false }))).error).toMatchObject({
        name: 'ProviderResponseError',
        line: '<html>Bad gateway</html>',
      });
      server.script([{ json: { id: 'x', choices: [] } }]);
      expect(((await run(model({ streaming: false }))).error as Error).message).toContain('no choices[0].message');
      server.script([{ json: errorBody('overloaded', 'server_error') }]);
      expect((await run(model({ streaming: false }))).error).toMatchObject({
        name: 'ApiCallError',
        status: 200,
        isRetryable: true,
      });
    });
  });

  describe('a connection cut in the middle of the stream', () => {
    it('should deliver the chunks received, then raise a retryable ApiCallError', async () => {
      server.script([{ sse: textStream(['One', ' two', ' three', ' four']), cutAfter: 3 }]);
      const { texts, error } = await run(model());
      // Writes: the role delta, "One", " two"; then the connection drops.
      expect(texts).toEqual(['One', ' two']);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({ status: 200, isRetryable: true });
      expect((error as Error).message).toContain('the connection was lost in the middle of the stream');
      expect(server.responses[0]?.cutByServer).toBe(true);
    });

    it('should drop a frame the cut left unfinished', async () => {
      const body = textStream(['One', ' two']);
      // The role delta arrives whole, the "One" frame only in part: it never becomes a chunk.
      const second = body.indexOf('\n\n') + 2 + 30;
      server.script([{ sse: body, pieces: { at: [body.indexOf('\n\n') + 2, second] }, cutAfter: 2 }]);
      const { texts, error } = await run(model());
      expect(texts).toEqual([]);
      expect(error).toMatchObject({ name: 'ApiCallError', isRetryable: true });
    });
  });
});
