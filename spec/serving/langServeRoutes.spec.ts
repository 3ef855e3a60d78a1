import {
  ChatPromptTemplate,
  HumanMessage,
  RunnableLambda,
  StringOutputParser,
  toFetchHandler,
  type Runnable,
  type ServeOptions,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { z } from 'zod';
import { framesOf, post, startServer, type LocalServer } from '../support/httpServer';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve<I, O>(runnable: Runnable<I, O>, options: ServeOptions<I> = {}): Promise<string> {
  server = await startServer(toFetchHandler(runnable, { basePath: '/chain', heartbeatInterval: 0, ...options }));
  return `${server.origin}/chain`;
}

const ragChain = () =>
  ChatPromptTemplate.fromTemplate('Answer {question} from {context}')
    .pipe(new ScriptedChatModel({ responses: ['It is blue.'], name: 'model' }))
    .pipe(new StringOutputParser());

const dataOf = (text: string): unknown[] =>
  framesOf(text)
    .filter((frame) => frame.startsWith('event: data'))
    .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as unknown);

describe('LangServe routes', () => {
  it('should name the prompt variables in /input_schema and answer /config_schema', async () => {
    const url = await serve(ragChain());
    const schema = (await (await fetch(`${url}/input_schema`)).json()) as { properties: object; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['context', 'question']);
    expect(schema.required.sort()).toEqual(['context', 'question']);
    const config = await fetch(`${url}/config_schema`);
    expect([config.status, await config.json()]).toEqual([
      200,
      { title: 'RunnableSequenceConfig', type: 'object', properties: {} },
    ]);
  });

  it('should describe configurable with the configSchema given', async () => {
    const url = await serve(ragChain(), { configSchema: z.object({ user: z.string() }) });
    const config = (await (await fetch(`${url}/config_schema`)).json()) as { properties: { configurable: object } };
    expect(config.properties.configurable).toEqual(
      expect.objectContaining({ type: 'object', properties: { user: { type: 'string' } } }),
    );
  });

  it('should answer /feedback (POST and HEAD) as LangServe does when feedback is off', async () => {
    const url = await serve(ragChain());
    const posted = await post(`${url}/feedback`, { run_id: 'x', key: 'score', score: 1 });
    expect([posted.status, await posted.json()]).toEqual([400, { detail: expect.stringContaining('not enabled') }]);
    expect((await fetch(`${url}/feedback`, { method: 'HEAD' })).status).toBe(400);
  });

  it('should serve a playground page that streams the served runnable', async () => {
    const url = await serve(ragChain());
    for (const path of ['/playground', '/playground/', '/playground/index.html']) {
      const page = await fetch(`${url}${path}`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      const html = await page.text();
      expect(html).toContain('const base = "/chain";');
      expect(html).toContain("base + '/stream'");
    }
  });

  it('should stream_log patches, filtered by include_names', async () => {
    const url = await serve(ragChain());
    const all = dataOf(
      await (await post(`${url}/stream_log`, { input: { question: 'sky?', context: 'blue' } })).text(),
    );
    const paths = (all as { ops: { path: string }[] }[]).flatMap((patch) => patch.ops.map((op) => op.path));
    expect(paths).toEqual(expect.arrayContaining(['', '/logs/model', '/logs/StrOutputParser', '/final_output']));
    const only = dataOf(
      await (
        await post(`${url}/stream_log`, {
          input: { question: 'q', context: 'c' },
          include_names: ['model'],
          diff: false,
        })
      ).text(),
    );
    const logged = (only as { ops: { path: string }[] }[]).flatMap((p) => p.ops.map((op) => op.path));
    const runs = logged.filter((path) => path.startsWith('/logs/')).map((path) => path.split('/')[2]);
    expect(new Set(runs)).toEqual(new Set(['model']));
  });

  it('should serve stream_events v1 (in the body or in kwargs) as the in-process v1 events', async () => {
    const url = await serve(ragChain());
    const input = { question: 'q', context: 'c' };
    const local = await ragChain().streamEvents(input, { version: 'v1' });
    const expected: [string, string][] = [];
    for await (const event of local) expected.push([event.event, event.name]);
    for (const body of [
      { input, version: 'v1' },
      { input, kwargs: { version: 'v1' } },
    ]) {
      const events = dataOf(await (await post(`${url}/stream_events`, body)).text()) as StreamEvent[];
      expect(events.map((e) => [e.event, e.name])).toEqual(expected);
      expect(events.some((e) => e.event === 'on_llm_stream')).toBe(true);
    }
  });

  it('should batch with kwargs in every shape LangChain clients send, and a config per input', async () => {
    const url = await serve(RunnableLambda.from((x: number) => x * 2));
    const bodies = [
      { inputs: [1, 2], kwargs: [{}, {}], config: [{ tags: ['a'] }, { tags: ['b'] }] },
      { inputs: [1, 2], kwargs: {}, config: {} },
      { inputs: [1, 2], kwargs: null, config: [] },
      { inputs: [1, 2] },
    ];
    for (const body of bodies) {
      const response = await post(`${url}/batch`, body);
      expect([response.status, ((await response.json()) as { output: unknown }).output]).toEqual([200, [2, 4]]);
    }
  });

  it('should revive message inputs and pass unknown shapes through as plain JSON', async () => {
    const seen: unknown[] = [];
    const url = await serve(
      RunnableLambda.from((input: { history: unknown[] }) => {
        seen.push(...input.history);
        return input.history.length;
      }),
    );
    const history = [{ type: 'human', content: 'hi', additional_kwargs: {}, example: false }, { type: 'human' }];
    const response = await post(`${url}/invoke`, { input: { history } });
    expect(response.status).toBe(200);
    expect(seen[0]).toBeInstanceOf(HumanMessage);
    expect(seen[1]).toEqual({ type: 'human' });
  });

  it('should answer a wrong shape with 422 detail, and keep paths and stack frames out of every error body', async () => {
    const url = await serve(
      RunnableLambda.from(
        function fails(): string {
          throw new Error(`cannot open ${__filename}`);
        },
        { name: 'fails' },
      ),
      { maxBodyBytes: 64 },
    );
    const wrong = await post(`${url}/invoke`, { inputs: 1 });
    const body = (await wrong.json()) as { detail: unknown[] };
    expect([wrong.status, body.detail]).toEqual([
      422,
      [expect.objectContaining({ type: 'missing', loc: ['body', 'input'] })],
    ]);
    const answers = [
      await post(`${url}/invoke`, { input: 1 }),
      await post(`${url}/invoke`, '{"input": '),
      await post(`${url}/invoke`, { input: 'x'.repeat(100) }),
      await fetch(`${url}/nowhere`),
      await fetch(`${url}/invoke`),
    ];
    expect(answers.map((a) => a.status)).toEqual([500, 422, 413, 404, 405]);
    for (const answer of answers) {
      const text = await answer.text();
      expect(text).not.toContain(__dirname);
      expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
    }
  });
});
