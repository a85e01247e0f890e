/**
 * Screenshots of the console's screens, taken once a screen has settled: no call to the bridge in flight for a
 * moment, no toast left over. Every run saves them under test/.tmp/screenshots; with UPDATE_SCREENSHOTS=1 they
 * replace the README's (docs/screenshots/<screen>-<lang>.png), so a test run leaves the repository unchanged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, TMP_ROOT } from './liveConsole.js';
import { poll } from './poll.js';

export const SCREENSHOT_DIR =
  process.env['UPDATE_SCREENSHOTS'] === '1'
    ? join(ROOT, 'docs', 'screenshots')
    : join(TMP_ROOT, 'screenshots');

/** How long the page must make no call before it counts as settled. */
const QUIET_MS = 400;

export interface BridgeActivity {
  /** Resolves once no operation has been in flight for QUIET_MS. */
  quiet(timeoutMs?: number): Promise<void>;
}

/** Follows the page's operations over the bridge (not its long-lived event stream). */
export function followBridgeCalls(page: Page): BridgeActivity {
  let inFlight = 0;
  let lastChange = Date.now();
  const isOperation = (url: string) => url.includes('/__bridge/op/');
  page.on('request', (request) => {
    if (!isOperation(request.url())) return;
    inFlight += 1;
    lastChange = Date.now();
  });
  const done = (request: { url(): string }) => {
    if (!isOperation(request.url())) return;
    inFlight = Math.max(0, inFlight - 1);
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async quiet(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 || Date.now() - lastChange < QUIET_MS) {
        if (Date.now() > deadline) throw new Error(`bridge calls still in flight after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Saves the viewport of a settled page as <screen>-<lang>.png in SCREENSHOT_DIR. */
export async function saveScreen(
  page: Page,
  activity: BridgeActivity,
  screen: string,
  lang: string,
): Promise<string> {
  await activity.quiet();
  // Element Plus's toasts ("imported", "approved") fade out by themselves.
  await poll(() => page.locator('.el-message').count()).toBe(0);
  // The screen from its top, nothing hovered or focused (a click may have scrolled the page, left a focus
  // ring, or left the pointer over a button).
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    const view = globalThis as unknown as ScreenGlobals;
    view.document.activeElement?.blur?.();
    view.scrollTo(0, 0);
    for (const main of view.document.querySelectorAll('main')) main.scrollTop = 0;
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${screen}-${lang}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}

/** What the callback above uses of the page (tests typecheck without the DOM library). */
interface ScreenGlobals {
  document: {
    activeElement: { blur?: () => void } | null;
    querySelectorAll(selector: 'main'): Iterable<{ scrollTop: number }>;
  };
  scrollTo(x: number, y: number): void;
}
