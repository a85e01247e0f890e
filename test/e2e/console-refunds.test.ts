import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TEST_PAYMENTS } from '../../electron/core/providers/computop/testMerchant.js';
import { formatCount, formatYuan } from '../../renderer/src/format.js';
import { ApprovalPage } from './pages/ApprovalPage.js';
import { BatchDetailPage } from './pages/BatchDetailPage.js';
import { BatchesPage } from './pages/BatchesPage.js';
import { ConsoleLayout } from './pages/ConsoleLayout.js';
import { ConsoleUi } from './pages/consoleUi.js';
import { ImportWizard } from './pages/ImportWizard.js';
import { OTHER_LANG } from './pages/messages.js';
import { SignInPage } from './pages/SignInPage.js';
import { ValidationGrid } from './pages/ValidationGrid.js';
import {
  ACCOUNTS,
  TMP_ROOT,
  buildRenderer,
  chromiumMissing,
  launchChromium,
  newBuildDir,
  openConsolePage,
  startLiveConsole,
  type AccountName,
  type LiveConsole,
} from './support/liveConsole.js';
import { poll } from './support/poll.js';
import { followBridgeCalls, saveScreen, type BridgeActivity } from './support/screens.js';

/**
 * A refund batch in Debian's Chromium, against browser mode on the embedded sandbox and its emulated
 * Computop Paygate: alice imports a refund file (refunds of the sandbox's seeded ChinaPay payments) through
 * the wizard as a refund batch, the list marks it as one, wang approves it, alice sends it and every refund
 * reaches success live; the detail shows each refund's TransID and PayID instead of a payee. The refund batch
 * is saved in both languages (docs/screenshots/refund-batch-*.png with UPDATE_SCREENSHOTS=1).
 */

const [PAYMENT_A, PAYMENT_B, PAYMENT_C, PAYMENT_D] = SEEDED_TEST_PAYMENTS.map((payment) => payment.payId);
const FILE_NAME = 'refunds-e2e-202612.csv';
/** The refund template's Chinese headers (PayID, TransID, amount, currency, reason, RefNr, captured amount). */
const HEADER = '支付号,退款交易号,退款金额,币种,退款原因,商户参考号,原支付金额';
/**
 * Four refunds (lines 2–5). Line 4 leaves its TransID to the console; line 5 refunds more than the file says
 * its payment captured (REFUND_ABOVE_CAPTURE) and is left out at import.
 */
const ROWS = [
  `${PAYMENT_A},RF-E2E-0001,120.00,CNY,客户退货,INV20261201,500.00`,
  `${PAYMENT_B},RF-E2E-0002,88.00,CNY,运费补偿,,1288.00`,
  `${PAYMENT_C},,19.99,CNY,商品缺货,,`,
  `${PAYMENT_D},RF-E2E-0004,600.00,CNY,超额退款,,500.00`,
];
const ABOVE_CAPTURE_LINE = 5;
const ABOVE_CAPTURE_FEN = 60_000;
const REFUNDS = 3;
const REFUNDS_FEN = 12_000 + 8_800 + 1_999;

let live: LiveConsole;
let browser: Browser | undefined;
let buildDir: string | undefined;
let page: Page;
let activity: BridgeActivity;
const problems: string[] = [];
/** The refund file, under its own name (the screens and screenshots show it) in a folder of this run. */
let fileDir: string | undefined;
let filePath = '';

let shared: ConsoleUi;
let signIn: SignInPage;
let layout: ConsoleLayout;
let batches: BatchesPage;
let detail: BatchDetailPage;
let wizard: ImportWizard;
let grid: ValidationGrid;
let approval: ApprovalPage;

/** The refund batch the wizard made. */
let batchId = 0;

async function signInAs(name: AccountName): Promise<void> {
  await signIn.signIn(name, ACCOUNTS[name].password);
}

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

/** The refunds grid of a refund batch's detail. */
function refundsGrid(): Locator {
  return detail.root.getByTestId('refunds-grid');
}

function refundRows(): Locator {
  return refundsGrid().locator('.vxe-body--row');
}

/** "Import N refunds (¥total)". */
function importRefundsButton(refunds: number, totalFen: number): Locator {
  return grid.summary.getByRole('button', {
    name: shared.t(
      'import.kind.importRefunds',
      { n: formatCount(refunds, shared.lang), total: formatYuan(totalFen) },
      refunds,
    ),
    exact: true,
  });
}

