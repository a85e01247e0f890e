import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../renderer/src/format.js';
import { ApprovalPage } from './pages/ApprovalPage.js';
import { AttentionPage } from './pages/AttentionPage.js';
import { BatchDetailPage } from './pages/BatchDetailPage.js';
import { BatchesPage } from './pages/BatchesPage.js';
import { ConsoleLayout } from './pages/ConsoleLayout.js';
import { ConsoleUi } from './pages/consoleUi.js';
import { ImportWizard } from './pages/ImportWizard.js';
import { OTHER_LANG } from './pages/messages.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { ValidationGrid } from './pages/ValidationGrid.js';
import {
  ACCOUNTS,
  ROOT,
  newBuildDir,
  TMP_ROOT,
  buildRenderer,
  chromiumMissing,
  launchChromium,
  openConsolePage,
  startLiveConsole,
  type AccountName,
  type LiveConsole,
} from './support/liveConsole.js';
import { followBridgeCalls, saveScreen, type BridgeActivity } from './support/screens.js';
import { poll } from './support/poll.js';

/**
 * The desktop console's whole workflow in Debian's Chromium, against browser mode on the embedded sandbox:
 * an operator imports the shipped sample through the wizard and fixes it in the grid, an approver checks the
 * control totals and approves, the operator sends it and watches every payout reach its final status live,
 * then the needs-attention queue, the results export and the other language. Every main screen is saved in
 * both languages (for the README with UPDATE_SCREENSHOTS=1: support/screens.ts).
 */

const SAMPLE = join(ROOT, 'resources', 'samples', 'payouts-sample-zh-CN.csv');

/**
 * The sample (README, "First steps"): 12 rows, the header being line 1. Seven are payable (line 13 with a
 * warning); lines 8–12 have errors, line 8's being the amount below the minimum (¥5.00), fixed here.
 */
const SAMPLE_ROWS = 12;
const FIXED_LINE = 8;
const FIXED_PAYMENT_ID = 'SAMPLE-202612-0007';
const FIXED_AMOUNT = '50.00';
const WARNING_PAYMENT_ID = 'SAMPLE-202612-0012';
const PAYABLE_FEN = 2_713_946;
const IMPORTED_COUNT = 8;
const IMPORTED_FEN = PAYABLE_FEN + 5_000;
/** Lines 9–12 (¥300.00 each) still have errors once line 8 is fixed. */
const LEFT_OUT_ERRORS = 4;
const LEFT_OUT_FEN = 4 * 30_000;

/** The sample's card numbers, in clear: none may appear in what the console exports. */
const SAMPLE_CARDS = [
  ...new TextDecoder('gb18030').decode(readFileSync(SAMPLE)).matchAll(/\b62\d{14,17}\b/g),
].map((match) => match[0]);

let live: LiveConsole;
let browser: Browser | undefined;
let buildDir: string | undefined;
let page: Page;
let activity: BridgeActivity;
/** Console errors, page errors and CSP violations of every page, in order. */
const problems: string[] = [];

/** The page and its current language, shared by the page models. */
let shared: ConsoleUi;
let signIn: SignInPage;
let layout: ConsoleLayout;
let batches: BatchesPage;
let detail: BatchDetailPage;
let wizard: ImportWizard;
let grid: ValidationGrid;
let approval: ApprovalPage;
let attention: AttentionPage;
let settings: SettingsPage;

/** The draft the wizard made. */
let batchId = 0;

/** Saves the screen in the current language and in the other one, then comes back. */
async function captureBoth(screen: string, settled: () => Promise<unknown>): Promise<void> {
  const first = shared.lang;
  await settled();
  await saveScreen(page, activity, screen, first);
  await layout.switchLanguage(OTHER_LANG[first]);
  await settled();
  await saveScreen(page, activity, screen, shared.lang);
  await layout.switchLanguage(first);
  await settled();
}

async function signInAs(name: AccountName): Promise<void> {
  await signIn.signIn(name, ACCOUNTS[name].password);
}

/** A session of `name` on the application layer, to check what the screens stored. */
async function appCaller(name: AccountName) {
  return { lang: 'en' as const, session: await live.signIn(name) };
}

