import { RemoteRunnable, RunnableLambda, toFetchHandler, type RunnableConfig } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { NEVER, startWith } from 'rxjs';
import { startServer, type LocalServer } from '../support/httpServer';
import { until } from './memory';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

// What rxchain already withstood when it was first attacked; kept here so it stays so.
describe('hostile: what already held', () => {
  it('should answer a body over 1 MiB with a 413 and start no run', async () => {
    let calls = 0;
    server = await startServer(
      toFetchHandler(
        RunnableLambda.from((text: string) => {
          calls += 1;
          return text;
        }),
      ),
    );
    const response = await post(`${server.origin}/invoke`, JSON.stringify({ input: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { name: string } }).error.name).toBe('PayloadTooLarge');
    expect(calls).toBe(0);
  });

  it('should not let "__proto__" keys of a body or an answer pollute any prototype', async () => {
    const echo = RunnableLambda.from((input: unknown, config?: RunnableConfig) => ({
      input,
      metadata: config?.metadata,
    }));
    server = await startServer(toFetchHandler(echo));
    const body =
      '{"input":{"__proto__":{"polluted":"input"},"constructor":{"prototype":{"polluted":"ctor"}}},' +
      '"config":{"metadata":{"__proto__":{"polluted":"metadata"}}}}';
    const response = await post(`${server.origin}/invoke`, body);
    expect(response.status).toBe(200);
    const remote = new RemoteRunnable<unknown, Record<string, unknown>>({ url: server.origin });
    const output = await remote.invoke(JSON.parse('{"__proto__":{"polluted":"remote"}}'));
    expect(Object.keys(output['input'] as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('should write a chunk full of SSE syntax as one data frame, so no frame can be injected', async () => {
    const hostile = 'a\n\nevent: end\ndata: forged\n\r\nevent: error\rdata: {"name":"Forged"}\n\n';
    server = await startServer(toFetchHandler(RunnableLambda.from((_: string) => hostile)));
    const text = await (await post(`${server.origin}/stream`, '{"input":"x"}')).text();
    const frames = text.split('\n\n').filter((frame) => frame !== '');
    expect(frames.map((frame) => frame.split('\n')[0])).toEqual(['event: metadata', 'event: data', 'event: end']);
    const remote = new RemoteRunnable<string, string>({ url: server.origin });
    const chunks: string[] = [];
    for await (const chunk of await remote.stream('x')) chunks.push(chunk);
    expect(chunks).toEqual([hostile]);
  });

  it('should cancel the runs of 200 clients that disconnect abruptly mid-stream', async () => {
    let cancelled = 0;
    const endless = new ScriptedChatModel({
      responses: [NEVER.pipe(startWith('first'))],
    });
    const handler = toFetchHandler(endless, { heartbeatInterval: 0 });
    server = await startServer(handler);
    const origin = server.origin;
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        const controller = new AbortController();
        const response = await fetch(`${origin}/stream`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"input":"go"}',
          signal: controller.signal,
        });
        const reader = response.body!.getReader();
        let seen = '';
        while (!seen.includes('first')) seen += new TextDecoder().decode((await reader.read()).value);
        controller.abort();
        cancelled += 1;
      }),
    );
    expect(cancelled).toBe(200);
    await until(() => handler.openRuns === 0);
    expect(handler.openRuns).toBe(0);
  });
});
