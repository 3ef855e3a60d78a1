import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleForBrowser, jokeAppSource, type BrowserBundle } from '../../scripts/browserBundle';
import { launchChromium, type LaunchedBrowser } from './support/chromium';

// The app `npm run size` measures (prompt | model | parser from rxchain's ESM build, rxjs
// included), run in Chromium: no Node global is reached at run time.
const page = `<!doctype html>
<script type="module">
  const globals = { process: typeof process, Buffer: typeof Buffer, global: typeof global, setImmediate: typeof setImmediate };
  try {
    const { tellJoke, streamJoke } = await import('/app.js');
    window.result = { globals, joke: await tellJoke('parrots'), tokens: await streamJoke('parrots') };
  } catch (error) {
    window.result = { globals, error: String(error && error.stack || error) };
  }
</script>`;

describe('rxchain bundled for a browser', () => {
  let bundle: BrowserBundle;
  let server: Server;
  let origin: string;
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    bundle = await bundleForBrowser({ source: jokeAppSource });
    server = createServer((req, res) => {
      if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.code);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    launched = await launchChromium();
  });

  afterAll(async () => {
    await launched?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('should run prompt | model | parser in a page that has no process, Buffer or global', async () => {
    const tab = await launched.context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(origin);
    await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined);
    const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result);
    expect(result).toEqual({
      globals: { process: 'undefined', Buffer: 'undefined', global: 'undefined', setImmediate: 'undefined' },
      joke: 'Why did the parrot sit on the stick? To be a polly-stick-al observer!',
      tokens: [
        'Why',
        ' did',
        ' the',
        ' parrot',
        ' sit',
        ' on',
        ' the',
        ' stick?',
        ' To',
        ' be',
        ' a',
        ' polly-stick-al',
        ' observer!',
      ],
    });
    expect(errors).toEqual([]);
    await tab.close();
  });
});
