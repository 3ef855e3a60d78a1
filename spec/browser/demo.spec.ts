import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer, type DemoStatus } from '../../examples/demo-page/server';
import { launchChromium, screenshotPath, type LaunchedBrowser } from './support/chromium';

// `npm run demo` in Chromium: the demo server in this process (a free port), the page in
// local mode (the scripted model in the page) and in server mode (RemoteRunnable).

/** Milliseconds between the scripted model's tokens, in the page and on the server. */
const DELAY = 70;
const JOKE = 'Why did the parrots cross the road? To get to the other side of the stream!';
const COUNTRIES = {
  countries: [
    { name: 'France', population: 68170000 },
    { name: 'Spain', population: 48590000 },
    { name: 'Japan', population: 124500000 },
  ],
};

interface TreeNode {
  name: string;
  type: string;
  status: string;
  children: TreeNode[];
}

describe('the demo page', () => {
  let demo: DemoServer;
  let launched: LaunchedBrowser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    demo = await startDemoServer({ port: 0, delay: DELAY });
    launched = await launchChromium();
  });

  afterAll(async () => {
    await launched?.close();
    await demo?.close();
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  async function open(mode: 'local' | 'server', chain = 'joke'): Promise<void> {
    page = await launched.context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${demo.url}?mode=${mode}&chain=${chain}&delay=${DELAY}`);
    await page.locator('body[data-ready="true"]').waitFor();
  }

  /** Records the text of element `testid` on every DOM mutation, into `window.samples`. */
  async function recordSamples(testid: string): Promise<void> {
    await page.evaluate((id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      if (element === null) throw new Error(`no ${id}`);
      const w = window as unknown as { samples: string[] };
      w.samples = [];
      new MutationObserver(() => w.samples.push(element.textContent ?? '')).observe(element, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    }, testid);
  }

  const samples = (): Promise<string[]> => page.evaluate(() => (window as unknown as { samples: string[] }).samples);
  const text = async (testid: string): Promise<string> =>
    (await page.locator(`[data-testid="${testid}"]`).textContent()) ?? '';
  const chunkCount = async (): Promise<number> => Number(await text('chunk-count'));

  async function waitForStatus(status: string): Promise<void> {
    await page.locator(`[data-testid="status"][data-status="${status}"]`).waitFor();
  }

  async function waitForChunks(count: number): Promise<void> {
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="chunk-count"]')?.textContent) >= n,
      count,
    );
  }

  async function serverStatus(): Promise<DemoStatus> {
    return (await (await fetch(`${demo.url}status`)).json()) as DemoStatus;
  }

  /** Waits until the demo server reports no open run (polled from the page through `GET /status`). */
  async function waitForNoOpenRun(): Promise<void> {
    await page.waitForFunction(
      async () => ((await (await fetch('/status')).json()) as { openRuns: number }).openRuns === 0,
      undefined,
      {
        polling: 50,
      },
    );
  }

  function runTree(): Promise<TreeNode[]> {
    return page.evaluate(() => {
      const walk = (item: HTMLElement): TreeNode => ({
        name: item.dataset['name'] ?? '',
        type: item.dataset['type'] ?? '',
        status: item.dataset['status'] ?? '',
        children: Array.from(item.querySelectorAll<HTMLElement>(':scope > ul > li')).map(walk),
      });
      return Array.from(document.querySelectorAll<HTMLElement>('[data-testid="run-tree"] > li')).map(walk);
    });
  }

  /** The texts seen after the run began (the reset to '' dropped), each once. */
  async function growth(): Promise<string[]> {
    const seen = (await samples()).filter((sample) => sample !== '');
    return seen.filter((sample, i) => sample !== seen[i - 1]);
  }

  function expectGrowsTo(seen: readonly string[], final: string): void {
    // Every observation extends the one before, at least five come before the final text.
    seen.forEach((sample, i) => {
      if (i > 0) expect(sample.startsWith(seen[i - 1] ?? '') && sample.length > (seen[i - 1] ?? '').length).toBe(true);
    });
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen[seen.length - 1]).toBe(final);
  }

  const sequenceOf = (status: string): TreeNode => ({
    name: 'RunnableSequence',
    type: 'chain',
    status,
    children: [
      { name: 'ChatPromptTemplate', type: 'prompt', status: 'done', children: [] },
      { name: 'scripted-chat', type: 'chat_model', status, children: [] },
      { name: 'StrOutputParser', type: 'parser', status, children: [] },
    ],
  });

  describe('in local mode', () => {
    it('should stream the joke token by token, with a caret while streaming', async () => {
      await open('local');
      await recordSamples('output-text');
      await page.locator('[data-testid="run"]').click();
      await waitForChunks(6);
      expect(await page.locator('[data-testid="caret"]').isVisible()).toBe(true);
      // Show the model's run while it streams, for the screenshot.
      await page.locator('[data-testid="run-node"][data-name="scripted-chat"] > [data-testid="run-row"]').click();
      await page.screenshot({ path: screenshotPath('demo-local-streaming') });
      await waitForStatus('done');
      expect(await page.locator('[data-testid="caret"]').isVisible()).toBe(false);
      expectGrowsTo(await growth(), JOKE);
      expect(await text('output-text')).toBe(JOKE);
      await page.screenshot({ path: screenshotPath('demo-local-done') });
    });

    it('should build the run tree from events$: the sequence and its three steps, nested and done', async () => {
      await open('local');
      await page.locator('[data-testid="run"]').click();
      await waitForStatus('done');
      expect(await runTree()).toEqual([sequenceOf('done')]);
      const model = page.locator('[data-testid="run-node"][data-name="scripted-chat"]');
      expect(await model.locator(':scope > [data-testid="run-row"] .tag').allTextContents()).toEqual(['seq:step:2']);
      await model.locator(':scope > [data-testid="run-row"]').click();
      // The model's streamed chunks add up to the reply.
      const chunks = await page.locator('[data-testid="detail-chunk"]').allTextContents();
      expect(chunks.length).toBeGreaterThan(5);
      expect(chunks.join('')).toBe(JOKE);
      expect(await page.locator('[data-testid="details-body"] [data-field="status"]').textContent()).toBe('done');
    });

    it('should fill in the countries object as the JSON streams', async () => {
      await open('local', 'countries');
      await recordSamples('output-json');
      await page.locator('[data-testid="run"]').click();
      await waitForStatus('done');
      const states = (await samples())
        .filter((sample) => sample !== '')
        .map((sample) => JSON.parse(sample) as typeof COUNTRIES);
      const names = states.map((state) => (state.countries ?? []).map((country) => country.name).join(','));
      expect(names).toContain('France');
      expect(names).toContain('France,Spain');
      expect(states.length).toBeGreaterThanOrEqual(5);
      expect(states[states.length - 1]).toEqual(COUNTRIES);
      expect(JSON.parse(await text('output-json'))).toEqual(COUNTRIES);
      await page.screenshot({ path: screenshotPath('demo-countries') });
    });

    it('should answer from the retrieved document in the retrieval chain', async () => {
      await open('local', 'rag');
      await page.locator('[data-testid="run"]').click();
      await waitForStatus('done');
      expect(await text('output-text')).toBe('Harrison worked at Kensho.');
      const retriever = page.locator('[data-testid="run-node"][data-type="retriever"]');
      expect(await retriever.getAttribute('data-status')).toBe('done');
    });

    it('should stop the run when Stop is pressed: no token arrives afterwards', async () => {
      await open('local');
      await page.locator('[data-testid="run"]').click();
      await waitForChunks(3);
      await page.locator('[data-testid="stop"]').click();
      await waitForStatus('stopped');
      const stoppedAt = await text('output-text');
      const count = await chunkCount();
      expect(JOKE.startsWith(stoppedAt) && stoppedAt.length < JOKE.length).toBe(true);
      // An absence check: the model would have sent five more tokens in this time.
      await page.waitForTimeout(DELAY * 5);
      expect(await text('output-text')).toBe(stoppedAt);
      expect(await chunkCount()).toBe(count);
      expect(await runTree()).toEqual([sequenceOf('cancelled')]);
      expect(await page.locator('[data-testid="caret"]').isVisible()).toBe(false);
    });
  });

  describe('in server mode', () => {
    it('should stream the joke through RemoteRunnable, the server runs nested under it', async () => {
      const before = await serverStatus();
      await open('server');
      await recordSamples('output-text');
      await page.locator('[data-testid="run"]').click();
      await waitForStatus('done');
      expectGrowsTo(await growth(), JOKE);
      expect(await runTree()).toEqual([
        { name: 'RemoteRunnable', type: 'chain', status: 'done', children: [sequenceOf('done')] },
      ]);
      await waitForNoOpenRun();
      expect((await serverStatus()).startedRuns).toBe(before.startedRuns + 1);
      await page.locator('[data-testid="run-node"][data-name="scripted-chat"] > [data-testid="run-row"]').click();
      await page.screenshot({ path: screenshotPath('demo-server') });
    });

    it('should end the run on the server when Stop is pressed', async () => {
      const before = await serverStatus();
      await open('server');
      await page.locator('[data-testid="run"]').click();
      await waitForChunks(3);
      // The server is streaming this run now.
      expect(await serverStatus()).toEqual({ openRuns: 1, startedRuns: before.startedRuns + 1 });
      await page.locator('[data-testid="stop"]').click();
      await waitForStatus('stopped');
      await waitForNoOpenRun();
      const stoppedAt = await text('output-text');
      const count = await chunkCount();
      // An absence check: the server's model would have sent five more tokens in this time.
      await page.waitForTimeout(DELAY * 5);
      expect(await text('output-text')).toBe(stoppedAt);
      expect(await chunkCount()).toBe(count);
      expect(stoppedAt.length).toBeLessThan(JOKE.length);
      expect(await serverStatus()).toEqual({ openRuns: 0, startedRuns: before.startedRuns + 1 });
      await page.locator('[data-testid="run-node"][data-name="scripted-chat"] > [data-testid="run-row"]').click();
      await page.screenshot({ path: screenshotPath('demo-server-stopped') });
    });
  });
});
