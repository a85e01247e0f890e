import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName, OperationInput, OperationOutput } from '../../electron/contract/operations.js';
import type { PayoutView } from '../../electron/contract/records.js';
import { formatYuan } from '../../renderer/src/format.js';
import { monthRange } from '../../renderer/src/views/reports/utils/scope.js';
import { BatchDetailPage } from './pages/BatchDetailPage.js';
import { ConsoleLayout } from './pages/ConsoleLayout.js';
import { ConsoleUi } from './pages/consoleUi.js';
import { OTHER_LANG } from './pages/messages.js';
import { ReconciliationPage } from './pages/ReconciliationPage.js';
import { ReportsPage, type ReportChart } from './pages/ReportsPage.js';
import { SignInPage } from './pages/SignInPage.js';
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
 * Month end in Debian's Chromium, against browser mode on the embedded sandbox: a batch sent with some
 * declines (the sandbox declines 400.00 and 404.00 CNY) is reported on by batch and by date range, its
 * report exported as CSV and Excel, its failed payouts paid again as a new draft, and a provider file made
 * from the console's own payouts (with breaks put in) reconciled, an exception closed with a note. The report
 * and reconciliation screens are saved in both languages (support/screens.ts).
 */

const FILE_NAME = 'month-end-202612.csv';
const HEADER =
  '订单号,金额,币种,卡号,银行编号,地区编号,姓,名,客户编号,手机号,邮箱,身份证号,支行,开户城市,省份,城市,地址,邮编,备注';
/** Seven payouts (lines 2–8); lines 3, 6 and 8 are declined by the sandbox. */
const ROWS = [
  'ME-202612-0001,1234.56,CNY,6222021000000000017,中国工商银行,广东,张,伟,E1001,13800138000,zhang.wei@example.com,,天河支行,广州,广东省,广州,天河区天河路385号,510620,月末',
  'ME-202612-0002,400.00,CNY,6228481000000000025,1,北京,李,娜,E1002,13900139000,li.na@example.com,,朝阳支行,北京,北京市,北京,朝阳区建国路88号,100022,月末',
  'ME-202612-0003,560.00,CNY,6217001000000000037,中国建设银行,上海,王,芳,E1003,13700137000,wang.fang@example.com,,浦东支行,上海,上海市,上海,浦东新区世纪大道100号,200120,月末',
  'ME-202612-0004,12000.00,CNY,6225881000000000043,招商银行,浙江,陈,静,E1004,13600136000,chen.jing@example.com,,西湖支行,杭州,浙江省,杭州,西湖区文三路90号,310012,月末',
  'ME-202612-0005,404.00,CNY,6212261000000000058,中国工商银行,四川,刘,强,E1005,13500135000,liu.qiang@example.com,,高新支行,成都,四川省,成都,高新区天府大道1700号,610041,月末',
  'ME-202612-0006,45.00,CNY,6236681000000000067,中国银行,江苏,欧阳,娜娜,E1006,13300133000,ouyang@example.com,,鼓楼支行,南京,江苏省,南京,鼓楼区中山路1号,210008,月末',
  'ME-202612-0007,400.00,CNY,6222021000000000074,中国工商银行,广东,黄,磊,E1007,13800138007,huang.lei@example.com,,福田支行,深圳,广东省,深圳,福田区深南大道6008号,518034,月末',
];
const CARDS = ROWS.map((row) => row.split(',')[3] as string);
const PAYOUTS = ROWS.length;
const TOTAL_FEN = 123_456 + 40_000 + 56_000 + 1_200_000 + 40_400 + 4_500 + 40_000;
const PAID = { count: 4, total_fen: 123_456 + 56_000 + 1_200_000 + 4_500 };
const FAILED = { count: 3, total_fen: 40_000 + 40_400 + 40_000 };
/** The declined lines, and the one the retry leaves out and the one whose amount it corrects. */
const DECLINED_LINES = [3, 6, 8];
const LEFT_OUT_LINE = 8;
const CORRECTED_LINE = 3;
const CORRECTED_AMOUNT = '410.00';

