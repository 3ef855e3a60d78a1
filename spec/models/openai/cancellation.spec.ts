import { take } from 'rxjs';
import { AbortError, ChatOpenAICompatible, StringOutputParser, TimeoutError, type AIMessageChunk } from 'rxchain';
import { OpenAITestServer, type ResponseRecord } from '../../support/openaiServer';
import { threeTokens } from '../../support/openaiStreams';

describe('ChatOpenAICompatible cancellation', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    // Whatever a spec did, no response is left streaming.
    expect(server.activeResponses).toBe(0);
  });

  const model = (): ChatOpenAICompatible => new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini' });

  /** The server's record of the only response, once it is over. */
  const settled = async (): Promise<ResponseRecord> => {
    const record = server.responses[0] as ResponseRecord;
    await record.done;
    return record;
  };

  it('should close the connection on `break` after the first token, before the server sends the next', async () => {
    // Tokens 500 ms apart: the record shows whether the server got to write the second one.
    server.script([{ sse: threeTokens, interval: 500 }]);
    const seen: string[] = [];
    for await (const piece of await model().stream('Count')) {
      seen.push(piece.text);
      break;
    }
    const record = await settled();
    expect(seen).toEqual(['One']);
    expect(record.closedByClient).toBe(true);
    expect(record.sent).toBe(1);
    expect(record.planned).toBe(5);
  });

  it('should close the connection when a chain reading the model is cut by `break`', async () => {
    server.script([{ sse: threeTokens, interval: 500 }]);
    const chain = model().pipe(new StringOutputParser());
    for await (const token of await chain.stream('Count')) {
      expect(token).toBe('One');
      break;
    }
    const record = await settled();
    expect(record).toMatchObject({ closedByClient: true, sent: 1 });
  });

  it('should close the connection when the Observable is unsubscribed', async () => {
    server.script([{ sse: threeTokens, interval: 60_000 }]);
    const first = await new Promise<AIMessageChunk>((resolve, reject) => {
      model().stream$('Count').pipe(take(1)).subscribe({ next: resolve, error: reject });
    });
    const record = await settled();
    expect(first.text).toBe('One');
    expect(record).toMatchObject({ closedByClient: true, sent: 1 });
  });

  it("should abort the request when the config's signal aborts, failing with its reason", async () => {
    server.script([{ sse: threeTokens, interval: 60_000 }]);
    const controller = new AbortController();
    const seen: string[] = [];
    const ran = (async () => {
      for await (const piece of await model().stream('Count', { signal: controller.signal })) {
        seen.push(piece.text);
        controller.abort(new AbortError('the user left'));
      }
    })();
    await expect(ran).rejects.toThrow('the user left');
    const record = await settled();
    expect(seen).toEqual(['One']);
    expect(record).toMatchObject({ closedByClient: true, sent: 1 });
  });

  it('should abort the request when the run times out', async () => {
    server.script([{ sse: threeTokens, interval: 60_000 }]);
    const error = await model()
      .invoke('Count', { timeout: 200 })
      .catch((e: unknown) => e);
    const record = await settled();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(record).toMatchObject({ closedByClient: true, sent: 1 });
  });

  it('should abort a request still waiting for its response headers', async () => {
    server.script([{ sse: threeTokens, delay: 60_000 }]);
    const controller = new AbortController();
    const result = model()
      .invoke('Count', { signal: controller.signal })
      .catch((e: unknown) => e);
    await server.received(1);
    controller.abort();
    const error = await result;
    const record = await settled();
    expect((error as Error).name).toBe('AbortError');
    expect(record).toMatchObject({ closedByClient: true, sent: 0 });
  });

  it('should send nothing when the signal is already aborted', async () => {
    server.script([{ sse: threeTokens }]);
    const controller = new AbortController();
    controller.abort();
    await expect(model().invoke('Count', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });

  it('should keep no connection busy after many cancelled runs', async () => {
    server.script([{ sse: threeTokens, interval: 60_000 }]);
    const chat = model();
    for (let i = 0; i < 5; i++) {
      for await (const piece of await chat.stream('Count')) {
        expect(piece.text).toBe('One');
        break;
      }
    }
    await Promise.all(server.responses.map((r) => r.done));
    expect(server.responses.map((r) => r.closedByClient)).toEqual([true, true, true, true, true]);
    // Every aborted request took its connection with it (the client may keep an idle one in its pool).
    expect(server.responses.map((r) => r.connection?.destroyed)).toEqual([true, true, true, true, true]);
    expect(server.openConnections).toBeLessThanOrEqual(1);
  });
});
