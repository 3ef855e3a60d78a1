import {
  InvalidArgumentError,
  parseEventStream,
  RunnableLambda,
  toFetchHandler,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { post } from '../support/httpServer';
import { jokeChain, topicSchema, serve, closeServer, server } from './toFetchHandler.helpers';

afterEach(closeServer);

describe('toFetchHandler', () => {
  describe('client config', () => {
    const configEcho = RunnableLambda.from(
      function echo(_: string, config: RunnableConfig) {
        return { tags: config.tags, metadata: config.metadata, configurable: config.configurable ?? {} };
      },
      { name: 'echo' },
    );

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
      const boom = RunnableLambda.from(
        function boom(): string {
          throw new SyntaxError('bad');
        },
        { name: 'boom' },
      );
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
});
