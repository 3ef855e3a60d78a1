import { Observable } from 'rxjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { MemoryRunStore, toFetchHandler, toNodeHandler } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { scriptedCountries, scriptedJoke } from '../../examples/angular/src/app/chains';
import { jokeChain } from '../../examples/servedChains';
import { launchChromium, screenshotPath, type LaunchedBrowser } from './support/chromium';
import { browserDir, bundledInputs, prepareAngularExample, serveApp, type AppServer } from './support/angularExample';

// examples/angular, built by the Angular CLI and run in Chromium: a chain streamed through
// the async pipe, a JSON chain through toSignal, a served chain over SSE through
// RemoteRunnable, cancellation by Stop and by destroying the views.

const PREPARE_TIMEOUT = 10 * 60 * 1000;

/** What the served joke chain says about `topic`. */
function servedJoke(topic: string): string {
  return `Why did the ${topic} cross the road? To get to the other side of the stream!`;
}

/** Destroys the response's socket once `frames` SSE frames with an id have been written. */
function cutAfterFrames(res: ServerResponse, frames: number): void {
  const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
  let written = 0;
  res.write = ((chunk: Uint8Array) => {
    if (written >= frames) return true;
    const ok = write(chunk);
    written += [
      ...Buffer.from(chunk)
        .toString('utf8')
        .matchAll(/^id: \d+$/gm),
    ].length;
    if (written >= frames) res.destroy();
    return ok;
  }) as typeof res.write;
}

let server: AppServer;
/** The Last-Event-ID of each GET that followed a resumable run. */
const resumedWith: (string | undefined)[] = [];
let endlessCancelled: Promise<void>;

beforeAll(async () => {
  const times = await prepareAngularExample();
  console.info(
    `examples/angular: ${times.install === undefined ? 'dependencies already installed' : `npm install ${times.install} s`}, npm run build ${times.build} s`,
  );
  // The served model tells the joke, except about "a long story": that reply never ends,
  // and resolves endlessCancelled when the server tears its stream down.
  let cancelled!: () => void;
  endlessCancelled = new Promise((resolve) => (cancelled = resolve));
  const model = new ScriptedChatModel({
    delay: 30,
    responses: (messages) => {
      const topic = /joke about (.+)$/m.exec(messages.map((m) => m.text).join('\n'))?.[1] ?? '';
      if (topic !== 'a long story') return servedJoke(topic);
      return new Observable<string>((subscriber) => {
        subscriber.next('Once upon a time');
        return cancelled;
      });
    },
  });
  const joke = toNodeHandler(toFetchHandler(jokeChain(model), { basePath: '/joke' }));
  // The same chain, resumable; the first connection that follows a run is cut after a
  // few frames, as a network change would.
  const resumable = toNodeHandler(
    toFetchHandler(jokeChain(model), {
      basePath: '/resumable/joke',
      resumable: { runStore: new MemoryRunStore(), retryMs: 100 },
    }),
  );
  const followRoute = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'GET') {
      resumedWith.push(req.headers['last-event-id'] as string | undefined);
      if (resumedWith.length === 1) cutAfterFrames(res, 5);
    }
    resumable(req, res);
  };
  server = await serveApp(browserDir, [
    { prefix: '/joke/', handle: joke },
    { prefix: '/resumable/joke/', handle: followRoute },
  ]);
}, PREPARE_TIMEOUT);

afterAll(async () => {
  await server?.close();
});

describe('the Angular build', () => {
  it('should bundle one copy of rxjs, and rxchain from its packed package', () => {
    const inputs = bundledInputs();
    const rxjsRoots = new Set(
      inputs.filter((path) => path.includes('/rxjs/')).map((path) => path.slice(0, path.indexOf('/rxjs/'))),
    );
    expect([...rxjsRoots]).toEqual(['node_modules']);
    const rxchain = inputs.filter((path) => path.includes('rxchain/'));
    expect(rxchain.length).toBeGreaterThan(10);
    expect(rxchain.every((path) => path.startsWith('node_modules/rxchain/dist/esm/'))).toBe(true);
  });
});

/** Records the text length of `testId` at every DOM mutation, in `window.__lengths[testId]`. */
async function recordLengths(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const store = ((window as unknown as { __lengths?: Record<string, number[]> }).__lengths ??= {});
    const lengths: number[] = (store[id] = []);
    const target = document.querySelector(`[data-testid="${id}"]`);
    if (target === null) throw new Error(`no element ${id}`);
    new MutationObserver(() => lengths.push(target.textContent?.length ?? 0)).observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, testId);
}

function recordedLengths(page: Page, testId: string): Promise<number[]> {
  return page.evaluate(
    (id) => (window as unknown as { __lengths: Record<string, number[]> }).__lengths[id] ?? [],
    testId,
  );
}

function textOf(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((element) => element.textContent ?? '');
}