let live: LiveConsole;
let browser: Browser | undefined;
let buildDir: string | undefined;
let page: Page;
let activity: BridgeActivity;
const problems: string[] = [];

let shared: ConsoleUi;
let signIn: SignInPage;
let layout: ConsoleLayout;
let detail: BatchDetailPage;
let reports: ReportsPage;
let reconciliation: ReconciliationPage;

let batchId = 0;

/** Calls the application layer as `name`, failing the test on a refusal. */
async function appCall<K extends OperationName>(
  name: AccountName,
  operation: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const result = await live.runtime.app.call(operation, input, {
    lang: 'en' as const,
    session: await live.signIn(name),
  });
  if (!result.ok) throw new Error(`${operation} refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Imports, approves and sends the month's batch, then waits until the sandbox settled every payout. */
async function seedSentBatch(): Promise<number> {
  const csv = [HEADER, ...ROWS].join('\r\n') + '\r\n';
  const imported = await appCall('alice', 'importFile', {
    file: { name: FILE_NAME, bytes: new TextEncoder().encode(csv) },
  });
  if (imported.batch_id === null) throw new Error(`import refused: ${JSON.stringify(imported.refused)}`);
  const id = imported.batch_id;
  await appCall('wang', 'approveBatch', { batchId: id, confirmCount: PAYOUTS, confirmTotalFen: TOTAL_FEN });
  await appCall('alice', 'submitBatch', { batchId: id });
  // expect.poll only runs inside a test: a plain wait here.
  const deadline = Date.now() + 120_000;
  while ((await appCall('alice', 'batchStatus', { batchId: id })).batch_status !== 'completed') {
    if (Date.now() > deadline) throw new Error(`batch ${id} did not complete`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return id;
}

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

/** The provider's operations as the Data API answers them: one payout operation per payout sent. */
function providerOperation(payout: Pick<PayoutView, 'payment_id' | 'amount_fen' | 'state'>, n: number) {
  return {
    payment_id: payout.payment_id,
    operation_id: String(9_100_000 + n),
    operation_type: 'payout',
    operation_status: payout.state,
    operation_created_at: new Date().toISOString(),
    sum_initial: { amount: payout.amount_fen, currency: 'CNY' },
  };
}

describe.skipIf(chromiumMissing() !== null)('month end in Chromium: reports, retries, reconciliation', () => {
  beforeAll(async () => {
    buildDir = newBuildDir('e2e-month-end-build-');
    const launched = launchChromium().then((started) => (browser = started));
    const rendererDir = await buildRenderer(buildDir);
    await launched;
    live = await startLiveConsole(rendererDir, {
      sending: { timing: { statusDelayMs: 2_500, pollInitialMs: 1_000 } },
    });
    batchId = await seedSentBatch();
    ({ page } = await openConsolePage(browser as Browser, live.bridge, problems, 'zh-CN'));
    activity = followBridgeCalls(page);
    shared = new ConsoleUi(page, 'zh-CN');
    signIn = new SignInPage(shared);
    layout = new ConsoleLayout(shared);
    detail = new BatchDetailPage(shared);
    reports = new ReportsPage(shared);
    reconciliation = new ReconciliationPage(shared);
  }, 300_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await page.screenshot({ path: join(TMP_ROOT, 'month-end-failure.png') }).catch(() => {});
    }
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
    if (live) rmSync(live.dataDir, { recursive: true, force: true });
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('reports on this month and on the batch: figures as stored, charts drawn', async () => {
    await signIn.waitForSignIn();
    await signInAs('alice');
    await layout.waitUntilShown();
    await reports.open();

    // This month is the default range; its figures are the store's.
    const [from, to] = monthRange(new Date());
    const stored = await appCall('alice', 'payoutReport', { from, to });
    expect(stored.summary).toMatchObject({
      count: PAYOUTS,
      total_fen: TOTAL_FEN,
      paid: PAID,
      failed: FAILED,
    });
    expect(stored.summary.open).toEqual({ count: 0, total_fen: 0 });
    await poll(() => reports.summaryTotal('all').innerText()).toBe(formatYuan(TOTAL_FEN));
    expect(await reports.summaryCount('all').innerText()).toBe(
      shared.t('reports.summary.payouts', { n: PAYOUTS }),
    );
    expect(await reports.summaryTotal('paid').innerText()).toBe(formatYuan(PAID.total_fen));
    expect(await reports.summaryCount('paid').innerText()).toBe(
      shared.t('reports.summary.payouts', { n: PAID.count }),
    );
    expect(await reports.summaryTotal('failed').innerText()).toBe(formatYuan(FAILED.total_fen));
    expect(await reports.summaryCount('failed').innerText()).toBe(
      shared.t('reports.summary.payouts', { n: FAILED.count }),
    );
    expect(await reports.summaryTotal('open').innerText()).toBe(formatYuan(0));
    await poll(() => reports.rows.count()).toBe(PAYOUTS);

    // Each chart is drawn on its canvas.
    const charts: ReportChart[] = ['chart-by-day', 'chart-declines', 'chart-banks'];
    for (const chart of charts) await poll(() => reports.drawnPixels(chart)).toBeGreaterThan(500);
    // The declines chart has a bar per provider code of the store's report.
    expect(stored.summary.top_declines.reduce((n, line) => n + line.count, 0)).toBe(FAILED.count);

    await captureBoth('reports', async () => {
      await poll(() => reports.summaryTotal('all').innerText()).toBe(formatYuan(TOTAL_FEN));
      for (const chart of charts) await poll(() => reports.drawnPixels(chart)).toBeGreaterThan(500);
    });

    // The batch as the scope: the same payouts here (one batch this month).
    await reports.chooseBatch(batchId, FILE_NAME);
    const byBatch = await appCall('alice', 'payoutReport', { batchId });
    expect(byBatch.summary).toMatchObject({ count: PAYOUTS, total_fen: TOTAL_FEN, batch_ids: [batchId] });
    await poll(() => page.url()).toContain('#/reports');
    await poll(() => reports.summaryTotal('failed').innerText()).toBe(formatYuan(FAILED.total_fen));
    await poll(() => reports.rows.count()).toBe(PAYOUTS);
    for (const chart of charts) await poll(() => reports.drawnPixels(chart)).toBeGreaterThan(500);
    // The rows carry masked card numbers only.
    const tableText = await reports.root.getByTestId('report-rows').innerText();
    for (const card of CARDS) expect(tableText).not.toContain(card);
  }, 240_000);

  it('exports the report: a CSV with a byte-order mark and masked cards, an Excel workbook', async () => {
    const csv = await reports.exportAs('csv');
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvPath = join(TMP_ROOT, `month-end-report-${process.pid}.csv`);
    await csv.saveAs(csvPath);
    const xlsx = await reports.exportAs('xlsx');
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxPath = join(TMP_ROOT, `month-end-report-${process.pid}.xlsx`);
    await xlsx.saveAs(xlsxPath);
    try {
      const bytes = readFileSync(csvPath);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      for (const row of ROWS) expect(text).toContain(row.split(',')[0]);
      for (const card of CARDS) expect(text).not.toContain(card);
      expect(text).not.toMatch(/\b62\d{14,17}\b/);
      // An XLSX is a zip archive.
      expect(readFileSync(xlsxPath).subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      rmSync(csvPath, { force: true });
      rmSync(xlsxPath, { force: true });
    }
    // Only an admin is offered card numbers in clear.
    expect(await reports.clearCardsSwitch.count()).toBe(0);
  }, 120_000);

  it('pays the declined rows again as a new draft linked to them', async () => {
    // From the report's rows to the batch.
    await reports.root
      .getByRole('link', { name: shared.t('reports.table.openBatch', { id: batchId }), exact: true })
      .first()
      .click();
    await detail.waitUntilShown(batchId);
    const open = page.getByTestId('action-retry');
    await poll(() => open.innerText()).toBe(shared.t('reports.retry.open'));
    await open.click();
    const dialog = page.getByTestId('retry-dialog');
    const rows = dialog.getByTestId('retry-rows').locator('.el-table__body tr');
    await poll(() => rows.count()).toBe(DECLINED_LINES.length);
    await poll(() => dialog.getByTestId('retry-selected').innerText()).toBe(
      shared.t('reports.retry.selected', { n: FAILED.count, total: formatYuan(FAILED.total_fen) }),
    );
    for (const lang of [shared.lang, OTHER_LANG[shared.lang]]) {
      if (lang !== shared.lang) {
        await dialog.getByRole('button', { name: shared.t('reports.retry.back'), exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await layout.switchLanguage(lang);
        await open.click();
        await poll(() => rows.count()).toBe(DECLINED_LINES.length);
      }
      await saveScreen(page, activity, 'retry-dialog', lang);
    }
    await dialog.getByRole('button', { name: shared.t('reports.retry.back'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await layout.switchLanguage('zh-CN');
    await open.click();
    await poll(() => rows.count()).toBe(DECLINED_LINES.length);

    // Line 8 left out, line 3's amount corrected.
    const row = (line: number) => rows.filter({ hasText: `ME-202612-000${line - 1}` });
    await row(LEFT_OUT_LINE).getByTestId('retry-include').click();
    await row(CORRECTED_LINE).getByTestId('retry-amount').fill(CORRECTED_AMOUNT);
    const newTotal = 41_000 + 40_400;
    await poll(() => dialog.getByTestId('retry-selected').innerText()).toBe(
      shared.t('reports.retry.selected', { n: 2, total: formatYuan(newTotal) }),
    );
    // A bank the console does not know: the refusal names the row, and nothing is made.
    const bank = row(6).getByTestId('retry-bank');
    const knownBank = await bank.inputValue();
    await bank.fill('99999');
    await dialog.getByTestId('retry-create').click();
    const refusal = dialog.getByTestId('retry-error');
    await poll(() => refusal.innerText()).toContain('RETRY_ROWS_INVALID');
    expect(await refusal.innerText()).toContain('6');
    expect(await appCall('alice', 'listBatches', {})).toHaveLength(1);
    await bank.fill(knownBank);

    await dialog.getByTestId('retry-create').click();
    await page.waitForURL(/#\/batches\/\d+$/);
    await poll(() => Number(/#\/batches\/(\d+)$/.exec(page.url())?.[1])).not.toBe(batchId);
    const draftId = Number(/#\/batches\/(\d+)$/.exec(page.url())?.[1]);
    await detail.waitUntilShown(draftId);
    await poll(() => detail.status.innerText()).toBe(shared.t('labels.batchStatus.draft'));

    // The new draft in the store: two payouts with new ids, each linked to the one it pays again.
    const draft = await appCall('alice', 'payoutReport', { batchId: draftId });
    expect(draft.summary).toMatchObject({ count: 2, total_fen: newTotal });
    expect(draft.rows.map((r) => r.retry_of).sort()).toEqual(['ME-202612-0002', 'ME-202612-0005']);
    for (const r of draft.rows) expect(r.payment_id).not.toBe(r.retry_of);
    expect(draft.rows.find((r) => r.retry_of === 'ME-202612-0002')?.amount_fen).toBe(41_000);
  }, 180_000);

  it('reconciles a provider file with breaks in it, and closes an exception with a note', async () => {
    const sent = (await appCall('alice', 'batchDetail', { batchId, limit: 100 })).rows;
    const byId = new Map(sent.map((payout) => [payout.payment_id, payout]));
    const operations = sent
      // Missing at the provider.
      .filter((payout) => payout.payment_id !== 'ME-202612-0003')
      .map((payout, n) => {
        const op = providerOperation(payout, n);
        // An amount that differs by ¥1.00, and a paid payout the provider shows declined.
        if (payout.payment_id === 'ME-202612-0004') op.sum_initial.amount += 100;
        if (payout.payment_id === 'ME-202612-0006') op.operation_status = 'decline';
        return op;
      });
    // Paid twice at the provider; a payout the console never made; a purchase.
    operations.push(providerOperation(byId.get('ME-202612-0001') as PayoutView, 50));
    operations.push(
      providerOperation({ payment_id: 'ELSEWHERE-0001', amount_fen: 50_000, state: 'success' }, 60),
    );
    operations.push({
      ...providerOperation({ payment_id: 'SHOP-ORDER-0001', amount_fen: 8_800, state: 'success' }, 70),
      operation_type: 'sale',
    });
    const providerFile = JSON.stringify({ operations }, null, 2);

    await reconciliation.open();
    await reconciliation.chooseFile('operations-202612.json', providerFile);
    await reconciliation.runButton.click();
    await reconciliation.result.waitFor();

    // Every count as stored with the run.
    const runs = await appCall('alice', 'reconciliationRuns', {});
    expect(runs).toHaveLength(1);
    const stored = await appCall('alice', 'reconciliationRun', { runId: (runs[0] as { id: number }).id });
    expect(stored.summary).toMatchObject({
      missing_at_provider: 1,
      unknown_at_console: 1,
      amount_mismatch: 1,
      status_mismatch: 1,
      duplicates: 1,
      pending: 0,
      purchases: 1,
    });
    expect(stored.summary.matched).toBeGreaterThanOrEqual(3);
    for (const [key, value] of Object.entries(stored.summary)) {
      await poll(() => reconciliation.tileCount(key as keyof typeof stored.summary).innerText()).toBe(
        String(value),
      );
    }
    await poll(() => reconciliation.exceptionRows.count()).toBe(stored.exceptions.length);
    expect(await reconciliation.exceptionRow('ME-202612-0003').innerText()).toContain(
      shared.t('reconciliation.kind.missing_at_provider'),
    );
    expect(await reconciliation.historyRows.count()).toBe(1);

    // Closing the missing payout's exception with a note: the row says who closed it and why.
    const note = '已与服务商核实：该笔未送达，已在新批次中重新支付。';
    await reconciliation.resolve('ME-202612-0003', note);
    const resolvedRow = reconciliation.exceptionRow('ME-202612-0003');
    await poll(() => resolvedRow.getByTestId('exception-resolution').innerText()).toContain(note);
    expect(await resolvedRow.innerText()).toContain('alice');
    const after = await appCall('alice', 'reconciliationRun', { runId: stored.run.id });
    expect(after.exceptions.find((e) => e.payment_id === 'ME-202612-0003')).toMatchObject({
      resolved_by: 'alice',
      resolution_note: note,
    });
    expect(after.run.open_exceptions).toBe(stored.exceptions.length - 1);

    // The purchase is listed apart.
    await reconciliation.tab('purchases').click();
    await poll(() => reconciliation.result.getByTestId('purchases-table').innerText()).toContain(
      'SHOP-ORDER-0001',
    );
    await reconciliation.tab('exceptions').click();

    await captureBoth('reconciliation', async () => {
      await reconciliation.result.waitFor();
      await poll(() => reconciliation.tileCount('matched').innerText()).toBe(String(stored.summary.matched));
    });
  }, 180_000);

  it('offers each role only what it may do', async () => {
    // A viewer reads the runs, but neither runs one nor closes an exception.
    await layout.signOut();
    await signInAs('zhao');
    await reconciliation.open();
    await reconciliation.result.waitFor();
    expect(await reconciliation.form.count()).toBe(0);
    expect(await reconciliation.exceptionRows.count()).toBeGreaterThan(0);
    expect(await reconciliation.result.getByTestId('exception-resolve').count()).toBe(0);

    // An admin may export card numbers in clear, warned first.
    await layout.signOut();
    await signInAs('admin');
    await reports.open();
    await reports.clearCardsSwitch.waitFor();
    expect(await reports.clearCardsWarning.count()).toBe(0);
    await reports.clearCardsSwitch.click();
    await reports.clearCardsWarning.waitFor();
    expect(await reports.clearCardsWarning.innerText()).toContain(shared.t('reports.export.clearWarning'));
  }, 120_000);

  it('logged no console error and no CSP violation on the way', () => {
    expect(problems).toEqual([]);
  });
});
