import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodId } from '../../electron/contract/records.js';
import { formatYuan } from '../../renderer/src/format.js';
import { EN_HEADER, ROW_1, ROW_2, utf8 } from '../fixtures/csv/samples.js';
import { BatchesPage } from './pages/BatchesPage.js';
import { ConsoleLayout } from './pages/ConsoleLayout.js';
import { ConsoleUi } from './pages/consoleUi.js';
import { consoleError, type Lang } from './pages/messages.js';
import { SignInPage } from './pages/SignInPage.js';
import {
  ACCOUNTS,
  PASSPHRASE,
  newBuildDir,
  TMP_ROOT,
  buildRenderer,
  chromiumMissing,
  launchChromium,
  openConsolePage,
  startLiveConsole,
  type LiveConsole,
} from './support/liveConsole.js';
import { poll } from './support/poll.js';

/**
 * The console's shell as people meet it, in Chromium over browser mode's bridge to the real application
 * layer: the way in (first admin, sign-in, the locked session), the header, the batch list with its live
 * updates and its failure state, signing out. (The page's security itself: security.test.ts.)
 */

/** The person at the page: an approver. */
const PAGE_USER = 'wang';
const PAGE_PASSWORD = ACCOUNTS.wang.password;
const FILE_NAME = '五月工资.csv';
/** ROW_1 and ROW_2: ¥1,234.56 and ¥100.00. */
const FILE_TOTAL_FEN = 133_456;

/** Added to the console's clock to let the session go idle without waiting. */
let clockOffsetMs = 0;
let browser: Browser | undefined;
let buildDir: string | undefined;
let rendererDir: string;
let live: LiveConsole;
/** Console errors, page errors and CSP violations, in order. */
const problems: string[] = [];

/** The page a person works at (the bridge holds one session: one person at a time). */
let page: Page;
let shared: ConsoleUi;
let signIn: SignInPage;
let layout: ConsoleLayout;
let batches: BatchesPage;
/** The same console opened by a browser set to English, before anyone signed in. */
let english: { context: BrowserContext; page: Page; signIn: SignInPage } | undefined;

/** Imports rows as alice (an operator) on the application layer, as another desk would. */
async function importElsewhere(name: string, rows: string[]): Promise<void> {
  // Signed in for each import: the moved clock may have locked an earlier session.
  const alice = await live.signIn('alice');
  const caller = { lang: 'en' as const, session: alice };
  const result = await live.runtime.app.call(
    'importFile',
    { file: { name, bytes: utf8([EN_HEADER, ...rows].join('\n') + '\n') } },
    caller,
  );
  await live.runtime.app.call('signOut', undefined, caller);
  if (!result.ok || result.value.batch_id === null)
    throw new Error(`import refused: ${JSON.stringify(result)}`);
}

/** Calls the page's console API itself (what any script in the page could do). */
function pageCall(target: Page, name: string): Promise<{ ok: boolean; error?: { code: string } }> {
  return target.evaluate(async (operation) => {
    const api = (
      globalThis as unknown as { cupConsole: Record<string, (input?: unknown) => Promise<unknown>> }
    ).cupConsole;
    return (await api[operation]?.(undefined)) as { ok: boolean; error?: { code: string } };
  }, name);
}

function hasFocus(field: Locator): Promise<boolean> {
  return field.evaluate((element) =>
    (element as unknown as { matches(selector: string): boolean }).matches(':focus'),
  );
}

