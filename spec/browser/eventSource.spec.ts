import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatPromptTemplate, MemoryRunStore, StringOutputParser, toFetchHandler, toNodeHandler } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { launchChromium, type LaunchedBrowser } from './support/chromium';

// A browser's own EventSource, pointed at a resumable run's GET route, gets every frame
// once although the server cuts its first connection mid-run: it reconnects by itself
// after the `retry:` delay and sends Last-Event-ID, which the server answers.

const TOKENS = 40;
const CUT_AFTER = 37;

/** The page: starts a run with POST, keeps its run id, then follows it with EventSource. */
const page = `<!doctype html><p id="out">running</p><script>
(async () => {
  const started = await fetch('/chain/stream_events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: { topic: 'rivers' } }),
  });
  const reader = started.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!/"run_id":"([^"]+)"/.test(text)) text += decoder.decode((await reader.read()).value, { stream: true });
  const runId = /"run_id":"([^"]+)"/.exec(text)[1];
  await reader.cancel();
  const ids = [];
  const names = [];
  const breaks = [];
  let opens = 0;
  const source = new EventSource('/chain/runs/' + runId + '/stream_events');
  source.onopen = () => { opens += 1; };
  // What the browser had when the connection broke: what it asks to resume after.
  source.onerror = () => { if (source.readyState === EventSource.CONNECTING) breaks.push(ids.at(-1)); };
  const seen = (event) => { ids.push(Number(event.lastEventId)); return event; };
  source.addEventListener('metadata', seen);
  source.addEventListener('data', (event) => { seen(event); const data = JSON.parse(event.data); names.push(data.event + ' ' + data.name); });
  source.addEventListener('end', (event) => {
    seen(event);
    source.close();
    window.result = { ids, names, opens, breaks };
    document.getElementById('out').textContent = 'done';
  });
})();
</script>`;

describe('a browser EventSource on a resumable run', () => {
  let launched: LaunchedBrowser;
  let server: Server;
  let origin: string;
  const resumedFrom: (string | undefined)[] = [];

  beforeAll(async () => {
    const model = new ScriptedChatModel({
      delay: 5,
      responses: [{ tokens: Array.from({ length: TOKENS }, (_, i) => `t${i} `) }],
    });
    const chain = ChatPromptTemplate.fromTemplate('Tell me about {topic}').pipe(model).pipe(new StringOutputParser());
    const handle = toNodeHandler(
      toFetchHandler(chain, { basePath: '/chain', resumable: { runStore: new MemoryRunStore(), retryMs: 50 } }),
    );
    let cut = false;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
        return;
      }
      if (req.method === 'GET' && req.url?.startsWith('/chain/runs/') === true) {
        resumedFrom.push(req.headers['last-event-id'] as string | undefined);
        if (!cut) {
          // The first connection breaks once it has carried frame CUT_AFTER.
          cut = true;
          const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
          let frames = 0;
          res.write = ((chunk: Uint8Array) => {
            if (frames >= CUT_AFTER) return true;
            const text = Buffer.from(chunk).toString('utf8');
            const ids = [...text.matchAll(/^id: (\d+)$/gm)];
            const ok = write(chunk);
            frames += ids.length;
            if (frames >= CUT_AFTER) res.destroy();
            return ok;
          }) as typeof res.write;
        }
      }
      handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    launched = await launchChromium();
  });

  afterAll(async () => {
    await launched?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('reconnects by itself with Last-Event-ID and sees every frame once, in order', async () => {
    const tab = await launched.context.newPage();
    await tab.goto(origin);
    await tab.waitForFunction(() => document.getElementById('out')?.textContent === 'done', undefined, {
      timeout: 30_000,
    });
    const result = (await tab.evaluate(() => (window as unknown as { result: unknown }).result)) as {
      ids: number[];
      names: string[];
      opens: number;
      breaks: number[];
    };
    await tab.close();
    // One read from the start, cut after frame CUT_AFTER (the browser may not have parsed the
    // last bytes before the reset), then one resumed after the last frame the browser had.
    expect(result.breaks).toHaveLength(1);
    const lastSeen = result.breaks[0] ?? NaN;
    expect(lastSeen).toBeGreaterThan(CUT_AFTER - 10);
    expect(lastSeen).toBeLessThanOrEqual(CUT_AFTER);
    expect(resumedFrom).toEqual([undefined, String(lastSeen)]);
    expect(result.opens).toBe(2);
    expect(result.ids).toEqual(Array.from({ length: result.ids.length }, (_, i) => i + 1));
    expect(result.ids.length).toBeGreaterThan(CUT_AFTER + TOKENS);
    const streamed = result.names.filter((name) => name === 'on_chat_model_stream ScriptedChatModel');
    expect(streamed).toHaveLength(TOKENS);
    expect(result.names[0]).toBe('on_chain_start RunnableSequence');
    expect(result.names.at(-1)).toBe('on_chain_end RunnableSequence');
  });
});
