import fc from 'fast-check';
import {
  ApiCallError,
  ChatOpenAICompatible,
  ChatPromptTemplate,
  ProviderResponseError,
  StringOutputParser,
  TimeoutError,
  failedRunOf,
  type Runnable,
  type RunnableConfig,
} from 'rxchain';
import { OpenAITestServer } from '../support/openaiServer';
import { chunk, errorBody, sse, textStream } from '../support/openaiStreams';
import { consume, errorPath, eventsOutcome, streamedBy } from '../support/faults';

/** Each case is a real HTTP exchange over loopback: fewer, still seeded, runs. */
const HTTP_RUNS = { seed: 424242, numRuns: 12 };

/** The text chunks of a reply; the model's last chunk (finish reason, usage) carries no text. */
const texts = (chunks: readonly unknown[]): unknown[] => chunks.filter((c) => c !== '');

const words = fc.array(fc.constantFrom('Hel', 'lo', ' wor', 'ld', '!', ' ok', ' 42'), { minLength: 1, maxLength: 8 });

describe('faults: an OpenAI-compatible server misbehaving', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  /** Every response over (finished, cut, or closed by the client): nothing left streaming. */
  async function nothingLeftOpen(): Promise<void> {
    await Promise.all(server.responses.map((response) => response.done));
    expect(server.activeResponses).toBe(0);
  }

  // Built-in retries off: these specs are about what withRetry and withFallbacks see.
  const model = (name = 'model'): ChatOpenAICompatible =>
    new ChatOpenAICompatible({ baseURL: server.url, apiKey: 'sk-test', model: 'gpt-4o-mini', name, maxRetries: 0 });

  function chainOf(llm: Runnable<never, unknown>, bound: RunnableConfig = {}) {
    return ChatPromptTemplate.fromTemplate('Say {thing}')
      .pipe(llm.withConfig(bound) as Runnable<never, never>)
      .pipe(new StringOutputParser())
      .withConfig({ runName: 'chain' });
  }

  describe('dropping the connection at a random point', () => {
    // Writes: the role delta (no chunk), one frame per token, finish, usage, [DONE].
    const cut = words.chain((tokens) =>
      fc.record({ tokens: fc.constant(tokens), after: fc.integer({ min: 1, max: tokens.length }) }),
    );

    it('should deliver the tokens received once, in order, then fail once with a retryable ApiCallError named by the model run', async () => {
      await fc.assert(
        fc.asyncProperty(cut, async ({ tokens, after }) => {
          server.script([{ sse: textStream(tokens), cutAfter: after }]);
          const { chunks: events, errors } = await eventsOutcome(chainOf(model()), { thing: 'hi' });
          expect(errors).toHaveLength(1);
          const error = errors[0] as ApiCallError;
          expect(error).toBeInstanceOf(ApiCallError);
          expect(error.isRetryable).toBe(true);
          expect(failedRunOf(error)?.name).toBe('model');
          expect(streamedBy(events, 'chain')).toEqual(tokens.slice(0, after - 1));
          expect(errorPath(events, error)).toEqual(
            after > 1 ? ['model', 'StrOutputParser', 'chain'] : ['model', 'chain'],
          );
          await nothingLeftOpen();
        }),
        HTTP_RUNS,
      );
    });

    it('should retry a drop before the first token transparently, and fail on one after it (withRetry)', async () => {
      await fc.assert(
        fc.asyncProperty(cut, async ({ tokens, after }) => {
          server.script([{ sse: textStream(tokens), cutAfter: after }, { sse: textStream(tokens) }]);
          const outcome = await consume(() =>
            chainOf(model().withRetry({ stopAfterAttempt: 2 })).stream({ thing: 'hi' }),
          );
          if (after === 1) {
            expect(outcome.errors).toEqual([]);
            expect(texts(outcome.chunks)).toEqual(tokens);
            expect(server.requests).toHaveLength(2);
          } else {
            expect(outcome.chunks).toEqual(tokens.slice(0, after - 1));
            expect(outcome.errors).toHaveLength(1);
            expect(outcome.errors[0]).toBeInstanceOf(ApiCallError);
            expect(server.requests).toHaveLength(1);
          }
          await nothingLeftOpen();
        }),
        HTTP_RUNS,
      );
    });

    it('should retry a drop at any point under invoke of the retried model', async () => {
      await fc.assert(
        fc.asyncProperty(cut, async ({ tokens, after }) => {
          server.script([{ sse: textStream(tokens), cutAfter: after }, { sse: textStream(tokens) }]);
          const reply = await model().withRetry({ stopAfterAttempt: 2 }).invoke('hi');
          expect(reply.text).toBe(tokens.join(''));
          expect(server.requests).toHaveLength(2);
          await nothingLeftOpen();
        }),
        HTTP_RUNS,
      );
    });
  });

  describe('sending garbage in the middle of the stream', () => {
    const garbage = words.chain((tokens) =>
      fc.record({
        tokens: fc.constant(tokens),
        at: fc.integer({ min: 0, max: tokens.length }),
        line: fc.constantFrom('data: {"id": oops', 'data: <html>502 Bad Gateway</html>', 'data: [1,2]'),
      }),
    );

    it('should deliver the tokens before the garbage once, then fail once with a ProviderResponseError naming the line', async () => {
      await fc.assert(
        fc.asyncProperty(garbage, async ({ tokens, at, line }) => {
          const body = `${sse([chunk({ role: 'assistant', content: '' }), ...tokens.slice(0, at).map((content) => chunk({ content }))])}${line}\n\n${sse([...tokens.slice(at).map((content) => chunk({ content })), '[DONE]'])}`;
          server.script([{ sse: body }]);
          const outcome = await consume(() => chainOf(model()).stream({ thing: 'hi' }));
          expect(outcome.chunks).toEqual(tokens.slice(0, at));
          expect(outcome.errors).toHaveLength(1);
          const error = outcome.errors[0] as ProviderResponseError;
          expect(error).toBeInstanceOf(ProviderResponseError);
          expect(error.line).toBe(line);
          expect(error.isRetryable).toBe(true);
          expect(failedRunOf(error)?.name).toBe('model');
          await nothingLeftOpen();
        }),
        HTTP_RUNS,
      );
    });
  });

  describe('stalling', () => {
    it('should fail a server that holds its first token back with the firstChunkTimeout, aborting the request', async () => {
      server.script([{ sse: textStream(['late']), interval: 60_000 }]);
      const { chunks: events, errors } = await eventsOutcome(chainOf(model(), { firstChunkTimeout: 100 }), {
        thing: 'hi',
      });
      expect(errors).toHaveLength(1);
      const error = errors[0] as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect([error.limit, error.runName]).toEqual(['firstChunkTimeout', 'model']);
      expect(errorPath(events, error)).toEqual(['model', 'chain']);
      await nothingLeftOpen();
      expect(server.responses[0]?.closedByClient).toBe(true);
    });

    it('should fail a server that stalls after some tokens with the idleTimeout, the tokens delivered once', async () => {
      const body = textStream(['One', ' two', ' three']);
      // The role delta and two tokens at once, the rest a minute later.
      const third = body.split('\n\n').slice(0, 3).join('\n\n').length + 2;
      server.script([{ sse: body, pieces: { at: [third] }, interval: 60_000 }]);
      const outcome = await consume(() => chainOf(model(), { idleTimeout: 100 }).stream({ thing: 'hi' }));
      expect(outcome.chunks).toEqual(['One', ' two']);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ name: 'TimeoutError', limit: 'idleTimeout', runName: 'model' });
      await nothingLeftOpen();
      expect(server.responses[0]?.closedByClient).toBe(true);
    });

    it('should retry a stalled first attempt and deliver the second one', async () => {
      server.script([{ sse: textStream(['late']), interval: 60_000 }, { sse: textStream(['on', ' time']) }]);
      const guarded = model().withConfig({ firstChunkTimeout: 100 }).withRetry({ stopAfterAttempt: 2 });
      const outcome = await consume(() => chainOf(guarded).stream({ thing: 'hi' }));
      expect(outcome.errors).toEqual([]);
      expect(texts(outcome.chunks)).toEqual(['on', ' time']);
      await nothingLeftOpen();
      expect(server.responses.map((r) => r.closedByClient)).toEqual([true, false]);
    });
  });

  describe('ApiCallError.isRetryable, honoured by withRetry', () => {
    it.each([
      [429, true],
      [500, true],
      [503, true],
      [400, false],
      [401, false],
      [404, false],
    ] as const)('HTTP %i: retried %s', async (status, retried) => {
      server.script([{ status, json: errorBody(`status ${status}`) }, { sse: textStream(['fine']) }]);
      const outcome = await consume(() => chainOf(model().withRetry({ stopAfterAttempt: 3 })).stream({ thing: 'hi' }));
      if (retried) {
        expect(outcome.errors).toEqual([]);
        expect(texts(outcome.chunks)).toEqual(['fine']);
        expect(server.requests).toHaveLength(2);
      } else {
        expect(outcome.errors).toHaveLength(1);
        expect(outcome.errors[0]).toMatchObject({ name: 'ApiCallError', status, isRetryable: false });
        expect(server.requests).toHaveLength(1);
      }
      await nothingLeftOpen();
    });

    it('should report each failed HTTP attempt as an error event of the model before the next attempt', async () => {
      server.script([{ status: 503, json: errorBody('overloaded', 'server_error') }, { sse: textStream(['ok']) }]);
      const { chunks: events, errors } = await eventsOutcome(model().withRetry(), 'hi');
      expect(errors).toEqual([]);
      const lifecycle = events
        .filter((e) => !e.event.endsWith('_stream'))
        .map((e) => `${e.event}:${e.name}:${e.tags.join(',')}`);
      expect(lifecycle).toEqual([
        'on_chain_start:RunnableRetry:',
        'on_chat_model_start:model:',
        'on_chat_model_error:model:',
        'on_chat_model_start:model:retry:attempt:2',
        'on_chat_model_end:model:retry:attempt:2',
        'on_chain_end:RunnableRetry:',
      ]);
      expect(events[2]?.data.error).toMatchObject({ name: 'ApiCallError', status: 503 });
    });

    it('should fall back to a second model when the first answers 500', async () => {
      server.script((request) =>
        (request.body as { model: string }).model === 'big'
          ? { status: 500, json: errorBody('boom', 'server_error') }
          : { sse: textStream(['small', ' answer']) },
      );
      const big = new ChatOpenAICompatible({
        baseURL: server.url,
        apiKey: 'k',
        model: 'big',
        name: 'big',
        maxRetries: 0,
      });
      const small = new ChatOpenAICompatible({ baseURL: server.url, apiKey: 'k', model: 'small', name: 'small' });
      const { chunks: events, errors } = await eventsOutcome(chainOf(big.withFallbacks([small])), { thing: 'hi' });
      expect(errors).toEqual([]);
      expect(texts(streamedBy(events, 'chain'))).toEqual(['small', ' answer']);
      expect(events.filter((e) => e.event === 'on_chat_model_error').map((e) => e.name)).toEqual(['big']);
      await nothingLeftOpen();
    });
  });
});
