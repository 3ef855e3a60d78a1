import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, type LaunchedBrowser } from './support/chromium';

// The harness itself: Debian's Chromium starts headless, loads a loopback page and runs
// its script.
describe('the Chromium harness', () => {
  let launched: LaunchedBrowser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<!doctype html><p id="out"></p><script>document.getElementById("out").textContent = String(6 * 7)</script>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    launched = await launchChromium();
  });

  afterAll(async () => {
    await launched?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('renders a loopback page and runs its script', async () => {
    const page = await launched.context.newPage();
    await page.goto(origin);
    expect(await page.locator('#out').textContent()).toBe('42');
    await page.close();
  });
});
