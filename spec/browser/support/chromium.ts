/**
 * Launches Debian's Chromium (`/usr/bin/chromium`) through playwright-core for the browser
 * specs, headless and kept off the network: no downloaded browser, no update checks, no
 * sync, no QUIC, a fresh profile per launch. Pages are only ever opened on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (git-ignored), for a person to look at. */
export const screenshotDir = join(__dirname, '..', '__screenshots__');

/** The path of screenshot `name` (`.png` added), creating the folder on first use. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}

/** A launched browser with one fresh context; `close()` ends both and removes the profile. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** The flags that keep Chromium headless, sandbox-free (CI runs as root) and off the network. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
];

/** Launches Chromium with a throwaway profile and opens one context. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'rxchain-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport: { width: 1200, height: 800 },
  });
  const browser = context.browser();
  return {
    // launchPersistentContext has no separate Browser object; the context stands for it.
    browser: browser as Browser,
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