describe.skipIf(chromiumMissing() !== null)('the desktop console workflow in Chromium', () => {
  beforeAll(async () => {
    buildDir = newBuildDir('e2e-workflow-build-');
    const launched = launchChromium().then((started) => (browser = started));
    const rendererDir = await buildRenderer(buildDir);
    await launched;
    // The sandbox settles a payout after 2 s; the engine asks for it soon after (production waits 10 s).
    live = await startLiveConsole(rendererDir, {
      sending: { timing: { statusDelayMs: 2_500, pollInitialMs: 1_000 } },
    });
    ({ page } = await openConsolePage(browser as Browser, live.bridge, problems, 'zh-CN'));
    activity = followBridgeCalls(page);
    shared = new ConsoleUi(page, 'zh-CN');
    signIn = new SignInPage(shared);
    layout = new ConsoleLayout(shared);
    batches = new BatchesPage(shared);
    detail = new BatchDetailPage(shared);
    wizard = new ImportWizard(shared);
    grid = new ValidationGrid(shared);
    approval = new ApprovalPage(shared);
    attention = new AttentionPage(shared);
    settings = new SettingsPage(shared);
  }, 240_000);

  // A failed step leaves the page as it was, for whoever reads the failure.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await page.screenshot({ path: join(TMP_ROOT, 'workflow-failure.png') }).catch(() => {});
    }
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
    if (live) rmSync(live.dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('opens on the sign-in form, in the page language', async () => {
    await signIn.waitForSignIn();
    await saveScreen(page, activity, 'sign-in', 'zh-CN');
    // The same form for a browser in English (nobody is signed in on the bridge yet).
    const english = await openConsolePage(browser as Browser, live.bridge, problems, 'en');
    try {
      const englishSignIn = new SignInPage(new ConsoleUi(english.page, 'en'));
      await englishSignIn.waitForSignIn();
      await saveScreen(english.page, followBridgeCalls(english.page), 'sign-in', 'en');
    } finally {
      await english.context.close();
    }
  }, 180_000);

  it('alice imports the sample through the wizard, fixing an error in the grid', async () => {
    await signInAs('alice');
    await layout.open('import');
    await wizard.waitUntilShown();
    await wizard.chooseFile(SAMPLE);

    // The preview: the file as the console reads it, encoding and delimiter detected.
    await poll(() => wizard.fileName.innerText()).toBe(basename(SAMPLE));
    await poll(() => wizard.chosen('encoding')).toContain('GB18030');
    expect(await wizard.chosen('delimiter')).toContain(shared.t('import.delimiter.comma'));
    expect(await wizard.rawPreview.innerText()).toContain('SAMPLE-202612-0001');
    await captureBoth('import-preview', async () => {
      await wizard.validateButton(SAMPLE_ROWS).waitFor();
      await wizard.rawPreview.waitFor();
    });

    await wizard.validate(SAMPLE_ROWS);
    await grid.waitUntilShown();
    await poll(() => grid.figure('rows').innerText()).toBe(String(SAMPLE_ROWS));
    await poll(() => grid.figure('errors').innerText()).toBe('5');
    expect(await grid.figure('warnings').innerText()).toBe('1');
    expect(await grid.figure('total').innerText()).toContain(formatYuan(PAYABLE_FEN));
    expect(await grid.status(FIXED_LINE)).toBe(shared.t('labels.rowStatus.error'));
    // Error rows block the import until they are fixed or explicitly left out.
    expect(await grid.importButton(7, PAYABLE_FEN).isDisabled()).toBe(true);

    // The amount below the minimum, corrected in its cell: the row is validated again and becomes OK.
    await grid.editCell(FIXED_LINE, 'amount_fen', FIXED_AMOUNT);
    await poll(() => grid.status(FIXED_LINE)).toBe(shared.t('labels.rowStatus.ok'));
    await poll(() => grid.figure('errors').innerText()).toBe(String(LEFT_OUT_ERRORS));
    await poll(() => grid.figure('total').innerText()).toContain(formatYuan(IMPORTED_FEN));
    expect(await (await grid.cell(FIXED_LINE, shared.t('import.field.amount_fen'))).innerText()).toBe(
      formatYuan(5_000),
    );
    await captureBoth('validation-grid', () => grid.waitUntilShown());

    // Import without the remaining error rows: the box names their number and sum.
    await grid.leaveErrorsOut(LEFT_OUT_ERRORS, LEFT_OUT_FEN);
    const importButton = grid.importButton(IMPORTED_COUNT, IMPORTED_FEN);
    await poll(() => importButton.isEnabled()).toBe(true);
    await importButton.click();
    await page.waitForURL(/#\/batches\/\d+$/);
    batchId = Number(/#\/batches\/(\d+)$/.exec(page.url())?.[1]);
    await detail.waitUntilShown(batchId);
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.draft'));

    // What was stored, asked of the application layer: the draft, its 8 payouts and their total.
    const caller = await appCaller('alice');
    const stored = await live.runtime.app.call('batchDetail', { batchId, limit: 100 }, caller);
    if (!stored.ok) throw new Error(`batchDetail refused: ${JSON.stringify(stored.error)}`);
    expect(stored.value.batch).toMatchObject({
      status: 'draft',
      payout_count: IMPORTED_COUNT,
      total_fen: IMPORTED_FEN,
      created_by: 'alice',
      dropped_error_rows: LEFT_OUT_ERRORS,
    });
    expect(stored.value.rows).toHaveLength(IMPORTED_COUNT);
    expect(stored.value.rows.find((row) => row.line === FIXED_LINE)).toMatchObject({
      payment_id: FIXED_PAYMENT_ID,
      amount_fen: 5_000,
    });
  }, 180_000);

  it('wang reviews the control totals and warnings, and approves only with the right figures', async () => {
    await layout.signOut();
    await signInAs('wang');
    await layout.open('batches');
    await batches.waitUntilShown();
    const row = batches.row(batchId);
    await poll(() => row.innerText()).toContain(shared.t('labels.batchStatus.draft'));
    expect(await row.innerText()).toContain(shared.t('batches.awaitingTag'));
    expect(await batches.awaitingApproval.innerText()).toContain(
      shared.t('batches.awaitingHint', { n: 1 }, 1),
    );
    await captureBoth('batches', async () => {
      await batches.waitUntilShown();
      await batches.row(batchId).waitFor();
    });

    // The queue lists the draft as waiting for approval.
    await layout.open('attention');
    await attention.waitUntilShown();
    await poll(() => attention.item(batchId).count()).toBe(1);
    expect(await attention.item(batchId).innerText()).toContain(shared.t('labels.batchStatus.draft'));
    await captureBoth('needs-attention', () => attention.waitUntilShown());

    await attention.openLink(batchId).click();
    await detail.waitUntilShown(batchId);
    await detail.action('approve').click();
    await approval.waitUntilShown(batchId);
    expect(await approval.controlCount.innerText()).toBe(String(IMPORTED_COUNT));
    expect(await approval.controlTotal.innerText()).toBe(formatYuan(IMPORTED_FEN));
    await approval.warningsHeading(1).waitFor();
    expect(await approval.warningRows.count()).toBe(1);
    expect(await approval.warningRows.innerText()).toContain(WARNING_PAYMENT_ID);
    await captureBoth('approval-review', () => approval.waitUntilShown(batchId));

    // A mistyped total: the page says it differs and offers no approval…
    await approval.typeFigures(String(IMPORTED_COUNT), formatYuan(IMPORTED_FEN - 1).slice(1));
    await poll(() => approval.countCheck.innerText()).toBe(shared.t('approval.matches'));
    await poll(() => approval.totalCheck.innerText()).toBe(shared.t('approval.differs'));
    expect(await approval.approveButton.isDisabled()).toBe(true);
    // …and the console refuses it too, whoever asks.
    const refused = await page.evaluate(
      (input) =>
        (
          globalThis as unknown as {
            cupConsole: { approveBatch(input: unknown): Promise<{ ok: boolean; error?: { code: string } }> };
          }
        ).cupConsole.approveBatch(input),
      { batchId, confirmCount: IMPORTED_COUNT, confirmTotalFen: IMPORTED_FEN - 1 },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_TOTALS_MISMATCH' } });

    // The right count and sum approve it.
    await approval.typedTotal.fill(formatYuan(IMPORTED_FEN).slice(1));
    await poll(() => approval.totalCheck.innerText()).toBe(shared.t('approval.matches'));
    await poll(() => approval.approveButton.isEnabled()).toBe(true);
    await approval.approveButton.click();
    await detail.waitUntilShown(batchId);
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.approved'));
  }, 180_000);

  it('alice sends it and watches every payout reach its final status live', async () => {
    await layout.signOut();
    await signInAs('alice');
    await layout.open('batches');
    await batches.waitUntilShown();
    await batches.open(batchId);
    await poll(() => detail.progressFinal.innerText()).toBe(detail.finalOf(0, IMPORTED_COUNT));

    // A mark on the window: still there at the end, so nothing reloaded the page.
    await page.evaluate(() => {
      (globalThis as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded = true;
    });
    let loads = 0;
    page.on('load', () => (loads += 1));

    await detail.send(
      shared.t('batches.action.confirmSubmit', {
        id: batchId,
        count: String(IMPORTED_COUNT),
        total: formatYuan(IMPORTED_FEN),
        environment: shared.t('labels.environment.sandbox'),
      }),
    );
    // Being sent: no payout is final before the engine first asks the sandbox (2.5 s after sending).
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.sending'));
    await poll(() => detail.progressFinal.innerText(), 120_000).toBe(
      detail.finalOf(IMPORTED_COUNT, IMPORTED_COUNT),
    );
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.completed'));
    // Every payout of the grid is paid; the progress block has one state left: paid, with the whole sum.
    await poll(() => detail.payoutRows.count()).toBe(IMPORTED_COUNT);
    const paid = shared.t('labels.payoutState.success');
    await poll(
      async () => (await detail.payoutRows.allInnerTexts()).filter((text) => text.includes(paid)).length,
    ).toBe(IMPORTED_COUNT);
    expect(await detail.progressStates.allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(`${paid}\\s+${IMPORTED_COUNT}\\s+${formatYuan(IMPORTED_FEN).replace(/[.$]/g, '\\$&')}`),
      ),
    ]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded),
    ).toBe(true);
    expect(loads).toBe(0);
    await captureBoth('batch-detail', () => detail.waitUntilShown(batchId));
  }, 180_000);

  it('opens the needs-attention queue: nothing waits any more', async () => {
    await layout.open('attention');
    await attention.waitUntilShown();
    await attention.empty.waitFor();
    expect(await attention.empty.innerText()).toContain(shared.t('attention.emptyTitle'));
    expect(await attention.table.count()).toBe(0);
  }, 180_000);

  it('exports the results: UTF-8 with a byte-order mark, no card number in clear', async () => {
    await layout.open('batches');
    await batches.open(batchId);
    await detail.waitUntilShown(batchId);
    const download = await detail.exportResults();
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = join(TMP_ROOT, `workflow-export-${process.pid}.csv`);
    await download.saveAs(path);
    try {
      const bytes = readFileSync(path);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.slice(1).startsWith('\uFEFF')).toBe(false);
      expect(text).toContain(FIXED_PAYMENT_ID);
      expect(SAMPLE_CARDS.length).toBeGreaterThan(0);
      for (const card of SAMPLE_CARDS) expect(text).not.toContain(card);
      expect(text).not.toMatch(/\b62\d{14,17}\b/);
    } finally {
      rmSync(path, { force: true });
    }
  }, 180_000);

  it('switches the language: statuses, states and amounts in English', async () => {
    await layout.switchLanguage('en');
    await detail.waitUntilShown(batchId);
    await poll(() => detail.status.innerText()).toBe('Completed');
    expect(shared.t('labels.batchStatus.completed')).toBe('Completed');
    expect(await detail.progressFinal.innerText()).toBe(detail.finalOf(IMPORTED_COUNT, IMPORTED_COUNT));
    expect(await detail.progressStates.first().innerText()).toContain(shared.t('labels.payoutState.success'));
    expect(await detail.facts.innerText()).toContain(formatYuan(IMPORTED_FEN));
    expect(await layout.navItem('attention').innerText()).toBe('Needs attention');

    await layout.open('batches');
    await batches.waitUntilShown();
    const row = batches.row(batchId);
    await poll(() => row.innerText()).toContain(shared.t('labels.batchStatus.completed'));
    expect(await row.innerText()).toContain(formatYuan(IMPORTED_FEN));
    expect(await row.innerText()).toContain(
      shared.t('batches.payoutsCount', { n: IMPORTED_COUNT }, IMPORTED_COUNT),
    );
    expect(await batches.columnTitles()).toContain(shared.t('batches.column.total'));
  }, 180_000);

  it('shows the admin the settings', async () => {
    await layout.signOut();
    await signInAs('admin');
    await layout.open('settings');
    await settings.waitUntilShown();
    await settings.tab('general').waitFor();
    expect(await settings.tab('general').getAttribute('aria-selected')).toBe('true');
    await captureBoth('settings', () => settings.waitUntilShown());
  }, 180_000);

  it('logged no console error and no CSP violation on the way', () => {
    expect(problems).toEqual([]);
  });
});
