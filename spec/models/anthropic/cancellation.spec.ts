import { AbortError, ChatAnthropic } from 'rxchain';
import { createAnthropicServer, type FakeProviderServer } from 'rxchain/testing';

describe('ChatAnthropic cancellation', () => {
  let server: FakeProviderServer;

  beforeAll(async () => {
    // The second token would come a minute later: only an aborted request ends this stream early.
    server = await createAnthropicServer([{ text: ['first', 'second'], interval: 60_000 }]);
  });

  afterAll(async () => {
    await server.close();
  });

  const watched = () => {
    const signals: AbortSignal[] = [];
    const model = new ChatAnthropic({
      baseURL: server.url,
      apiKey: 'k',
      model: 'claude-sonnet-4-5',
      fetch: (url, init) => {
        if (init.signal !== null && init.signal !== undefined) signals.push(init.signal);
        return fetch(url, init);
      },
    });
    return { model, signals };
  };

  it('should abort the request when the consumer breaks out of the stream', async () => {
    const { model, signals } = watched();
    const seen: string[] = [];
    for await (const chunk of await model.stream('Hi')) {
      seen.push(chunk.text);
      break;
    }
    expect(seen).toEqual(['first']);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("should abort the request when the run's signal aborts, and fail with an AbortError", async () => {
    const { model, signals } = watched();
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of await model.stream('Hi', { signal: controller.signal })) {
        seen.push(chunk.text);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['first']);
    expect(error).toBeInstanceOf(AbortError);
    expect(signals[0]?.aborted).toBe(true);
  });
});
