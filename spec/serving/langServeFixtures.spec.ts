import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemoteCallError, RemoteRunError, RemoteRunnable, type StreamEvent } from 'rxchain';
import { startServer, type LocalServer } from '../support/httpServer';

/** Answers recorded from LangServe (see each fixture's header), replayed by a real server. */
const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/langserve', name), 'utf8');

function json(name: string): { status: number; body: unknown } {
  return JSON.parse(fixture(name)) as { status: number; body: unknown };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers every route with a recorded LangServe response. */
async function replay(routes: Record<string, () => Response>): Promise<string> {
  server = await startServer(async (request) => {
    const route = new URL(request.url).pathname.replace(/^\/chain\//, '');
    await request.text();
    const answer = routes[route];
    return answer !== undefined ? answer() : new Response('{"detail":"Not Found"}', { status: 404 });
  });
  return `${server.origin}/chain`;
}

const sse = (name: string) => () =>
  new Response(fixture(name), { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
const recorded = (name: string) => () => {
  const { status, body } = json(name);
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("RemoteRunnable against LangServe's recorded answers", () => {
  it('should stream the data frames of /stream and skip its metadata frame', async () => {
    const url = await replay({ stream: sse('stream.sse') });
    expect(await collect(await new RemoteRunnable<number, number>({ url }).stream(1))).toEqual([2]);
  });

  it('should take v1 events without parent_ids, streaming only the root run and nesting the others under it', async () => {
    const url = await replay({ stream_events: sse('stream_events_v1_sequence.sse') });
    const remote = new RemoteRunnable<number, number>({ url, name: 'remote' });
    const events: StreamEvent[] = await collect(remote.streamEvents(1, { version: 'v2' }));
    const streamed = events.filter((e) => e.event === 'on_chain_stream' && e.name === 'remote');
    expect(streamed.map((e) => e.data.chunk)).toEqual([4]);
    const root = events[0] as StreamEvent;
    expect([root.event, root.name]).toEqual(['on_chain_start', 'remote']);
    const inner = events.filter((e) => e.name === 'add_one' || e.name === 'mul_two');
    expect(inner).toHaveLength(6);
    expect(inner.every((e) => e.parent_ids[0] === root.run_id)).toBe(true);
    const end = events[events.length - 1] as StreamEvent;
    expect([end.event, end.name, end.data.output]).toEqual(['on_chain_end', 'remote', 4]);
  });

  it('should take v2 events with parent_ids', async () => {
    const url = await replay({ stream_events: sse('stream_events_v2.sse') });
    const events = await collect(new RemoteRunnable<number, number>({ url }).streamEvents(1, { version: 'v2' }));
    expect(events.map((e) => [e.event, e.name])).toEqual([
      ['on_chain_start', 'RemoteRunnable'],
      ['on_chain_start', 'add_one_or_passthrough'],
      ['on_chain_stream', 'add_one_or_passthrough'],
      ['on_chain_stream', 'RemoteRunnable'],
      ['on_chain_end', 'add_one_or_passthrough'],
      ['on_chain_end', 'RemoteRunnable'],
    ]);
  });

  it("should fail with a RemoteRunError on LangServe's error frame", async () => {
    const url = await replay({ stream: sse('stream_error.sse') });
    const remote = new RemoteRunnable({ url });
    const failure = (async () => collect(await remote.stream(1)))();
    await expect(failure).rejects.toBeInstanceOf(RemoteRunError);
    await expect(failure).rejects.toThrow('Internal Server Error');
  });

  it("should surface FastAPI's detail list of a 422 in RemoteCallError", async () => {
    const url = await replay({ invoke: recorded('invoke_422.json') });
    const error = (await new RemoteRunnable({ url }).invoke(1).catch((e: unknown) => e)) as RemoteCallError;
    expect(error).toBeInstanceOf(RemoteCallError);
    expect([error.status, error.message]).toEqual([422, expect.stringContaining('body.input: Field required')]);
    expect(error.issues).toEqual([{ type: 'missing', loc: ['body', 'input'], msg: 'Field required', input: {} }]);
  });

  it("should surface a detail string (LangServe's HTTPException) in RemoteCallError", async () => {
    const url = await replay({ invoke: recorded('feedback_400.json') });
    const error = (await new RemoteRunnable({ url }).invoke(1).catch((e: unknown) => e)) as RemoteCallError;
    expect([error.status, error.message]).toEqual([
      400,
      expect.stringContaining('feedback endpoint is only accessible'),
    ]);
  });
});