describe('examples/angular in Chromium', () => {
  let launched: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    launched = await launchChromium();
    page = await launched.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.origin);
    await page.getByTestId('joke-tell').waitFor();
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('should render the joke token by token through the async pipe', async () => {
    const joke = scriptedJoke('parrots');
    await recordLengths(page, 'joke-text');
    await page.getByTestId('joke-tell').click();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="joke-text"]')?.textContent?.trim() === expected,
      joke,
    );
    expect((await textOf(page, 'joke-text')).trim()).toBe(joke);
    await page.getByTestId('joke-status').filter({ hasText: 'done' }).waitFor();

    const lengths = await recordedLengths(page, 'joke-text');
    const distinct = [...new Set(lengths)];
    // Every word rendered on its own: the text grew through many distinct lengths.
    expect(distinct.length).toBeGreaterThanOrEqual(5);
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
    expect(Math.max(...distinct)).toBe((await textOf(page, 'joke-text')).length);
  });

  it('should render the JSON list through toSignal while it is written', async () => {
    const rows = page.getByTestId('countries').locator('li');
    await recordLengths(page, 'countries');
    await page.getByTestId('countries-list').click();
    const expected = (scriptedCountries.countries ?? []).map(
      (c) => `${c.name ?? ''}: ${(c.population ?? 0).toLocaleString('en-US')}`,
    );
    await page.waitForFunction(
      (texts) =>
        JSON.stringify(
          Array.from(document.querySelectorAll('[data-testid="countries"] li'), (li) => li.textContent?.trim()),
        ) === texts,
      JSON.stringify(expected),
    );
    expect((await rows.allTextContents()).map((text) => text.trim())).toEqual(expected);
    // The list was rendered in many states on the way (rows appearing, populations filled in).
    expect(new Set(await recordedLengths(page, 'countries')).size).toBeGreaterThanOrEqual(expected.length);
  });

  it('should stream a served chain over SSE through RemoteRunnable', async () => {
    await recordLengths(page, 'remote-text');
    await page.getByTestId('remote-ask').click();
    const joke = servedJoke('servers');
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="remote-text"]')?.textContent?.trim() === expected,
      joke,
    );
    expect(new Set(await recordedLengths(page, 'remote-text')).size).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('remote-error').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('angular-app'), fullPage: true });
  });

  it('should follow a served run with EventSource through a dropped connection, losing nothing', async () => {
    await page.getByTestId('resumable-ask').click();
    const joke = servedJoke('rivers');
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="resumable-text"]')?.textContent?.trim() === expected,
      joke,
    );
    expect(await textOf(page, 'resumable-reconnects')).toBe('reconnected 1 times');
    // Read from the start, then resumed after a frame the browser had.
    expect(resumedWith).toHaveLength(2);
    expect(resumedWith[0]).toBeUndefined();
    expect(Number(resumedWith[1])).toBeGreaterThan(0);
    expect(await page.getByTestId('resumable-error').count()).toBe(0);
  });

  it('should cancel the server run when the view is destroyed', async () => {
    await page.getByTestId('remote-topic').fill('a long story');
    await page.getByTestId('remote-ask').click();
    await page.getByTestId('remote-text').filter({ hasText: 'Once upon a time' }).waitFor();
    // "Hide" destroys the views: takeUntilDestroyed unsubscribes, the fetch is aborted, and
    // the server cancels the run, which tears the model's stream down.
    await page.getByTestId('toggle').click();
    await page.getByTestId('remote-text').waitFor({ state: 'detached' });
    await endlessCancelled;
    await page.getByTestId('toggle').click();
    expect(await textOf(page, 'joke-text')).toBe('');
  });

  it('should have logged no error on the way, cancellations included', () => {
    // The one connection the spec cut on purpose shows as a network error; nothing else may.
    const cut = 'Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING';
    expect(pageErrors.filter((message) => message === cut).length).toBeLessThanOrEqual(1);
    expect(pageErrors.filter((message) => message !== cut)).toEqual([]);
  });
});

describe('Stop, on a clock the spec drives', () => {
  let launched: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    launched = await launchChromium();
    await launched.context.clock.install({ time: 0 });
    page = await launched.context.newPage();
    await page.goto(server.origin);
    await page.getByTestId('joke-tell').waitFor();
    // From here on, page time moves only when the spec says so.
    await page.clock.pauseAt(60_000);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('should render nothing more once stopped, while the same time completes a run that was not', async () => {
    const joke = scriptedJoke('parrots');
    await page.getByTestId('joke-tell').click();
    await page.clock.runFor(120); // two words, 50 ms apart
    const shown = await textOf(page, 'joke-text');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.trim().length).toBeLessThan(joke.length);

    await recordLengths(page, 'joke-text');
    await page.getByTestId('joke-stop').click();
    await page.clock.runFor(5_000); // far longer than the rest of the joke needs
    expect(await recordedLengths(page, 'joke-text')).toEqual([]);
    expect(await textOf(page, 'joke-text')).toBe(shown);
    expect(await textOf(page, 'joke-status')).toBe('stopped');

    // The control: the same amount of time, without Stop, tells the whole joke.
    await page.getByTestId('joke-tell').click();
    await page.clock.runFor(5_000);
    expect((await textOf(page, 'joke-text')).trim()).toBe(joke);
    expect(await textOf(page, 'joke-status')).toBe('done');
  });
});
