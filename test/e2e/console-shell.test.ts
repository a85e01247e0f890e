import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import { consoleShim, startBridge, type RunningBridge } from '../../electron/browser/bridge.js';
import { EN_HEADER, ROW_1, ROW_2, utf8 } from '../fixtures/csv/samples.js';

/**
 * The console shell as users see it: the production renderer build in Chromium, talking over browser mode's
 * loopback bridge to the real application layer (the composition root the desktop app uses), over a real
 * SQLite database filled by the real import.
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

/** The console the page talks to (the same composition root as the desktop app). */
let runtime: ConsoleRuntime;

describe.skipIf(missing !== null)('console shell in Chromium over the loopback bridge', () => {
  let dataDir: string;
  let buildDir: string;
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
    runtime = await openConsole({
      databasePath: join(dataDir, 'console.sqlite'),
      version: '0.1.0-e2e',
      logDir: join(dataDir, 'logs'),
      cipher: () => {
        throw new Error('no secrets in this test');
      },
    });
    await importSample(FILE_NAME, [ROW_1, ROW_2]);

    await Promise.all([built, launched]);
    bridge = await startBridge({ rendererDir: join(buildDir, 'renderer'), runtime, actor: 'e2e' });

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
    await page.addInitScript({ content: consoleShim(bridge.token) });
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('lists the imported batch with its count, total and status in the page language', async () => {
    const row = page.locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    // #, file, method, status, count, total, imported by, approved by
    expect(cells[1]).toBe(FILE_NAME);
    expect(cells[2]).toBe('cup-p2p');
    expect(cells[3]).toBe('草稿');
    expect(cells[4]).toBe('2');
    expect(cells[5]).toBe('1,334.56');
    expect(cells[6]).toBe('alice');
  });

  it('updates live when a batch is imported elsewhere (events over the bridge)', async () => {
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    // Another desk imports a file: the page learns it from the event stream, without reloading.
    const second = ROW_1.replace('P-1', 'P-LIVE-1');
    await importSample('六月工资.csv', [second]);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('六月工资.csv');
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

/** Imports rows as alice through the application layer, as any shell would. */
async function importSample(name: string, rows: string[]): Promise<void> {
  const result = await runtime.app.call(
    'importFile',
    { file: { name, bytes: utf8([EN_HEADER, ...rows].join('\n') + '\n') } },
    { actor: 'alice', lang: 'en' },
  );
  if (!result.ok || result.value.batch_id === null)
    throw new Error(`import refused: ${JSON.stringify(result)}`);
}

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
