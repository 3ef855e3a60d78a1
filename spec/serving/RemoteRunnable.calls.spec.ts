import { finalize, lastValueFrom, NEVER, Observable, take, toArray } from 'rxjs';
import { z } from 'zod';
import {
  AIMessageChunk,
  ApiCallError,
  EventStreamError,
  InvalidArgumentError,
  JsonOutputParser,
  RemoteCallError,
  RemoteRunError,
  RemoteRunnable,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
  type FetchFunction,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { serve, jokeChain, collect, closeServer, server } from './RemoteRunnable.helpers';

afterEach(closeServer);

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
      const picky = RunnableLambda.from(
        function picky(n: number) {
          if (n === 2) throw new RangeError('no twos');
          return n * 10;
        },
        { name: 'picky' },
      );
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
      await closeServer();
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