describe.skipIf(chromiumMissing() !== null)('the console shell in Chromium', () => {
  beforeAll(async () => {
    buildDir = newBuildDir('e2e-shell-build-');
    const launched = launchChromium().then((started) => (browser = started));
    rendererDir = await buildRenderer(buildDir);
    await launched;
    live = await startLiveConsole(rendererDir, { now: () => new Date(Date.now() + clockOffsetMs) });
    await importElsewhere(FILE_NAME, [ROW_1, ROW_2]);
    ({ page } = await openConsolePage(browser as Browser, live.bridge, problems, 'zh-CN'));
    shared = new ConsoleUi(page, 'zh-CN');
    signIn = new SignInPage(shared);
    layout = new ConsoleLayout(shared);
    batches = new BatchesPage(shared);
  }, 240_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await page.screenshot({ path: join(TMP_ROOT, 'shell-failure.png') }).catch(() => {});
    }
  });

  afterAll(async () => {
    await english?.context.close();
    await browser?.close();
    await live?.close();
    if (live) rmSync(live.dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('asks to sign in first, in the page language, and shows nothing of the console', async () => {
    await signIn.waitForSignIn();
    await signIn.title.waitFor();
    expect(await signIn.heading.innerText()).toBe('登录');
    expect(await signIn.nameField.count()).toBe(1);
    expect(await signIn.passwordField.count()).toBe(1);
    // The name field has the focus: the form is usable from the keyboard at once.
    await poll(() => hasFocus(signIn.nameField)).toBe(true);
    expect(await layout.user.count()).toBe(0);
    expect(await layout.menu.count()).toBe(0);
    expect(await batches.grid.count()).toBe(0);
    expect(await page.getByText(FILE_NAME).count()).toBe(0);

    // A browser set to English gets the form in English.
    const opened = await openConsolePage(browser as Browser, live.bridge, problems, 'en');
    english = { ...opened, signIn: new SignInPage(new ConsoleUi(opened.page, 'en')) };
    await english.signIn.waitForSignIn();
    expect(await english.signIn.heading.innerText()).toBe('Sign in');
    expect(await english.page.getByLabel('Account name', { exact: true }).count()).toBe(1);
    expect(await english.signIn.signInButton.innerText()).toBe('Sign in');
  }, 120_000);

  it('refuses a wrong password with the message in the page language, listing nothing', async () => {
    await signIn.submitSignIn(PAGE_USER, 'not the password at all');
    await poll(() => signIn.alert.innerText()).toBe(consoleError('zh-CN', 'SIGN_IN_FAILED'));
    expect(await signIn.heading.innerText()).toBe('登录');
    expect(await batches.grid.count()).toBe(0);
    expect(await layout.user.count()).toBe(0);
    // The password is typed again, the name kept.
    expect(await signIn.passwordField.inputValue()).toBe('');
    expect(await signIn.nameField.inputValue()).toBe(PAGE_USER);

    // The same refusal in English, as the main process words it.
    const inEnglish = english as NonNullable<typeof english>;
    await inEnglish.signIn.submitSignIn(PAGE_USER, 'still not the password');
    await poll(() => inEnglish.signIn.alert.innerText()).toBe(consoleError('en', 'SIGN_IN_FAILED'));
    expect(await inEnglish.page.getByTestId('signed-in-user').count()).toBe(0);
    await inEnglish.context.close();
    english = undefined;
  }, 120_000);

  it('signs in from the keyboard; the header names the user and their role, the menu what they may use', async () => {
    await signIn.signIn(PAGE_USER, PAGE_PASSWORD);
    await poll(() => layout.user.innerText()).toContain(PAGE_USER);
    expect(await layout.user.innerText()).toContain(shared.t('labels.role.approver'));
    expect(await layout.environment.innerText()).toBe(
      `${shared.t('layout.environment')}: ${shared.t('labels.environment.sandbox')}`,
    );
    await layout.signOutButton.waitFor();
    expect(await signIn.form('signIn').count()).toBe(0);
    // An approver neither imports nor changes settings: those screens are not offered.
    expect(await layout.menu.getByRole('menuitem').allInnerTexts()).toEqual([
      shared.t('layout.nav.batches'),
      shared.t('layout.nav.attention'),
      shared.t('layout.nav.reports'),
      shared.t('layout.nav.reconciliation'),
    ]);
  }, 120_000);

  it('lists the imported batch in the grid, its method, status and amount in the page language', async () => {
    await batches.waitUntilShown();
    await poll(() => batches.rows.count()).toBe(1);
    const listed = await live.runtime.app.call('listBatches', undefined, {
      lang: 'en',
      session: await live.signIn('zhao'),
    });
    if (!listed.ok) throw new Error(`listBatches refused: ${JSON.stringify(listed.error)}`);
    const [batch] = listed.value;
    const method = (batch?.method ?? 'cup-p2p') as MethodId;
    const rowText = () => batches.row(batch?.id ?? 0).innerText();
    const expectRow = async (lang: Lang) => {
      const text = await rowText();
      expect(text, lang).toContain(FILE_NAME);
      expect(text, lang).toContain(shared.t(`labels.method.${method}`));
      expect(text, lang).toContain(shared.t('labels.batchStatus.draft'));
      expect(text, lang).toContain(formatYuan(FILE_TOTAL_FEN));
      expect(text, lang).toContain(shared.t('batches.payoutsCount', { n: 2 }, 2));
      expect(text, lang).toContain('alice');
      expect(await batches.columnTitles(), lang).toContain(shared.t('batches.column.total'));
    };
    await expectRow('zh-CN');
    expect(await batches.awaitingApproval.innerText()).toContain(
      shared.t('batches.awaitingHint', { n: 1 }, 1),
    );

    await layout.switchLanguage('en');
    await batches.waitUntilShown();
    await poll(rowText).toContain(shared.t('labels.batchStatus.draft'));
    await expectRow('en');
    expect(await layout.user.innerText()).toContain('Approver');
    await layout.switchLanguage('zh-CN');
    await batches.waitUntilShown();
  }, 120_000);

  it('updates live when a batch is imported elsewhere (events over the bridge, no reload)', async () => {
    await poll(() => batches.rows.count()).toBe(1);
    await page.evaluate(() => {
      (globalThis as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded = true;
    });
    await importElsewhere('六月工资.csv', [ROW_1.replace('P-1', 'P-LIVE-1')]);
    await poll(() => batches.rows.count()).toBe(2);
    expect(await batches.rows.first().innerText()).toContain('六月工资.csv');
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded),
    ).toBe(true);
  }, 120_000);

  it('shows a list that failed to load as an error with a retry, never as an empty list', async () => {
    // The bridge answers the next listBatches with a failure (as a broken database would).
    const failure = { code: 'INTERNAL', message: '内部错误（参考号 E2E-1）。' };
    await page.route('**/__bridge/op/listBatches', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: failure }) }),
    );
    await layout.open('attention');
    await layout.open('batches');
    await batches.heading.waitFor();
    await poll(() => batches.loadError.innerText()).toContain(shared.t('common.loadFailed'));
    expect(await batches.loadError.innerText()).toContain(`${failure.message} (${failure.code})`);
    expect(await batches.grid.count()).toBe(0);
    expect(await page.getByText(shared.t('batches.empty')).count()).toBe(0);

    await page.unroute('**/__bridge/op/listBatches');
    await batches.retryButton.press('Enter');
    await poll(() => batches.rows.count()).toBe(2);
    expect(await batches.loadError.count()).toBe(0);
  }, 120_000);

  it('asks for the password when the session locked after idle time, then shows the list again', async () => {
    // Time passes beyond the idle limit (15 minutes by default); the next call is refused as locked.
    clockOffsetMs += 16 * 60_000;
    await layout.switchLanguage('en');
    const form = signIn.form('unlock');
    await form.waitFor();
    expect(await signIn.heading.innerText()).toBe('Session locked');
    await form
      .getByText(consoleError('en', 'SESSION_LOCKED', { user: PAGE_USER }), { exact: true })
      .waitFor();
    expect(await batches.grid.count()).toBe(0);
    expect(await layout.menu.count()).toBe(0);

    await signIn.unlock('not the password at all');
    await poll(() => signIn.alert.innerText()).toBe(consoleError('en', 'SIGN_IN_FAILED'));
    await signIn.unlock(PAGE_PASSWORD);
    await batches.waitUntilShown();
    await poll(() => batches.rows.count()).toBe(2);
    expect(await batches.heading.innerText()).toBe('Batches');
    await layout.switchLanguage('zh-CN');
    await batches.waitUntilShown();
  }, 120_000);

  it('signs out back to the form, and in again', async () => {
    await layout.signOut();
    await poll(() => signIn.notice.innerText()).toBe(shared.t('common.signedOut'));
    expect(await batches.grid.count()).toBe(0);
    expect(await layout.user.count()).toBe(0);
    // The bridge holds no session any more: the page's API reads nothing.
    expect(await pageCall(page, 'listBatches')).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });

    await signIn.signIn(PAGE_USER, PAGE_PASSWORD);
    await batches.waitUntilShown();
    await poll(() => batches.rows.count()).toBe(2);
  }, 120_000);

  it('on a new database, asks for the first admin and signs them in', async () => {
    const fresh = await startLiveConsole(rendererDir, { blank: true });
    const freshProblems: string[] = [];
    const opened = await openConsolePage(browser as Browser, fresh.bridge, freshProblems, 'en');
    try {
      const ui = new ConsoleUi(opened.page, 'en');
      const access = new SignInPage(ui);
      await access.form('createAdmin').waitFor();
      await poll(() => hasFocus(access.nameField)).toBe(true);

      await access.createAdmin({
        name: 'chen',
        password: 'river stone lamp 42',
        again: 'river stone lamp 43',
      });
      await poll(() => access.alert.innerText()).toBe(ui.t('common.passwordsDiffer'));

      // The passphrase is checked by the console: too short, refused in the page language, nothing created.
      await access.createAdmin({ name: 'chen', password: 'river stone lamp 42', passphrase: 'short' });
      await poll(() => access.alert.innerText()).toBe(
        consoleError('en', 'PASSPHRASE_WEAK', { reason: 'short' }),
      );
      const status = await fresh.runtime.app.call('securityStatus', undefined, { lang: 'en', session: null });
      expect(status).toMatchObject({ ok: true, value: { initialised: false } });

      await access.createAdmin({ name: 'chen', password: 'river stone lamp 42', passphrase: PASSPHRASE });
      const header = new ConsoleLayout(ui);
      await header.waitUntilShown();
      expect(await header.user.innerText()).toContain('chen');
      expect(await header.user.innerText()).toContain(ui.t('labels.role.admin'));
      const list = new BatchesPage(ui);
      await list.waitUntilShown();
      await list.empty.waitFor();
      expect(freshProblems).toEqual([]);
    } finally {
      await opened.context.close();
      await fresh.close();
      rmSync(fresh.dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('logs no console error or CSP violation, and would catch one', async () => {
    expect(problems).toEqual([]);
    // The check above can fail: an injected inline script is refused by the page's CSP, and the refusal is
    // collected.
    const ran = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const script = doc.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      doc.head.append(script);
      return doc.body.dataset['inlineRan'] ?? 'no';
    });
    expect(ran).toBe('no');
    await poll(() => problems.some((p) => p.startsWith('console: CSP violation: script-src'))).toBe(true);
  }, 120_000);
});

/** The slice of the DOM the callback above uses (tests typecheck without the DOM library). */
interface PageDocument {
  createElement(tag: 'script'): { textContent: string };
  head: { append(node: unknown): void };
  body: { dataset: Record<string, string | undefined> };
}