describe.skipIf(chromiumMissing() !== null)('a refund batch in Chromium, through Computop Paygate', () => {
  beforeAll(async () => {
    buildDir = newBuildDir('e2e-refunds-build-');
    const launched = launchChromium().then((started) => (browser = started));
    const rendererDir = await buildRenderer(buildDir);
    await launched;
    live = await startLiveConsole(rendererDir, {
      sending: { timing: { statusDelayMs: 2_500, pollInitialMs: 1_000 } },
    });
    mkdirSync(TMP_ROOT, { recursive: true });
    fileDir = mkdtempSync(join(TMP_ROOT, 'e2e-refunds-file-'));
    filePath = join(fileDir, FILE_NAME);
    writeFileSync(filePath, `\uFEFF${[HEADER, ...ROWS].join('\r\n')}\r\n`);
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
  }, 300_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await page.screenshot({ path: join(TMP_ROOT, 'refunds-failure.png') }).catch(() => {});
    }
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
    if (live) rmSync(live.dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  });

  it('alice imports a refund file through the wizard as a refund batch', async () => {
    await signIn.waitForSignIn();
    await signInAs('alice');
    await layout.open('import');
    await wizard.waitUntilShown();

    // The first choice: what the file holds. Refunds offer the refund templates.
    await wizard.root.getByTestId('file-kind-refund').click();
    const refundChoice = wizard.root.getByRole('radio', {
      name: new RegExp(`^${shared.t('import.kind.refund')}`),
    });
    await poll(() => refundChoice.isChecked()).toBe(true);
    const templates = wizard.root.getByTestId('templates');
    await poll(() => templates.getByTestId('template-refund-en').count()).toBe(1);
    expect(await templates.getByTestId('template-refund-zh-CN').count()).toBe(1);
    expect(await templates.getByTestId('template-en').count()).toBe(0);

    await wizard.chooseFile(filePath);
    await poll(() => wizard.fileName.innerText()).toBe(FILE_NAME);
    // A refund file has no payout method; its columns went to the refund fields by their Chinese headers.
    expect(await wizard.preview.getByTestId('method').count()).toBe(0);
    expect(await wizard.preview.getByTestId('batch-kind').innerText()).toBe(
      shared.t('labels.batchKind.refund'),
    );
    expect(await wizard.rawPreview.innerText()).toContain('RF-E2E-0001');

    await wizard.validate(ROWS.length);
    await grid.waitUntilShown();
    await poll(() => grid.figure('rows').innerText()).toBe(String(ROWS.length));
    await poll(() => grid.figure('errors').innerText()).toBe('1');
    expect(await grid.status(ABOVE_CAPTURE_LINE)).toBe(shared.t('labels.rowStatus.error'));
    expect(await grid.row(ABOVE_CAPTURE_LINE).innerText()).toContain(PAYMENT_D);
    // The refund columns, not the payout ones; the PayID and the amount of each row.
    expect(await (await grid.cell(2, shared.t('import.refundField.pay_id'))).innerText()).toBe(PAYMENT_A);
    expect(await (await grid.cell(2, shared.t('import.refundField.amount'))).innerText()).toBe(
      formatYuan(12_000),
    );
    expect(await grid.grid.locator('.vxe-header--column').allInnerTexts()).not.toContain(
      shared.t('import.field.card_number'),
    );
    // The TransID the console made for line 4.
    expect((await (await grid.cell(4, shared.t('import.refundField.trans_id'))).innerText()).trim()).not.toBe(
      '',
    );
    // Refund rows are corrected in the file: no editing or removing here.
    expect(await grid.root.getByTestId('remove-selected').count()).toBe(0);

    await grid.leaveErrorsOut(1, ABOVE_CAPTURE_FEN);
    const importButton = importRefundsButton(REFUNDS, REFUNDS_FEN);
    await poll(() => importButton.isEnabled()).toBe(true);
    await importButton.click();
    await page.waitForURL(/#\/batches\/\d+$/);
    batchId = Number(/#\/batches\/(\d+)$/.exec(page.url())?.[1]);
    await detail.waitUntilShown(batchId);
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.draft'));
    expect(await detail.header.getByTestId('batch-kind').innerText()).toBe(
      shared.t('labels.batchKind.refund'),
    );
    await detail.root.getByTestId('refund-header').waitFor();

    const stored = await live.runtime.app.call(
      'batchDetail',
      { batchId, limit: 100 },
      { lang: 'en', session: await live.signIn('alice') },
    );
    if (!stored.ok) throw new Error(`batchDetail refused: ${JSON.stringify(stored.error)}`);
    expect(stored.value.batch).toMatchObject({
      kind: 'refund',
      method: 'chinapay',
      status: 'draft',
      payout_count: REFUNDS,
      total_fen: REFUNDS_FEN,
      dropped_error_rows: 1,
    });
  }, 180_000);

  it('lists it with the Refund tag, and the kind filter finds it', async () => {
    await layout.open('batches');
    await batches.waitUntilShown();
    const row = batches.row(batchId);
    await poll(() => row.innerText()).toContain(shared.t('labels.batchKind.refund'));
    expect(await row.innerText()).toContain(shared.t('labels.method.chinapay'));
    expect(await batches.columnTitles()).toContain(shared.t('batches.column.kind'));
    const filter = batches.root.getByTestId('batch-kind-filter');
    await filter.getByText(shared.t('labels.batchKind.payout'), { exact: true }).click();
    await poll(() => row.count()).toBe(0);
    await filter.getByText(shared.t('labels.batchKind.refund'), { exact: true }).click();
    await poll(() => row.count()).toBe(1);
    await filter.getByText(shared.t('batches.allKinds'), { exact: true }).click();
    await poll(() => row.count()).toBe(1);
  }, 120_000);

  it('wang approves it: totals by amount band only, no bank or region', async () => {
    await layout.signOut();
    await signInAs('wang');
    await layout.open('batches');
    await batches.waitUntilShown();
    await batches.open(batchId);
    await detail.waitUntilShown(batchId);
    await detail.action('approve').click();
    await approval.waitUntilShown(batchId);
    expect(await approval.root.getByTestId('batch-kind').innerText()).toBe(
      shared.t('labels.batchKind.refund'),
    );
    expect(await approval.controlCount.innerText()).toBe(String(REFUNDS));
    expect(await approval.controlTotal.innerText()).toBe(formatYuan(REFUNDS_FEN));
    await approval.breakdown('band').waitFor();
    expect(await approval.breakdown('bank').count()).toBe(0);
    expect(await approval.breakdown('region').count()).toBe(0);

    await approval.root
      .getByLabel(shared.t('approval.refund.typedCount'), { exact: true })
      .fill(String(REFUNDS));
    await approval.typedTotal.fill(formatYuan(REFUNDS_FEN).slice(1));
    await poll(() => approval.totalCheck.innerText()).toBe(shared.t('approval.matches'));
    await poll(() => approval.approveButton.isEnabled()).toBe(true);
    await approval.approveButton.click();
    await detail.waitUntilShown(batchId);
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.approved'));
  }, 120_000);

  it('alice sends it; every refund reaches success live, shown with its TransID and PayID', async () => {
    await layout.signOut();
    await signInAs('alice');
    await layout.open('batches');
    await batches.open(batchId);
    await detail.waitUntilShown(batchId);
    expect(await detail.root.getByTestId('action-retry').count()).toBe(0);
    await detail.send(
      shared.t('batches.refunds.confirmSubmit', {
        id: batchId,
        count: String(REFUNDS),
        total: formatYuan(REFUNDS_FEN),
        environment: shared.t('labels.environment.sandbox'),
      }),
    );
    await poll(() => detail.progressFinal.innerText(), 120_000).toBe(
      shared.t('batches.refunds.finalOf', { final: REFUNDS, total: REFUNDS }),
    );
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.completed'));
    const refunded = shared.t('labels.refundState.success');
    await poll(
      async () => (await refundRows().allInnerTexts()).filter((text) => text.includes(refunded)).length,
    ).toBe(REFUNDS);

    const titles = await refundsGrid().locator('.vxe-header--column').allInnerTexts();
    expect(titles.map((title) => title.trim())).toEqual(
      expect.arrayContaining([shared.t('batches.refunds.transId'), shared.t('batches.refunds.payId')]),
    );
    const first = refundRows().filter({ hasText: 'RF-E2E-0001' });
    expect(await first.innerText()).toContain(PAYMENT_A);
    expect(await refundRows().filter({ hasText: PAYMENT_C }).count()).toBe(1);
    expect(await detail.payoutsGrid.count()).toBe(0);
    // The merchant it was sent as, once sent.
    await poll(async () =>
      (await detail.root.getByTestId('refund-merchant').innerText()).includes(
        shared.t('batches.refunds.merchantOnSend'),
      ),
    ).toBe(false);

    await captureBoth('refund-batch', async () => {
      await detail.waitUntilShown(batchId);
      await poll(() => refundRows().count()).toBe(REFUNDS);
    });
  }, 180_000);

  it('logged no console error and no CSP violation on the way', () => {
    expect(problems).toEqual([]);
  });
});
