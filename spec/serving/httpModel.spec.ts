import {
  ChatOpenAICompatible,
  ChatPromptTemplate,
  parseEventStream,
  RemoteRunnable,
  RunnableSequence,
  sequentialIds,
  StringOutputParser,
  toFetchHandler,
  type FetchHandler,
  type StreamEvent,
} from 'rxchain';
import { startServer, type LocalServer } from '../support/httpServer';
import { OpenAITestServer, type ResponseRecord } from '../support/openaiServer';
import { threeTokens } from '../support/openaiStreams';

describe('a served chain on the OpenAI-compatible HTTP model', () => {
  let provider: OpenAITestServer;
  let server: LocalServer;
  let handler: FetchHandler;
  let url: string;

  beforeAll(async () => {
    provider = await OpenAITestServer.start();
    const chain = ChatPromptTemplate.fromTemplate('Count to {n}')
      .pipe(new ChatOpenAICompatible({ baseURL: provider.url, model: 'gpt-4o-mini', name: 'model' }))
      .pipe(new StringOutputParser());
    handler = toFetchHandler(chain, { basePath: '/count', config: { idGenerator: sequentialIds('s') } });
    server = await startServer(handler);
    url = `${server.origin}/count`;
  });

  afterAll(async () => {
    await server.close();
    await provider.close();
  });

  afterEach(() => {
    // Whatever a spec did, nothing is left running on either server.
    expect(handler.openRuns).toBe(0);
    expect(provider.activeResponses).toBe(0);
  });

  /** The provider's record of its latest response, once it is over. */
  const settled = async (): Promise<ResponseRecord> => {
    const record = provider.responses.at(-1) as ResponseRecord;
    await record.done;
    return record;
  };

  it("should stream the provider's tokens through the served chain to a RemoteRunnable, events nested", async () => {
    provider.script([{ sse: threeTokens }]);
    const remote = new RemoteRunnable<{ n: number }, string>({ url, name: 'remoteCount' });
    const local = RunnableSequence.from([(n: number) => ({ n }), remote]);
    const events: StreamEvent[] = [];
    for await (const event of local.streamEvents(3, { version: 'v2', idGenerator: sequentialIds('c') }))
      events.push(event);
    const tokens = events.filter((e) => e.event === 'on_chat_model_stream');
    // The model's run is a child of the served sequence (s1), itself nested under the local step (c3).
    expect(tokens.map((e) => [(e.data.chunk as { text: string }).text, e.parent_ids])).toEqual([
      ['One', ['c1', 'c3', 's1']],
      [' two', ['c1', 'c3', 's1']],
      [' three', ['c1', 'c3', 's1']],
      ['', ['c1', 'c3', 's1']],
    ]);
    expect(tokens[0]?.metadata).toMatchObject({ ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' });
    expect(events.at(-1)?.data.output).toBe('One two three');
    expect(provider.lastBody()).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'Count to 3' }],
    });
    expect(await settled()).toMatchObject({ finished: true, closedByClient: false });
  });

  it("should abort the model's request to the provider when the client of /stream_events disconnects", async () => {
    provider.script([{ sse: threeTokens, interval: 60_000 }]);
    const controller = new AbortController();
    const response = await fetch(`${url}/stream_events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: { n: 3 } }),
      signal: controller.signal,
    });
    const seen: string[] = [];
    for await (const event of parseEventStream(response.body!)) {
      seen.push(event.event);
      if (event.event === 'on_chat_model_stream') {
        controller.abort();
        break;
      }
    }
    const record = await settled();
    expect(seen.at(-1)).toBe('on_chat_model_stream');
    expect(record).toMatchObject({ closedByClient: true, sent: 1, planned: 5 });
    expect(record.connection?.destroyed).toBe(true);
  });

  it('should abort the provider request across both hops when a local chain embedding the RemoteRunnable breaks', async () => {
    provider.script([{ sse: threeTokens, interval: 60_000 }]);
    const local = RunnableSequence.from([(n: number) => ({ n }), new RemoteRunnable<{ n: number }, string>({ url })]);
    const seen: string[] = [];
    for await (const token of await local.stream(3)) {
      seen.push(token);
      break;
    }
    const record = await settled();
    expect(seen).toEqual(['One']);
    expect(record).toMatchObject({ closedByClient: true, sent: 1 });
    expect(record.connection?.destroyed).toBe(true);
  });
});
