import { finalize, lastValueFrom, NEVER, Observable, take, toArray } from 'rxjs';
import { z } from 'zod';
import {
  AIMessageChunk,
  ApiCallError,
  ChatPromptTemplate,
  dispatchCustomEvent,
  EventStreamError,
  InvalidArgumentError,
  JsonOutputParser,
  RemoteCallError,
  RemoteRunError,
  RemoteRunnable,
  RunnableLambda,
  RunnableSequence,
  sequentialIds,
  StringOutputParser,
  toFetchHandler,
  type FetchFunction,
  type FetchHandler,
  type RunLog,
  type Runnable,
  type ServeOptions,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { startServer, type LocalServer } from '../support/httpServer';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve<I, O>(
  runnable: Runnable<I, O>,
  options: ServeOptions<I> = {},
): Promise<{ url: string; handler: FetchHandler }> {
  const handler = toFetchHandler(runnable, { basePath: '/chain', ...options });
  server = await startServer(handler);
  return { url: `${server.origin}/chain`, handler };
}

const jokeChain = (responses: string[] = ['Knock knock.']) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
    .pipe(new ScriptedChatModel({ responses, name: 'model' }))
    .pipe(new StringOutputParser());

type Summary = [event: string, name: string, runId: string, parentIds: readonly string[]];
const summary = (events: readonly StreamEvent[]): Summary[] =>
  events.map((e) => [e.event, e.name, e.run_id, e.parent_ids]);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('RemoteRunnable', () => {
  describe('without an event listener', () => {
    it('should invoke through POST /invoke and revive messages', async () => {
      const { url } = await serve(new ScriptedChatModel({ responses: ['Hi there'] }));
      const remote = new RemoteRunnable<string, AIMessageChunk>({ url });
      const output = await remote.invoke('hello');
      expect(output).toBeInstanceOf(AIMessageChunk);
      expect(output.content).toBe('Hi there');
      expect(server?.requests).toEqual(['POST /chain/invoke']);
    });

    it('should stream through POST /stream, chunk by chunk', async () => {
      const { url } = await serve(jokeChain(['Knock knock, who']));
      const remote = new RemoteRunnable<{ topic: string }, string>({ url });
      expect(await collect(await remote.stream({ topic: 'doors' }))).toEqual(['Knock', ' knock,', ' who']);
      expect(await lastValueFrom(remote.stream$({ topic: 'doors' }).pipe(toArray()))).toEqual([
        'Knock',
        ' knock,',
        ' who',
      ]);
      expect(server?.requests).toEqual(['POST /chain/stream', 'POST /chain/stream']);
    });

    it('should batch with one /invoke per input, keeping failures apart with returnExceptions', async () => {
      const picky = RunnableLambda.from(function picky(n: number) {
        if (n === 2) throw new RangeError('no twos');
        return n * 10;
      });
      const { url } = await serve(picky);
      const remote = new RemoteRunnable<number, number>({ url });
      const results = await remote.batch([1, 2, 3], { maxConcurrency: 2 }, { returnExceptions: true });
      expect(results.slice(0, 1).concat(results.slice(2))).toEqual([10, 30]);
      expect(results[1]).toBeInstanceOf(RemoteRunError);
      expect(results[1]).toMatchObject({ name: 'RangeError', message: 'no twos', runName: 'picky' });
      expect(server?.requests).toHaveLength(3);
    });

    it('should run as one step of a local chain', async () => {
      const { url } = await serve(jokeChain(['knock knock']));
      const local = RunnableSequence.from([
        (topic: string) => ({ topic }),
        new RemoteRunnable<{ topic: string }, string>({ url }),
        (text: string) => text.toUpperCase(),
      ]);
      expect(await local.invoke('doors')).toBe('KNOCK KNOCK');
    });

    it('should send the headers it was given, and use the fetch it was given', async () => {
      const { url } = await serve(RunnableLambda.from((x: string) => x));
      const seen: string[] = [];
      const remote = new RemoteRunnable<string, string>({
        url: `${url}/`,
        headers: async () => ({ authorization: 'Bearer t0ken' }),
        fetch: (input, init) => {
          seen.push(`${input} ${new Headers(init.headers).get('authorization') ?? ''}`);
          return fetch(input, init);
        },
      });
      expect(await remote.invoke('x')).toBe('x');
      expect(seen).toEqual([`${url}/invoke Bearer t0ken`]);
    });

    it('should aggregate cumulative chunks as their last one when told', async () => {
      const json = new ScriptedChatModel({ responses: ['{"name": "France", "capital": "Paris"}'], split: 'char' }).pipe(
        new JsonOutputParser(),
      );
      const { url } = await serve(json);
      const remote = new RemoteRunnable<string, Record<string, unknown>>({ url, cumulative: true });
      const events = await lastValueFrom(remote.events$('x').pipe(toArray()));
      expect(events.at(-1)?.data.output).toEqual({ name: 'France', capital: 'Paris' });
      expect(await remote.invoke('x')).toEqual({ name: 'France', capital: 'Paris' });
    });
  });

  describe('errors', () => {
    it('should fail with a RemoteRunError naming the remote run when the remote run fails mid-stream', async () => {
      const model = new ScriptedChatModel({
        responses: ['a b c'],
        name: 'model',
        failAt: { token: 2, error: new TypeError('broke') },
      });
      const { url } = await serve(model.pipe(new StringOutputParser()));
      const remote = new RemoteRunnable<string, string>({ url });
      const error = await lastValueFrom(remote.stream$('x')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteRunError);
      expect(error).toMatchObject({ name: 'TypeError', message: 'broke', runName: 'model' });
      const invokeError = await remote.invoke('x').catch((e: unknown) => e);
      expect(invokeError).toMatchObject({ name: 'TypeError', message: 'broke', runName: 'model' });
    });

    it("should fail with a RemoteCallError carrying zod's issues for a refused input", async () => {
      const { url } = await serve(jokeChain(), { inputSchema: z.object({ topic: z.string() }) });
      const remote = new RemoteRunnable<unknown, string>({ url });
      const error = (await remote.invoke({ topic: 1 }).catch((e: unknown) => e)) as RemoteCallError;
      expect(error).toBeInstanceOf(RemoteCallError);
      expect(error.status).toBe(422);
      expect(error.isRetryable).toBe(false);
      expect(error.issues).toEqual([expect.objectContaining({ path: ['input', 'topic'] })]);
      expect(error.message).toContain('input_schema');
      const streamError = await lastValueFrom(remote.stream$({ topic: 1 })).catch((e: unknown) => e);
      expect(streamError).toMatchObject({ name: 'RemoteCallError', status: 422 });
    });

    it('should fail with a RemoteCallError for a wrong url, and for a server that is not there', async () => {
      const { url } = await serve(jokeChain());
      const wrong = await new RemoteRunnable({ url: `${url}/invoke` }).invoke({}).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ name: 'RemoteCallError', status: 404, isRetryable: false });
      expect(wrong).toBeInstanceOf(ApiCallError);
      await server?.close();
      server = undefined;
      const gone = (await new RemoteRunnable({ url }).invoke({}).catch((e: unknown) => e)) as RemoteCallError;
      expect(gone).toBeInstanceOf(RemoteCallError);
      expect(gone.status).toBeUndefined();
      expect(gone.isRetryable).toBe(true);
      expect(gone.message).toContain('could not be reached');
    });

    it('should mark a 503 with Retry-After as retryable', async () => {
      const busy: FetchFunction = async () =>
        new Response('{"error":{"name":"Unavailable","message":"overloaded"}}', {
          status: 503,
          headers: { 'retry-after': '2' },
        });
      const error = await new RemoteRunnable({ url: 'http://127.0.0.1:1/x', fetch: busy })
        .invoke('x')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RemoteCallError', status: 503, isRetryable: true, retryAfter: 2 });
      expect((error as Error).message).toBe('POST http://127.0.0.1:1/x/invoke failed: HTTP 503: overloaded.');
    });

    it('should fail with an EventStreamError for an event it does not know, or a stream cut short', async () => {
      const sse =
        (text: string): FetchFunction =>
        async () =>
          new Response(text, { headers: { 'content-type': 'text/event-stream' } });
      const unknown = new RemoteRunnable({
        url: 'http://127.0.0.1:1/x',
        fetch: sse(
          'event: data\ndata: {"event":"on_thing_start","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{}}\n\nevent: end\n\n',
        ),
      });
      const events = await lastValueFrom(unknown.events$('x').pipe(toArray())).catch((e: unknown) => e);
      expect(events).toBeInstanceOf(EventStreamError);
      expect((events as Error).message).toContain('unknown event "on_thing_start"');
      const cut = new RemoteRunnable({
        url: 'http://127.0.0.1:1/x',
        fetch: sse('event: metadata\ndata: {}\n\nevent: data\ndata: "a"\n\n'),
      });
      const chunks: unknown[] = [];
      const error = await new Promise<unknown>((resolve) =>
        cut.stream$('x').subscribe({ next: (c) => chunks.push(c), error: resolve }),
      );
      expect(chunks).toEqual(['a']);
      expect(error).toBeInstanceOf(EventStreamError);
    });

    it('should refuse a url that is not absolute http(s) when it is built', () => {
      expect(() => new RemoteRunnable({ url: '/relative' })).toThrow(InvalidArgumentError);
    });
  });

  describe('with an event listener', () => {
    const before = RunnableLambda.from(function before(topic: string) {
      return { topic };
    });
    const after = RunnableLambda.from(function after(text: string) {
      return text.length;
    });

    it('should nest the remote events under its local run, with exact parent_ids and kept remote ids', async () => {
      const { url } = await serve(jokeChain(['Knock knock']), { config: { idGenerator: sequentialIds('s') } });
      const remote = new RemoteRunnable<{ topic: string }, string>({ url, name: 'remoteJoke' });
      const local = RunnableSequence.from([before, remote, after]);
      const events = await lastValueFrom(local.events$('doors', { idGenerator: sequentialIds('c') }).pipe(toArray()));
      const L = ['c1', 'c3'];
      expect(summary(events)).toEqual([
        ['on_chain_start', 'RunnableSequence', 'c1', []],
        ['on_chain_start', 'before', 'c2', ['c1']],
        ['on_chain_stream', 'before', 'c2', ['c1']],
        ['on_chain_end', 'before', 'c2', ['c1']],
        ['on_chain_start', 'remoteJoke', 'c3', ['c1']],
        ['on_chain_start', 'RunnableSequence', 's1', L],
        ['on_prompt_start', 'ChatPromptTemplate', 's2', [...L, 's1']],
        ['on_prompt_end', 'ChatPromptTemplate', 's2', [...L, 's1']],
        ['on_chat_model_start', 'model', 's3', [...L, 's1']],
        ['on_parser_start', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chat_model_stream', 'model', 's3', [...L, 's1']],
        ['on_parser_stream', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_stream', 'RunnableSequence', 's1', L],
        ['on_chain_stream', 'remoteJoke', 'c3', ['c1']],
        ['on_chat_model_stream', 'model', 's3', [...L, 's1']],
        ['on_parser_stream', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_stream', 'RunnableSequence', 's1', L],
        ['on_chain_stream', 'remoteJoke', 'c3', ['c1']],
        ['on_chat_model_end', 'model', 's3', [...L, 's1']],
        ['on_parser_end', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_end', 'RunnableSequence', 's1', L],
        ['on_chain_end', 'remoteJoke', 'c3', ['c1']],
        ['on_chain_start', 'after', 'c4', ['c1']],
        ['on_chain_stream', 'after', 'c4', ['c1']],
        ['on_chain_stream', 'RunnableSequence', 'c1', []],
        ['on_chain_end', 'after', 'c4', ['c1']],
        ['on_chain_end', 'RunnableSequence', 'c1', []],
      ]);
      expect(events.at(-1)?.data).toEqual({ input: 'doors', output: 11 });
      expect(server?.requests).toEqual(['POST /chain/stream_events']);
    });

    it("should revive remote data: messages in chat model events, the remote end output, the step's own chunks", async () => {
      const { url } = await serve(jokeChain(['Knock knock']));
      const events = await lastValueFrom(new RemoteRunnable({ url }).events$({ topic: 'x' }).pipe(toArray()));
      const token = events.find((e) => e.event === 'on_chat_model_stream')?.data.chunk;
      expect(token).toBeInstanceOf(AIMessageChunk);
      expect(
        events.filter((e) => e.name === 'RemoteRunnable' && e.event === 'on_chain_stream').map((e) => e.data.chunk),
      ).toEqual(['Knock', ' knock']);
      expect(events.at(-1)).toMatchObject({
        event: 'on_chain_end',
        name: 'RemoteRunnable',
        data: { input: { topic: 'x' }, output: 'Knock knock' },
      });
    });

    it('should give remote runs the local tags and metadata, and send them to the server', async () => {
      const { url } = await serve(jokeChain(), { config: { metadata: { server: true } } });
      const remote = new RemoteRunnable({ url }).withConfig({ tags: ['remote'], metadata: { local: 1 } });
      const events = await lastValueFrom(
        RunnableSequence.from([before, remote])
          .events$('x', { tags: ['outer'] })
          .pipe(toArray()),
      );
      const model = events.find((e) => e.event === 'on_chat_model_start');
      expect(model?.tags).toEqual(['seq:step:2', 'remote', 'outer']);
      expect(model?.metadata).toEqual(expect.objectContaining({ local: 1, server: true }));
      const filtered = await lastValueFrom(
        RunnableSequence.from([before, remote])
          .events$('x', {}, { includeTags: ['remote'], includeTypes: ['parser'] })
          .pipe(toArray()),
      );
      expect(new Set(filtered.map((e) => e.event.replace(/_(start|stream|end)$/, '')))).toEqual(
        new Set(['on_chain', 'on_prompt', 'on_chat_model', 'on_parser']),
      );
      expect(filtered.some((e) => e.name === 'before')).toBe(false);
    });

    it("should give remote runs the local tags even when the server drops the client's", async () => {
      const { url } = await serve(jokeChain(), { configKeys: [] });
      const remote = new RemoteRunnable({ url }).withConfig({ tags: ['remote'], metadata: { local: 1 } });
      const events = await lastValueFrom(remote.events$({ topic: 'x' }).pipe(toArray()));
      const model = events.find((e) => e.event === 'on_chat_model_start');
      expect(model?.tags).toEqual(['seq:step:2', 'remote']);
      expect(model?.metadata).toEqual(expect.objectContaining({ local: 1 }));
    });

    it('should forward remote custom events, named after the remote run that sent them', async () => {
      const progress = RunnableLambda.from(function work(x: string, config) {
        dispatchCustomEvent('progress', { done: 1 }, config);
        return x;
      });
      const { url } = await serve(progress, { config: { idGenerator: sequentialIds('s') } });
      const local = new RemoteRunnable<string, string>({ url });
      const custom = await lastValueFrom(
        local.events$('x', { idGenerator: sequentialIds('c') }, { includeNames: ['work'] }).pipe(toArray()),
      );
      expect(summary(custom)).toEqual([
        ['on_chain_start', 'work', 's1', ['c1']],
        ['on_custom_event', 'progress', 's1', ['c1']],
        ['on_chain_stream', 'work', 's1', ['c1']],
        ['on_chain_end', 'work', 's1', ['c1']],
      ]);
    });

    it('should log the remote runs in a local streamLog', async () => {
      const { url } = await serve(jokeChain(['Knock knock']));
      let last: RunLog | undefined;
      for await (const log of new RemoteRunnable({ url }).streamLog({ topic: 'x' }, { diff: false })) last = log;
      expect(Object.keys(last?.state.logs ?? {})).toEqual([
        'RunnableSequence',
        'ChatPromptTemplate',
        'model',
        'StrOutputParser',
      ]);
      expect(last?.state.logs['model']?.streamed_output_str).toEqual(['Knock', ' knock']);
      expect(last?.state.final_output).toBe('Knock knock');
    });

    it('should map remote events to v1 locally', async () => {
      const { url } = await serve(new ScriptedChatModel({ responses: ['hi'] }));
      const events = await collect(new RemoteRunnable({ url }).streamEvents('x', { version: 'v1' }));
      expect(events.map((e) => e.event)).toEqual([
        'on_chain_start',
        'on_llm_start',
        'on_llm_stream',
        'on_chain_stream',
        'on_llm_end',
        'on_chain_end',
      ]);
      expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
    });

    it('should report a remote failure as the remote error events, then the local ones', async () => {
      const model = new ScriptedChatModel({
        responses: ['a b'],
        name: 'model',
        failAt: { token: 1, error: new Error('down') },
      });
      const { url } = await serve(model, { config: { idGenerator: sequentialIds('s') } });
      const events: StreamEvent[] = [];
      const local = RunnableSequence.from([(x: string) => x, new RemoteRunnable({ url })]);
      const error = await new Promise<unknown>((resolve) => {
        local.events$('x', { idGenerator: sequentialIds('c') }).subscribe({
          next: (event) => events.push(event),
          error: resolve,
          complete: () => resolve(undefined),
        });
      });
      expect(error).toMatchObject({ name: 'Error', message: 'down', runName: 'model' });
      expect(summary(events.filter((e) => e.event.endsWith('_error')))).toEqual([
        ['on_chat_model_error', 'model', 's1', ['c1', 'c3']],
        ['on_chain_error', 'RemoteRunnable', 'c3', ['c1']],
        ['on_chain_error', 'RunnableSequence', 'c1', []],
      ]);
    });
  });

  describe('cancellation across the wire', () => {
    function hangingServerModel() {
      let stopped!: () => void;
      const torndown = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      const model = new ScriptedChatModel({
        name: 'model',
        responses: [
          new Observable<string>((subscriber) => {
            subscriber.next('first');
            return NEVER.subscribe(subscriber);
          }).pipe(finalize(() => stopped())),
        ],
      });
      return { model, torndown };
    }

    it('should cancel the server run when a local stream is broken off', async () => {
      const { model, torndown } = hangingServerModel();
      const { url, handler } = await serve(model);
      const local = RunnableSequence.from([(x: string) => x, new RemoteRunnable<string, AIMessageChunk>({ url })]);
      for await (const chunk of await local.stream('hi')) {
        expect(chunk.content).toBe('first');
        expect(handler.openRuns).toBe(1);
        break;
      }
      await torndown;
      expect(handler.openRuns).toBe(0);
      expect(server?.requests).toEqual(['POST /chain/stream']);
    });

    it('should cancel the server run when local events are unsubscribed', async () => {
      const { model, torndown } = hangingServerModel();
      const { url, handler } = await serve(model);
      const local = RunnableSequence.from([(x: string) => x, new RemoteRunnable({ url })]);
      const events = await lastValueFrom(local.events$('hi').pipe(take(7), toArray()));
      expect(events.at(-1)?.event).toBe('on_chat_model_stream');
      await torndown;
      expect(handler.openRuns).toBe(0);
      expect(server?.requests).toEqual(['POST /chain/stream_events']);
    });

    it('should cancel the server run when the local signal aborts an invoke', async () => {
      const { model, torndown } = hangingServerModel();
      const { url, handler } = await serve(model);
      const controller = new AbortController();
      const pending = new RemoteRunnable({ url }).invoke('hi', { signal: controller.signal }).catch((e: unknown) => e);
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (handler.openRuns === 1) resolve();
          else setImmediate(check);
        };
        check();
      });
      controller.abort();
      expect(await pending).toMatchObject({ name: 'AbortError' });
      await torndown;
      expect(handler.openRuns).toBe(0);
    });
  });
});
