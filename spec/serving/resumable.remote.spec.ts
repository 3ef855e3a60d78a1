import { RemoteRunnable, MemoryRunStore, RunnableLambda, toFetchHandler, type FetchHandler } from 'rxchain';
import { gatedCounter } from '../support/resumableFlows';

describe('RemoteRunnable against a resumable server', () => {
  /** A fetch that breaks the body of the first POST /stream after `frames` frames, as a dropped connection does. */
  function breakingFetch(handler: FetchHandler, frames: number) {
    const calls: { method: string; url: string; lastEventId: string | null }[] = [];
    let broken = false;
    const fetchFn = async (url: string, init: RequestInit): Promise<Response> => {
      const request = new Request(url, init);
      calls.push({ method: request.method, url, lastEventId: request.headers.get('last-event-id') });
      const response = await handler(request);
      if (broken || request.method !== 'POST' || response.body === null) return response;
      broken = true;
      const reader = response.body.getReader();
      let seen = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          seen += new TextDecoder().decode(value).split('\n\n').length - 1;
          controller.enqueue(value);
          if (seen >= frames) {
            await reader.cancel();
            controller.error(new TypeError('terminated'));
          }
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    return { fetchFn, calls };
  }

  it('should reconnect with Last-Event-ID and yield every chunk once when the connection breaks', async () => {
    const flow = gatedCounter(50, 10);
    flow.resume();
    const handler = toFetchHandler(flow.chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } });
    const { fetchFn, calls } = breakingFetch(handler, 6);
    const remote = new RemoteRunnable<string, string>({ url: 'http://x/count', fetch: fetchFn });
    const chunks: string[] = [];
    for await (const chunk of await remote.stream('go')) chunks.push(chunk);
    expect(chunks).toEqual(Array.from({ length: 50 }, (_, i) => `c${i + 1} `));
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(calls[1]?.url).toMatch(/\/count\/runs\/[^/]+\/stream$/);
    expect(Number(calls[1]?.lastEventId)).toBeGreaterThanOrEqual(6);
  });

  it('should resume streamEvents too: the events equal those of a connection that never broke', async () => {
    const chain = RunnableLambda.from(async function* (_: string) {
      for (let i = 1; i <= 50; i++) yield `c${i} `;
    });
    const handler = toFetchHandler(chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } });
    const seen = async (fetchFn: (url: string, init: RequestInit) => Promise<Response>): Promise<string[]> => {
      const remote = new RemoteRunnable<string, string>({ url: 'http://x/count', fetch: fetchFn });
      const events: string[] = [];
      for await (const event of remote.streamEvents('go', { version: 'v2' })) {
        events.push(`${event.event} ${event.name} ${event.parent_ids.length} ${JSON.stringify(event.data)}`);
      }
      return events;
    };
    const whole = await seen((url, init) => handler(new Request(url, init)));
    const { fetchFn, calls } = breakingFetch(handler, 20);
    const resumed = await seen(fetchFn);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(calls[1]?.url).toMatch(/\/count\/runs\/[^/]+\/stream_events$/);
    expect(resumed).toEqual(whole);
    expect(resumed.filter((line) => line.startsWith('on_chain_stream RunnableLambda 1'))).toHaveLength(50);
  });

  it('should fail as before against a server whose frames have no ids, or with resumeAttempts 0', async () => {
    const chain = RunnableLambda.from(async function* (_: string) {
      for (let i = 1; i <= 50; i++) yield `c${i} `;
    });
    for (const [handler, attempts] of [
      [toFetchHandler(chain, { basePath: '/count' }), 3],
      [toFetchHandler(chain, { basePath: '/count', resumable: { runStore: new MemoryRunStore() } }), 0],
    ] as const) {
      const { fetchFn, calls } = breakingFetch(handler, 6);
      const remote = new RemoteRunnable<string, string>({
        url: 'http://x/count',
        fetch: fetchFn,
        resumeAttempts: attempts,
      });
      const consumed = (async () => {
        for await (const _ of await remote.stream('go'));
      })();
      await expect(consumed).rejects.toThrow('terminated');
      expect(calls).toHaveLength(1);
    }
  });
});
