import { finalize, lastValueFrom, NEVER, Observable, Subject, toArray } from 'rxjs';
import { VirtualTimeScheduler } from 'rxjs';
import { z } from 'zod';
import {
  ChatPromptTemplate,
  InvalidArgumentError,
  parseEventStream,
  RemoteRunError,
  RunnableLambda,
  sequentialIds,
  StringOutputParser,
  toFetchHandler,
  type AIMessageChunk,
  type FetchHandler,
  type RunnableConfig,
  type ServeOptions,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { framesOf, post, startServer, type LocalServer } from '../support/httpServer';

const jokeChain = (responses: string[] = ['Knock knock.']) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
    .pipe(new ScriptedChatModel({ responses, name: 'model' }))
    .pipe(new StringOutputParser());

const topicSchema = z.object({ topic: z.string() });

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve<I, O>(
  runnable: Parameters<typeof toFetchHandler<I, O>>[0],
  options: ServeOptions<I> = {},
): Promise<{ url: string; handler: FetchHandler }> {
  const handler = toFetchHandler(runnable, { basePath: '/chain', ...options });
  server = await startServer(handler);
  return { url: `${server.origin}/chain`, handler };
}

describe('toFetchHandler', () => {
  describe('POST /invoke', () => {
    it("should answer { output, metadata: { run_id } } in LangServe's shape", async () => {
      const { url } = await serve(jokeChain(), { config: { idGenerator: sequentialIds('s') } });
      const response = await post(`${url}/invoke`, { input: { topic: 'doors' }, config: {}, kwargs: {} });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({ output: 'Knock knock.', metadata: { run_id: 's1' } });
    });

    it('should write messages as their JSON form', async () => {
      const { url } = await serve(new ScriptedChatModel({ responses: ['Hi there'] }));
      const body = (await (await post(`${url}/invoke`, { input: 'hello' })).json()) as {
        output: Record<string, unknown>;
      };
      expect(body.output).toMatchObject({ type: 'AIMessageChunk', content: 'Hi there' });
    });

    it('should pass the input zod parsed (defaults applied) to the runnable', async () => {
      const seen: unknown[] = [];
      const echo = RunnableLambda.from((input: { topic: string; n: number }) => {
        seen.push(input);
        return input.n;
      });
      const { url } = await serve(echo, { inputSchema: z.object({ topic: z.string(), n: z.number().default(3) }) });
      const body = await (await post(`${url}/invoke`, { input: { topic: 'x' } })).json();
      expect(body).toMatchObject({ output: 3 });
      expect(seen).toEqual([{ topic: 'x', n: 3 }]);
    });
  });

  describe('POST /batch', () => {
    it('should answer the outputs in input order, with a run id each', async () => {
      const slowFirst = RunnableLambda.from(async (n: number) => {
        if (n === 1) await new Promise((resolve) => setImmediate(resolve));
        return n * 10;
      });
      const { url } = await serve(slowFirst, { config: { idGenerator: sequentialIds('s') } });
      const response = await post(`${url}/batch`, { inputs: [1, 2, 3] });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ output: [10, 20, 30], metadata: { run_ids: ['s1', 's2', 's3'] } });
    });

    it('should take one config per input', async () => {
      const named = RunnableLambda.from((x: string, config: RunnableConfig) => `${x}:${config.tags?.join(',') ?? ''}`);
      const { url } = await serve(named);
      const response = await post(`${url}/batch`, {
        inputs: ['a', 'b'],
        config: [{ tags: ['one'] }, { tags: ['two'] }],
      });
      expect(((await response.json()) as { output: string[] }).output).toEqual(['a:one', 'b:two']);
    });

    it("should refuse a config list whose length differs from the inputs' with a 422", async () => {
      const { url } = await serve(RunnableLambda.from((x: number) => x));
      const response = await post(`${url}/batch`, { inputs: [1, 2], config: [{}] });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { issues: { path: unknown[]; message: string }[] };
      expect(body.issues).toEqual([
        expect.objectContaining({ path: ['config'], message: expect.stringContaining('Got 1 configs for 2 inputs') }),
      ]);
    });

    it('should answer a 500 naming the failed run when one input fails', async () => {
      const picky = RunnableLambda.from(function picky(n: number) {
        if (n === 2) throw new RangeError('two is not allowed');
        return n;
      });
      const { url } = await serve(picky);
      const response = await post(`${url}/batch`, { inputs: [1, 2, 3] });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: { name: 'RangeError', message: 'two is not allowed', run_name: 'picky' },
      });
    });
  });

  describe('POST /stream', () => {
    it('should send a metadata frame, one data frame per output chunk, then end', async () => {
      const { url } = await serve(jokeChain(['Knock knock, who']), { config: { idGenerator: sequentialIds('s') } });
      const response = await post(`${url}/stream`, { input: { topic: 'doors' } });
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(framesOf(await response.text())).toEqual([
        'event: metadata\ndata: {"run_id":"s1"}',
        'event: data\ndata: "Knock"',
        'event: data\ndata: " knock,"',
        'event: data\ndata: " who"',
        'event: end',
      ]);
    });

    it('should end a failing run with an error frame naming the failed run, after the chunks it made', async () => {
      const model = new ScriptedChatModel({
        responses: ['one two three'],
        name: 'model',
        failAt: { token: 3, error: new TypeError('model broke') },
      });
      const errors: unknown[] = [];
      const { url } = await serve(model.pipe(new StringOutputParser()), { onError: (error) => errors.push(error) });
      const response = await post(`${url}/stream`, { input: 'hi' });
      expect(response.status).toBe(200);
      const frames = framesOf(await response.text());
      expect(frames.slice(1)).toEqual([
        'event: data\ndata: "one"',
        'event: data\ndata: " two"',
        'event: error\ndata: {"name":"TypeError","message":"model broke","run_name":"model"}',
      ]);
      expect(errors).toEqual([new TypeError('model broke')]);
    });

    it('should send nothing of the error but its name, message and run name', async () => {
      const leaky = RunnableLambda.from(function leaky(): string {
        const error = new Error('upstream refused') as Error & { config?: unknown };
        error.config = { apiKey: 'sk-secret-key' };
        throw error;
      });
      const { url } = await serve(leaky);
      const text = await (await post(`${url}/stream`, { input: 'x' })).text();
      expect(framesOf(text).at(-1)).toBe(
        'event: error\ndata: {"name":"Error","message":"upstream refused","run_name":"leaky"}',
      );
      expect(text).not.toContain('sk-secret-key');
      expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    });
  });

  describe('POST /stream_events', () => {
    it('should stream the same v2 events as the runnable run in-process', async () => {
      const { url } = await serve(jokeChain(), { config: { idGenerator: sequentialIds('r') } });
      const response = await post(`${url}/stream_events`, { input: { topic: 'doors' } });
      const remote: StreamEvent[] = [];
      for await (const event of parseEventStream(response.body!)) remote.push(event);
      const local = await lastValueFrom(
        jokeChain()
          .events$({ topic: 'doors' }, { idGenerator: sequentialIds('r') })
          .pipe(toArray()),
      );
      expect(remote.map(comparable)).toEqual(local.map(comparable));
      expect(remote.length).toBeGreaterThan(8);
    });

    it("should apply LangServe's include/exclude filters from the body", async () => {
      const { url } = await serve(jokeChain());
      const response = await post(`${url}/stream_events`, {
        input: { topic: 'doors' },
        include_types: ['chat_model'],
        exclude_names: [],
      });
      const events: string[] = [];
      for await (const event of parseEventStream(response.body!)) events.push(event.event);
      expect(events).toEqual([
        'on_chat_model_start',
        'on_chat_model_stream',
        'on_chat_model_stream',
        'on_chat_model_end',
      ]);
    });

    it('should send the error events and then an error frame when the run fails', async () => {
      const model = new ScriptedChatModel({
        responses: ['a b'],
        name: 'model',
        failAt: { token: 2, error: new Error('cut') },
      });
      const { url } = await serve(model);
      const response = await post(`${url}/stream_events`, { input: 'hi' });
      const events: string[] = [];
      let failure: unknown;
      try {
        for await (const event of parseEventStream(response.body!)) events.push(event.event);
      } catch (error) {
        failure = error;
      }
      expect(events).toEqual(['on_chat_model_start', 'on_chat_model_stream', 'on_chat_model_error']);
      expect(failure).toBeInstanceOf(RemoteRunError);
      expect(failure).toMatchObject({ name: 'Error', message: 'cut', runName: 'model' });
    });
  });

  describe('client config', () => {
    const configEcho = RunnableLambda.from(function echo(_: string, config: RunnableConfig) {
      return { tags: config.tags, metadata: config.metadata, configurable: config.configurable ?? {} };
    });

    it("should take tags, metadata and runName from the client, joining tags and keeping the server's metadata", async () => {
      const { url } = await serve(configEcho, { config: { tags: ['server'], metadata: { tenant: 'acme' } } });
      const response = await post(`${url}/stream_events`, {
        input: 'x',
        config: { tags: ['client'], metadata: { tenant: 'evil', trace: 7 }, runName: 'renamed' },
      });
      const events: StreamEvent[] = [];
      for await (const event of parseEventStream(response.body!)) events.push(event);
      expect(events[0]).toMatchObject({
        name: 'renamed',
        tags: ['server', 'client'],
        metadata: { tenant: 'acme', trace: 7 },
      });
    });

    it('should drop every other key, configurable included unless allowed', async () => {
      const { url } = await serve(configEcho, { config: { configurable: { user: 'alice' } } });
      const body = {
        input: 'x',
        config: {
          configurable: { user: 'mallory', model: 'big' },
          runId: 'forged',
          recursionLimit: 1,
          timeout: 1,
          signal: {},
          callbacks: [],
        },
      };
      const output = (await (await post(`${url}/invoke`, body)).json()) as {
        output: { configurable: unknown };
        metadata: { run_id: string };
      };
      expect(output.output.configurable).toEqual({ user: 'alice' });
      expect(output.metadata.run_id).not.toBe('forged');
    });

    it("should take configurable when the server allows it, the server's values winning", async () => {
      const { url } = await serve(configEcho, {
        configKeys: ['configurable'],
        config: { configurable: { user: 'alice' } },
      });
      const body = { input: 'x', config: { configurable: { user: 'mallory', model: 'big' }, tags: ['dropped'] } };
      const { output } = (await (await post(`${url}/invoke`, body)).json()) as {
        output: { configurable: unknown; tags: unknown };
      };
      expect(output).toMatchObject({ configurable: { user: 'alice', model: 'big' }, tags: [] });
    });

    it('should call a config function with the request', async () => {
      const { url } = await serve(configEcho, {
        config: (request) => ({ metadata: { user: request.headers.get('x-user') } }),
      });
      const { output } = (await (
        await post(`${url}/invoke`, { input: 'x' }, { headers: { 'x-user': 'bob' } })
      ).json()) as {
        output: { metadata: unknown };
      };
      expect(output.metadata).toEqual({ user: 'bob' });
    });
  });

  describe('GET /input_schema and /output_schema', () => {
    it('should answer the JSON Schema of the zod schemas (the input side for inputs: extra keys are stripped, not refused)', async () => {
      const { url } = await serve(jokeChain(), { inputSchema: topicSchema, outputSchema: z.string() });
      expect(await (await fetch(`${url}/input_schema`)).json()).toEqual({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { topic: { type: 'string' } },
        required: ['topic'],
      });
      expect(await (await fetch(`${url}/output_schema`)).json()).toEqual({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'string',
      });
    });

    it('should answer {} (anything) without schemas and a runnable that does not start with a prompt', async () => {
      const { url } = await serve(RunnableLambda.from((x: string) => x));
      expect(await (await fetch(`${url}/input_schema`)).json()).toEqual({});
      expect(await (await fetch(`${url}/output_schema`)).json()).toEqual({});
    });
  });

  describe('request errors', () => {
    it('should answer 404 for an unknown route and for paths outside the base path', async () => {
      const { url } = await serve(jokeChain());
      for (const path of [`${url}/nope`, `${server!.origin}/invoke`, `${url}`, `${url}/invoke/extra`]) {
        const response = await post(path, { input: {} });
        expect([path, response.status]).toEqual([path, 404]);
        expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
          'POST /chain/invoke',
        );
      }
    });

    it('should answer 405 with Allow for a wrong method', async () => {
      const { url } = await serve(jokeChain());
      const get = await fetch(`${url}/invoke`);
      expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
      const postSchema = await post(`${url}/input_schema`, {});
      expect([postSchema.status, postSchema.headers.get('allow')]).toEqual([405, 'GET']);
    });

    it('should answer 422 with FastAPI detail for malformed JSON and for an empty body, as LangServe does', async () => {
      const { url } = await serve(jokeChain());
      const malformed = await post(`${url}/invoke`, '{"input": ');
      expect(malformed.status).toBe(422);
      expect(await malformed.json()).toEqual({
        detail: [expect.objectContaining({ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' })],
        error: { name: 'InvalidRequest', message: expect.stringContaining('not valid JSON') },
      });
      const empty = await post(`${url}/stream`, '');
      expect(empty.status).toBe(422);
      expect(await empty.json()).toEqual(
        expect.objectContaining({ detail: [expect.objectContaining({ loc: ['body'] })] }),
      );
    });

    it("should answer 422 with zod's issues for an input the schema refuses", async () => {
      const { url } = await serve(jokeChain(), { inputSchema: topicSchema });
      const response = await post(`${url}/stream_events`, { input: { topic: 42 } });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { name: string; message: string }; issues: unknown[] };
      expect(body.error.name).toBe('InvalidRequest');
      expect(body.error.message).toContain('input.topic');
      expect(body.issues).toEqual([
        expect.objectContaining({ code: 'invalid_type', expected: 'string', path: ['input', 'topic'] }),
      ]);
    });

    it('should answer 422 for a missing input, a non-object body, a bad config and an unserved version', async () => {
      const { url } = await serve(jokeChain());
      const cases: [string, unknown, unknown[]][] = [
        ['invoke', { config: {} }, ['input']],
        ['invoke', [1, 2], []],
        ['stream', { input: 1, config: { tags: 'not-a-list' } }, ['config', 'tags']],
        ['stream_events', { input: 1, version: 'v3' }, ['version']],
        ['stream_events', { input: 1, include_names: [3] }, ['include_names', 0]],
        ['batch', { inputs: 'x' }, ['inputs']],
      ];
      for (const [route, body, path] of cases) {
        const response = await post(`${url}/${route}`, body);
        const { issues } = (await response.json()) as { issues: { path: unknown[] }[] };
        expect([route, response.status, issues[0]?.path]).toEqual([route, 422, path]);
      }
    });

    it('should answer 413 for a body over maxBodyBytes', async () => {
      const { url } = await serve(jokeChain(), { maxBodyBytes: 64 });
      const response = await post(`${url}/invoke`, { input: { topic: 'x'.repeat(100) } });
      expect(response.status).toBe(413);
    });

    it('should answer 500 naming the failed run for a failing /invoke', async () => {
      const boom = RunnableLambda.from(function boom(): string {
        throw new SyntaxError('bad');
      });
      const { url } = await serve(boom);
      const response = await post(`${url}/invoke`, { input: 1 });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: { name: 'SyntaxError', message: 'bad', run_name: 'boom' } });
    });

    it("should answer 500 without details when the server's config function throws", async () => {
      const errors: unknown[] = [];
      const { url } = await serve(jokeChain(), {
        config: () => {
          throw new Error('database password is hunter2');
        },
        onError: (error) => errors.push(error),
      });
      const response = await post(`${url}/invoke`, { input: { topic: 'x' } });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('hunter2');
      expect(errors).toHaveLength(1);
    });

    it('should refuse bad options when it is built', () => {
      const chain = jokeChain();
      expect(() => toFetchHandler(chain, { heartbeatInterval: -1 })).toThrow(InvalidArgumentError);
      expect(() => toFetchHandler(chain, { maxBodyBytes: 0 })).toThrow(InvalidArgumentError);
      expect(() => toFetchHandler(chain, { basePath: 'chain' })).toThrow(/must start with "\/"/);
    });
  });

  describe('cancellation', () => {
    /** A model that sends one token, then waits forever; it reports when it is torn down. */
    function hangingModel() {
      let stopped!: () => void;
      const torndown = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      let started!: () => void;
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      const model = new ScriptedChatModel({
        name: 'model',
        responses: [
          new Observable<string>((subscriber) => {
            started();
            subscriber.next('first');
            return NEVER.subscribe(subscriber);
          }).pipe(finalize(() => stopped())),
        ],
      });
      return { model, torndown, running };
    }

    it.each(['stream', 'stream_events'])(
      'should unsubscribe the run when the client of /%s disconnects',
      async (route) => {
        const { model, torndown } = hangingModel();
        const { url, handler } = await serve(model);
        const controller = new AbortController();
        const response = await post(`${url}/${route}`, { input: 'hi' }, { signal: controller.signal });
        const reader = response.body!.getReader();
        const first = await reader.read();
        expect(new TextDecoder().decode(first.value)).toMatch(/^event: (metadata|data)/);
        expect(handler.openRuns).toBe(1);
        controller.abort();
        await reader.read().catch(() => undefined);
        await torndown;
        expect(handler.openRuns).toBe(0);
      },
    );

    it('should unsubscribe the run when the client of /invoke disconnects', async () => {
      const { model, torndown, running } = hangingModel();
      const { url, handler } = await serve(model);
      const controller = new AbortController();
      const pending = post(`${url}/invoke`, { input: 'hi' }, { signal: controller.signal }).catch(
        (error: unknown) => error,
      );
      await running;
      expect(handler.openRuns).toBe(1);
      controller.abort();
      await torndown;
      expect(await pending).toMatchObject({ name: 'AbortError' });
      expect(handler.openRuns).toBe(0);
    });

    it('should end with no open run after runs that completed and failed', async () => {
      const { url, handler } = await serve(jokeChain());
      await Promise.all([
        post(`${url}/invoke`, { input: { topic: 'a' } }).then((r) => r.text()),
        post(`${url}/stream`, { input: { topic: 'b' } }).then((r) => r.text()),
        post(`${url}/stream_events`, { input: {} }).then((r) => r.text()),
        post(`${url}/batch`, { inputs: [{ topic: 'c' }, {}] }).then((r) => r.text()),
      ]);
      expect(handler.openRuns).toBe(0);
    });
  });

  describe('heartbeat', () => {
    it('should send a ": ping" comment every heartbeatInterval while the run is idle, and stop with the stream', async () => {
      const scheduler = new VirtualTimeScheduler(undefined, 35);
      const release = new Subject<string>();
      let subscribed!: () => void;
      const waiting = new Promise<void>((resolve) => {
        subscribed = resolve;
      });
      const slow = RunnableLambda.fromOperator(
        () =>
          new Observable<string>((subscriber) => {
            subscribed();
            return release.subscribe(subscriber);
          }),
      );
      const { url } = await serve(slow, { heartbeatInterval: 10, scheduler });
      const response = await post(`${url}/stream`, { input: 'x' });
      await waiting;
      scheduler.flush(); // virtual time 0 → 35: pings at 10, 20 and 30
      release.next('done');
      release.complete();
      const frames = framesOf(await response.text());
      expect(frames.slice(1)).toEqual([': ping', ': ping', ': ping', 'event: data\ndata: "done"', 'event: end']);
      expect(scheduler.actions).toHaveLength(0);
    });

    it('should send no ping with heartbeatInterval 0', async () => {
      const scheduler = new VirtualTimeScheduler(undefined, 100);
      const { url } = await serve(jokeChain(), { heartbeatInterval: 0, scheduler });
      const text = await (await post(`${url}/stream`, { input: { topic: 'x' } })).text();
      expect(text).not.toContain(': ping');
      expect(scheduler.actions).toHaveLength(0);
    });
  });
});

/** An event without what differs between two runs of the same chain: nothing, with the same id generator. */
function comparable(event: StreamEvent): unknown {
  const chunk = event.data.chunk as AIMessageChunk | string | undefined;
  return { ...event, data: { ...event.data, chunk: typeof chunk === 'object' ? chunk.content : chunk } };
}
