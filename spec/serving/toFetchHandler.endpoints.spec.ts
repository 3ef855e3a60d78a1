import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import {
  parseEventStream,
  RemoteRunError,
  RunnableLambda,
  sequentialIds,
  StringOutputParser,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { framesOf, post } from '../support/httpServer';
import { jokeChain, topicSchema, serve, comparable, closeServer } from './toFetchHandler.helpers';

afterEach(closeServer);

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
      const picky = RunnableLambda.from(
        function picky(n: number) {
          if (n === 2) throw new RangeError('two is not allowed');
          return n;
        },
        { name: 'picky' },
      );
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
      const leaky = RunnableLambda.from(
        function leaky(): string {
          const error = new Error('upstream refused') as Error & { config?: unknown };
          error.config = { apiKey: 'sk-secret-key' };
          throw error;
        },
        { name: 'leaky' },
      );
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
});
