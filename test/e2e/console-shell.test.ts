import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import { consoleShim, startBridge, type RunningBridge } from '../../electron/browser/bridge.js';
import type { Role } from '../../electron/contract/records.js';
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
const signInScreenshot = (lang: string) => join(tmpRoot, `console-shell-sign-in-${lang}.png`);
const firstAdminScreenshot = join(tmpRoot, 'console-shell-first-admin.png');
const FILE_NAME = '五月工资.csv';

/** Unlocks the installation key (this shell's key source, as the command line's environment would). */
const PASSPHRASE = 'e2e passphrase for the shell';
const ADMIN_PASSWORD = 'lantern orchard 4417';
const ALICE_PASSWORD = 'copper meadow 2581';
/** The person at the page: an approver. */
const PAGE_USER = 'wang';
const PAGE_PASSWORD = 'quiet harbour 9034';
/** Added to the console's clock to let sessions go idle without waiting. */
let clockOffsetMs = 0;

const missing = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`;
if (missing) console.warn(`Skipping the console shell browser test: ${missing}.`);

/** The console the page talks to (the same composition root as the desktop app). */
let runtime: ConsoleRuntime;
let browser: Browser | undefined;

describe.skipIf(missing !== null)('console shell in Chromium over the loopback bridge', () => {
  let dataDir: string;
  let buildDir: string;
  let bridge: RunningBridge | undefined;
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
    runtime = await openTestRuntime(dataDir);
    // The first admin, then the accounts: alice imports, wang works at the page.
    const init = await runtime.app.call(
      'initialise',
      { admin: 'admin', password: ADMIN_PASSWORD, passphrase: PASSPHRASE },
      { lang: 'en', session: null },
    );
    if (!init.ok) throw new Error(`initialise refused: ${JSON.stringify(init)}`);
    const admin = await signInDirectly('admin', ADMIN_PASSWORD);
    await addUser(admin, 'alice', ['operator'], ALICE_PASSWORD);
    await addUser(admin, PAGE_USER, ['approver'], PAGE_PASSWORD);
    await importSample(FILE_NAME, [ROW_1, ROW_2]);

    await Promise.all([built, launched]);
    bridge = await startBridge({ rendererDir: join(buildDir, 'renderer'), runtime });
    ({ page } = await openPage(bridge, problems));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('asks to sign in first, in the page language, and shows nothing of the console', async () => {
    const form = page.locator('form');
    await expect.poll(() => form.locator('h2').textContent()).toBe('登录');
    expect(await page.getByLabel('账户名', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('密码', { exact: true }).count()).toBe(1);
    // The name field has the focus: the form is usable from the keyboard at once.
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: PageDocument }).document.activeElement?.id,
      ),
    ).toBe(await page.getByLabel('账户名', { exact: true }).getAttribute('id'));
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.locator('.user').count()).toBe(0);
    expect(await page.getByText(FILE_NAME).count()).toBe(0);
    // The environment is the console's public state: shown before anyone signs in.
    expect(await page.locator('.env').textContent()).toBe('环境: 内置沙箱');
    await page.screenshot({ path: signInScreenshot('zh-CN'), fullPage: true });

    const language = page.getByLabel('Language');
    await language.selectOption({ label: 'English' });
    await expect.poll(() => form.locator('h2').textContent()).toBe('Sign in');
    expect(await page.getByLabel('Account name', { exact: true }).count()).toBe(1);
    expect(await form.locator('button[type=submit]').textContent()).toBe('Sign in');
    await page.screenshot({ path: signInScreenshot('en'), fullPage: true });
    await language.selectOption({ label: '中文' });
    await expect.poll(() => form.locator('h2').textContent()).toBe('登录');
  });

  it('refuses a wrong password with the message in the page language, listing nothing', async () => {
    await page.getByLabel('账户名', { exact: true }).fill(PAGE_USER);
    await page.getByLabel('密码', { exact: true }).fill('not the password at all');
    await page.getByLabel('密码', { exact: true }).press('Enter');
    const alert = page.locator('form [role=alert]');
    await expect.poll(() => alert.textContent()).toBe('用户名或密码错误。');
    expect(await page.locator('form h2').textContent()).toBe('登录');
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.getByText('还没有批次', { exact: false }).count()).toBe(0);
    expect(await page.locator('.user').count()).toBe(0);
    // The password is typed again, the name kept.
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('账户名', { exact: true }).inputValue()).toBe(PAGE_USER);

    // The same refusal in English, as the main process words it.
    await page.getByLabel('Language').selectOption({ label: 'English' });
    await page.getByLabel('Password', { exact: true }).fill('still not the password');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect.poll(() => alert.textContent()).toBe('Wrong user name or password.');
    await page.getByLabel('Language').selectOption({ label: '中文' });
    await expect.poll(() => page.locator('form h2').textContent()).toBe('登录');
  });

  it('signs in from the keyboard; the header names the user and their role', async () => {
    await signInThroughPage(page, PAGE_USER, PAGE_PASSWORD);
    const user = page.locator('header .user');
    await expect.poll(() => user.locator('.user-name').textContent()).toBe(PAGE_USER);
    expect(await user.locator('.user-roles').textContent()).toBe('审批人');
    expect(await page.locator('header button').textContent()).toContain('退出登录');
    expect(await page.locator('form').count()).toBe(0);
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

    expect(await page.locator('header .user-roles').textContent()).toBe('approver');
    expect(await page.locator('header button').textContent()).toContain('Sign out');

    await language.selectOption({ label: '中文' });
    await expect.poll(() => heading.textContent()).toBe('银联代付控制台');
    expect(await page.locator('thead th').allTextContents()).toContain('总额（元）');

    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it('shows a list that failed to load as an error with a retry, never as an empty list', async () => {
    // The bridge answers the next listBatches with a failure (as a broken database would).
    const failure = { code: 'INTERNAL', message: '内部错误（参考号 E2E-1）。' };
    await page.route('**/__bridge/op/listBatches', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: failure }) }),
    );
    await page.getByLabel('Language').selectOption({ label: 'English' });
    await page.getByLabel('Language').selectOption({ label: '中文' });
    const alert = page.locator('main [role=alert]');
    await expect.poll(() => alert.textContent()).toContain('加载失败: 内部错误（参考号 E2E-1）。 (INTERNAL)');
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.getByText('还没有批次', { exact: false }).count()).toBe(0);

    await page.unroute('**/__bridge/op/listBatches');
    await page.getByRole('button', { name: '重试' }).press('Enter');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await alert.count()).toBe(0);
  });

  it('asks for the password when the session locked after idle time, then shows the list again', async () => {
    // Time passes beyond the idle limit (15 minutes by default); the next call is refused as locked.
    clockOffsetMs += 16 * 60_000;
    await page.getByLabel('Language').selectOption({ label: 'English' });
    const form = page.locator('form');
    await expect.poll(() => form.locator('h2').textContent()).toBe('Session locked');
    expect(await form.locator('p').first().textContent()).toBe(
      `The session of ${PAGE_USER} locked after a time without activity: enter the password again.`,
    );
    expect(await page.locator('table').count()).toBe(0);
    // The message follows the page's language (asked again; the session stays locked).
    await page.getByLabel('Language').selectOption({ label: '中文' });
    await expect
      .poll(() => form.locator('p').first().textContent())
      .toBe(`${PAGE_USER} 的会话因长时间无操作已锁定：请重新输入密码。`);
    await page.getByLabel('Language').selectOption({ label: 'English' });
    await expect.poll(() => form.locator('h2').textContent()).toBe('Session locked');

    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect.poll(() => form.locator('[role=alert]').textContent()).toBe('Wrong user name or password.');

    await page.getByLabel('Password', { exact: true }).fill(PAGE_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('h2').textContent()).toBe('Batches');
    await page.getByLabel('Language').selectOption({ label: '中文' });
    await expect.poll(() => page.locator('h2').textContent()).toBe('批次');
  });

  it('signs out back to the form, and in again', async () => {
    await page.locator('header button', { hasText: '退出登录' }).click();
    const form = page.locator('form');
    await expect.poll(() => form.locator('h2').textContent()).toBe('登录');
    expect(await form.locator('[role=status]').textContent()).toBe('已退出登录。');
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.locator('.user').count()).toBe(0);
    // The bridge holds no session any more: the page's API reads nothing.
    const refused = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as { cupConsole: Record<string, (input?: unknown) => Promise<unknown>> }
      ).cupConsole;
      return (await api['listBatches']?.(undefined)) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });

    await signInThroughPage(page, PAGE_USER, PAGE_PASSWORD);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
  });

  it('on a new database, asks for the first admin and signs them in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-e2e-new-'));
    const fresh = await openTestRuntime(dir);
    const freshBridge = await startBridge({ rendererDir: join(buildDir, 'renderer'), runtime: fresh });
    const freshProblems: string[] = [];
    const opened = await openPage(freshBridge, freshProblems, 'en');
    try {
      const newPage = opened.page;
      const form = newPage.locator('form');
      await expect.poll(() => form.locator('h2').textContent()).toBe('Create the first admin');
      await newPage.screenshot({ path: firstAdminScreenshot, fullPage: true });
      const passphraseField = newPage.getByLabel('Passphrase for the command line (optional)');
      expect(await passphraseField.getAttribute('aria-describedby')).toBeTruthy();

      await newPage.getByLabel('Account name', { exact: true }).fill('chen');
      await newPage.getByLabel('Password', { exact: true }).fill('river stone lamp 42');
      await newPage.getByLabel('Password again', { exact: true }).fill('river stone lamp 43');
      await newPage.getByLabel('Password again', { exact: true }).press('Enter');
      const alert = form.locator('[role=alert]');
      await expect.poll(() => alert.textContent()).toBe('The two passwords differ.');

      // The passphrase is checked by the console: too short, refused in the page language, nothing created.
      await newPage.getByLabel('Password again', { exact: true }).fill('river stone lamp 42');
      await passphraseField.fill('short');
      await passphraseField.press('Enter');
      await expect.poll(() => alert.textContent()).toContain('The passphrase is too short');
      const status = await fresh.app.call('securityStatus', undefined, { lang: 'en', session: null });
      expect(status).toMatchObject({ ok: true, value: { initialised: false } });

      await passphraseField.fill(PASSPHRASE);
      await passphraseField.press('Enter');
      const user = newPage.locator('header .user');
      await expect.poll(() => user.locator('.user-name').textContent()).toBe('chen');
      expect(await user.locator('.user-roles').textContent()).toBe('admin');
      await expect
        .poll(() => newPage.locator('main p').first().textContent())
        .toBe('No batches yet. Import a payout file with the cup-payouts import command.');
      expect(freshProblems).toEqual([]);
    } finally {
      await opened.context.close();
      await freshBridge.close();
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
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

/** A console on a new database in `dir`, its key unlocked by the passphrase, on the test's clock. */
function openTestRuntime(dir: string): Promise<ConsoleRuntime> {
  return openConsole({
    databasePath: join(dir, 'console.sqlite'),
    version: '0.1.0-e2e',
    logDir: join(dir, 'logs'),
    keySources: { passphrase: async () => PASSPHRASE, passphraseAvailable: () => true },
    now: () => new Date(Date.now() + clockOffsetMs),
  });
}

/** A page on the bridge, in `locale`, with its console errors, page errors and CSP violations collected. */
async function openPage(
  running: RunningBridge,
  problems: string[],
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (browser as Browser).newContext({ locale, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
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
  await page.addInitScript({ content: consoleShim(running.token) });
  await page.goto(running.url);
  return { context, page };
}

/** Signs in as a person does: types the name and the password (Chinese labels), presses Enter. */
async function signInThroughPage(page: Page, name: string, password: string): Promise<void> {
  const nameField = page.getByLabel('账户名', { exact: true });
  await expect.poll(() => nameField.count()).toBe(1);
  await nameField.fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await expect.poll(() => page.locator('header .user').count()).toBe(1);
}

/** Signs in on the application layer itself (as the command line does): the session's token. */
async function signInDirectly(name: string, password: string): Promise<string> {
  const result = await runtime.app.call('signIn', { name, password }, { lang: 'en', session: null });
  if (!result.ok || result.value.token === null)
    throw new Error(`sign-in refused: ${JSON.stringify(result)}`);
  return result.value.token;
}

async function addUser(admin: string, name: string, roles: Role[], password: string): Promise<void> {
  const result = await runtime.app.call('addUser', { name, roles, password }, { lang: 'en', session: admin });
  if (!result.ok) throw new Error(`addUser ${name} refused: ${JSON.stringify(result)}`);
}

/** Imports rows as alice (an operator) through the application layer, as any shell would. */
async function importSample(name: string, rows: string[]): Promise<void> {
  // Signed in for each import: the test's clock may have let an earlier session lock.
  const alice = await signInDirectly('alice', ALICE_PASSWORD);
  const result = await runtime.app.call(
    'importFile',
    { file: { name, bytes: utf8([EN_HEADER, ...rows].join('\n') + '\n') } },
    { lang: 'en', session: alice },
  );
  await runtime.app.call('signOut', undefined, { lang: 'en', session: alice });
  if (!result.ok || result.value.batch_id === null)
    throw new Error(`import refused: ${JSON.stringify(result)}`);
}

/**
 * The slice of the DOM the browser-side callbacks use. This project typechecks tests without the DOM lib
 * (they run under Node); the callbacks are serialized into the page, so they cannot call a helper from
 * this file either and reach `document` through globalThis themselves.
 */
interface PageDocument {
  activeElement: { id: string } | null;
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
  createElement(tag: 'script'): { textContent: string };
  head: { append(node: unknown): void };
  body: { dataset: Record<string, string | undefined> };
}
