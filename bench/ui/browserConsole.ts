/**
 * The console as the UI benchmark measures it: the production renderer build served by browser mode's
 * bridge, over a seeded console on the embedded sandbox (the end-to-end tests' live console), in Debian's
 * Chromium. Pages open the address the bridge prints, as a person would, so the bridge's own page script
 * gives them their window.cupConsole.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ACCOUNTS,
  buildRenderer,
  launchChromium,
  startLiveConsole,
  type AccountName,
  type LiveConsole,
} from '../../test/e2e/support/liveConsole.js';

/** A static page of the same origin, served by the same bridge: the first-paint baseline. */
export const BASELINE_PAGE = 'baseline.html';
const BASELINE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Baseline</title>
  </head>
  <body>
    <h1>Baseline</h1>
    <p>A static page served by the console's bridge.</p>
  </body>
</html>
`;

/**
 * The bench runs its TypeScript through tsx, whose esbuild keeps function names by wrapping inner functions
 * in a `__name(fn, "name")` helper. The bridge's page script is such a function's source text, so the page
 * needs the helper too (the built command line has no such wrapping).
 */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((target) => target);';

export const VIEWPORT = { width: 1440, height: 900 };

export interface UiConsole {
  live: LiveConsole;
  browser: Browser;
  /** Console errors, page errors and CSP violations seen on any page. */
  problems: string[];
  /** A new tab (its own context: no cache, no storage) at the bridge's address, then at `hash`. */
  openPage(hash?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs `name` in on the page's sign-in form (the bridge then holds the session for later pages). */
  signIn(page: Page, name: AccountName): Promise<void>;
  close(): Promise<void>;
}

/** A browser context (no cache, no storage) in English, at the tests' window size. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en', viewport: VIEWPORT });
  await context.addInitScript({ content: NAME_HELPER });
  return context;
}

/** Builds the renderer into `dataDir`, starts the console and the browser. */
export async function startUiConsole(dataDir: string): Promise<UiConsole> {
  const buildDir = join(dataDir, 'ui-build');
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  return serveUiConsole(await buildRenderer(buildDir), dataDir);
}

/** The console and the browser over an already built renderer folder (which gains the baseline page). */
export async function serveUiConsole(rendererDir: string, dataDir: string): Promise<UiConsole> {
  writeFileSync(join(rendererDir, BASELINE_PAGE), BASELINE_HTML);
  const consoleDir = join(dataDir, 'ui-console');
  rmSync(consoleDir, { recursive: true, force: true });
  mkdirSync(consoleDir, { recursive: true });
  const [browser, live] = await Promise.all([
    launchChromium(),
    startLiveConsole(rendererDir, { dataDir: consoleDir }),
  ]);
  const problems: string[] = [];

  async function openPage(hash = ''): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(live.bridge.pageUrl);
    // The page script has taken the token out of the address; the route changes within the page.
    if (hash) await page.evaluate((to) => ((globalThis as unknown as PageLocation).location.hash = to), hash);
    return { context, page };
  }

  async function signIn(page: Page, name: AccountName): Promise<void> {
    const signedIn = page.locator('[data-testid=signed-in-user]');
    const nameField = page.getByLabel('Account name', { exact: true });
    await signedIn.or(nameField).first().waitFor();
    if (await signedIn.isVisible()) return;
    await nameField.fill(name);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill(ACCOUNTS[name].password);
    await password.press('Enter');
    await signedIn.waitFor();
  }

  return {
    live,
    browser,
    problems,
    openPage,
    signIn,
    async close() {
      await browser.close();
      await live.close();
    },
  };
}

interface PageLocation {
  location: { hash: string };
}
