import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPayoutFile } from '../../electron/core/intake.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { createConsoleHandlers } from '../../electron/main/handlers.js';
import { EN_HEADER, ROW_1, ROW_2, utf8 } from '../fixtures/csv/samples.js';
import { installConsoleShim, startBridge, type RunningBridge } from './bridge.js';

/**
 * The console shell as users see it: the production renderer build in Chromium, talking over the loopback
 * bridge to the real main-process handlers, over a real SQLite database filled by the real import.
 */

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');
const tmpRoot = join(root, 'test', '.tmp');
const screenshotPath = join(tmpRoot, 'console-shell.png');
const FILE_NAME = '五月工资.csv';

const missing = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`;
if (missing) console.warn(`Skipping the console shell browser test: ${missing}.`);

describe.skipIf(missing !== null)('console shell in Chromium over the loopback bridge', () => {
  let dataDir: string;
  let buildDir: string;
  let db: Database;
  let bridge: RunningBridge | undefined;
  let browser: Browser | undefined;
  let page: Page;
  /** Console errors, page errors and CSP violations, in order. */
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(tmpRoot, { recursive: true });
    // A build folder of our own: the Electron launch test rebuilds out/ and may run at the same time.
    buildDir = mkdtempSync(join(tmpRoot, 'e2e-build-'));
    const { chromium } = await import('playwright-core');
    // The production build (same config as `npm run build`) and Chromium's start overlap.
    const built = promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
        'build',
        '--outDir',
        buildDir,
        '--logLevel',
        'error',
      ],
      { cwd: root },
    );
    // Kept as soon as it is up, so afterAll closes it even if the build fails.
    const launched = chromium
      .launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
      .then((started) => (browser = started));

    dataDir = mkdtempSync(join(tmpdir(), 'cup-e2e-'));
    const databasePath = join(dataDir, 'console.sqlite');
    db = openDatabase(databasePath);
    const outcome = importPayoutFile(
      utf8([EN_HEADER, ROW_1, ROW_2].join('\n') + '\n'),
      FILE_NAME,
      loadReferenceData(SOURCE_REFERENCE_DIR),
      { method: 'cup-p2p', db, user: 'alice' },
    );
    if (!outcome.stored) throw new Error(`import refused: ${JSON.stringify(outcome.refusal)}`);

    await Promise.all([built, launched]);
    bridge = await startBridge({
      rendererDir: join(buildDir, 'renderer'),
      handlers: createConsoleHandlers({ db, databasePath, version: '0.1.0-e2e', environment: 'sandbox' }),
    });

    const context = await (browser as Browser).newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 720 },
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    // Chromium logs most CSP refusals itself; the event catches every one, reported through the console.
    await page.addInitScript(() => {
      (globalThis as unknown as { document: PageDocument }).document.addEventListener(
        'securitypolicyviolation',
        (event) =>
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`),
      );
    });
    await installConsoleShim(page);
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('lists the imported batch with its count and total', async () => {
    const row = page.locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    // #, file, method, status, count, total, created by
    expect(cells[1]).toBe(FILE_NAME);
    expect(cells[2]).toBe('cup-p2p');
    expect(cells[4]).toBe('2');
    expect(cells[5]).toBe('1,334.56');
    expect(cells[6]).toBe('alice');
  });

  it('shows the sandbox badge and switches language', async () => {
    const heading = page.locator('h1');
    const batches = page.locator('h2');
    const badge = page.locator('.env');
    await expect.poll(() => heading.textContent()).toBe('银联代付控制台');
    expect(await batches.textContent()).toBe('批次');
    expect(await badge.getAttribute('class')).toContain('sandbox');
    expect(await badge.textContent()).toBe('环境: 内置沙箱');

    const language = page.getByLabel('Language');
    await language.selectOption({ label: 'English' });
    await expect.poll(() => heading.textContent()).toBe('CUP Payout Console');
    expect(await batches.textContent()).toBe('Batches');
    expect(await badge.textContent()).toBe('Environment: embedded sandbox');
    expect(await page.locator('thead th').allTextContents()).toContain('Total (CNY)');

    await language.selectOption({ label: '中文' });
    await expect.poll(() => heading.textContent()).toBe('银联代付控制台');
    expect(await page.locator('thead th').allTextContents()).toContain('总额（元）');

    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it('gives the page no Node and logs no errors or CSP violations', async () => {
    const types = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        require: typeof g['require'],
        process: typeof g['process'],
        cupConsole: typeof g['cupConsole'],
      };
    });
    expect(types).toEqual({ require: 'undefined', process: 'undefined', cupConsole: 'object' });
    expect(problems).toEqual([]);
  });

  it('runs under the page CSP, and a violation would be caught', async () => {
    // Positive control for the check above: over http the meta CSP is still enforced (an injected inline
    // script must not run) and its violation reaches `problems`.
    const ran = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const script = doc.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      doc.head.append(script);
      return doc.body.dataset['inlineRan'] ?? 'no';
    });
    expect(ran).toBe('no');
    await expect
      .poll(() => problems.some((p) => p.startsWith('console: CSP violation: script-src')))
      .toBe(true);
  });
});

/**
 * The slice of the DOM the browser-side callbacks use. This project typechecks tests without the DOM lib
 * (they run under Node); the callbacks are serialized into the page, so they cannot call a helper from
 * this file either and reach `document` through globalThis themselves.
 */
interface PageDocument {
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
  createElement(tag: 'script'): { textContent: string };
  head: { append(node: unknown): void };
  body: { dataset: Record<string, string | undefined> };
}
