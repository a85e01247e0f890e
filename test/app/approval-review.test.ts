/**
 * What an approver reviews (control totals, breakdowns by bank, region and amount band, every warning,
 * approvals given and needed, whether they may approve) and what they re-type: approveBatch refuses control
 * totals that differ, changing nothing, and keeps the approver's comment in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../electron/contract/records.js';
import { checkOperationInput } from '../../electron/contract/schemas.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { card, csv, HEADER, PAYEE_TAIL } from './appFiles.js';
import { changesOf, reader } from './consoleSupport.js';

const open = consolesPerTest();

/** A row in HEADER's order with its own card, bank and region. */
function line(paymentId: string, amount: string, cardNumber: string, bank: number, region: number): string {
  return `${paymentId},${amount},CNY,${cardNumber},${bank},${region},张,伟,${PAYEE_TAIL}`;
}

const DUPLICATED_CARD = card(7001);
/** card(7002) with its check digit changed: fails the Luhn check. */
const LUHN_FAILING = card(7002).slice(0, -1) + String((Number(card(7002).slice(-1)) + 1) % 10);
const VISA_LIKE = '4111111111111111';

/**
 * Eight payouts (lines 2-9) over banks 1, 2 and 16 (16 is "Jilin Sheng", a region name in the CUP P2P bank
 * list), regions 5 and 2, every amount band, with four warnings.
 */
const REVIEWED_ROWS = [
  line('RV-1', '500.00', DUPLICATED_CARD, 1, 5),
  line('RV-2', '1000.00', card(7003), 1, 5),
  line('RV-3', '4999.99', card(7004), 2, 2),
  line('RV-4', '5000.00', card(7005), 2, 2),
  line('RV-5', '20000.00', card(7006), 16, 5),
  line('RV-6', '500.00', DUPLICATED_CARD, 1, 5),
  line('RV-7', '100.00', LUHN_FAILING, 1, 5),
  line('RV-8', '100.00', VISA_LIKE, 1, 5),
];
const REVIEWED_COUNT = 8;
const REVIEWED_TOTAL_FEN = 3_219_999;

async function reviewedDraft(c: TestConsole, importer = 'alice'): Promise<number> {
  const report = await c.ok(importer, 'importFile', { file: csv('review.csv', [HEADER, ...REVIEWED_ROWS]) });
  if (report.batch_id === null) throw new Error(`import refused: ${report.refused?.message}`);
  return report.batch_id;
}

async function person(c: TestConsole, name: string, roles: Role[]): Promise<string> {
  await c.ok(TEST_ADMIN, 'addUser', { name, roles, password: TEST_PASSWORD });
  return name;
}

describe('approvalReview', () => {
  it('gives the control totals, the breakdowns by bank, region and amount band, and every warning', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const review = await c.ok('bob', 'approvalReview', { batchId });

    expect(review.batch).toMatchObject({ id: batchId, status: 'draft', created_by: 'alice' });
    expect(review.payout_count).toBe(REVIEWED_COUNT);
    expect(review.total_fen).toBe(REVIEWED_TOTAL_FEN);
    expect(review.by_bank).toEqual([
      { key: 16, label: 'Jilin Sheng', count: 1, total_fen: 2_000_000 },
      { key: 2, label: 'Bank of Communications', count: 2, total_fen: 999_999 },
      { key: 1, label: 'Agricultural Bank Of China', count: 5, total_fen: 220_000 },
    ]);
    expect(review.by_region).toEqual([
      { key: 5, label: 'Guangdong Sheng', count: 6, total_fen: 2_220_000 },
      { key: 2, label: 'Beijing Shi', count: 2, total_fen: 999_999 },
    ]);
    expect(review.by_amount_band).toEqual([
      { key: 0, label: 'under ¥1,000', count: 4, total_fen: 120_000 },
      { key: 100_000, label: '¥1,000 – ¥4,999.99', count: 2, total_fen: 599_999 },
      { key: 500_000, label: '¥5,000 – ¥19,999.99', count: 1, total_fen: 500_000 },
      { key: 2_000_000, label: '¥20,000 and above', count: 1, total_fen: 2_000_000 },
    ]);
    for (const breakdown of [review.by_bank, review.by_region, review.by_amount_band]) {
      expect(breakdown.reduce((sum, group) => sum + group.count, 0)).toBe(REVIEWED_COUNT);
      expect(breakdown.reduce((sum, group) => sum + group.total_fen, 0)).toBe(REVIEWED_TOTAL_FEN);
    }

    expect(review.warnings.map(({ line, payment_id, code }) => [line, payment_id, code])).toEqual([
      [6, 'RV-5', 'BANK_LOOKS_LIKE_REGION'],
      [7, 'RV-6', 'ROW_DUPLICATE'],
      [8, 'RV-7', 'PAN_LUHN'],
      [9, 'RV-8', 'PAN_PREFIX'],
    ]);
    const [region, duplicate, luhn, prefix] = review.warnings.map((warning) => warning.message);
    expect(region).toBe(
      'Bank 16 is "Jilin Sheng" in the cup-p2p bank list: that is a region name, not a bank. Check the payee\'s bank.',
    );
    expect(duplicate).toBe(
      `Card ${DUPLICATED_CARD.slice(0, 6)}******${DUPLICATED_CARD.slice(-4)} and amount 500.00 repeat line 2 of this batch: make sure this is not the same payout twice.`,
    );
    expect(luhn).toContain(`${LUHN_FAILING.slice(0, 6)}******${LUHN_FAILING.slice(-4)}`);
    expect(prefix).toContain('does not start with 62 or 81');
    // Masked everywhere: no card number in clear anywhere in the review.
    const text = JSON.stringify(review);
    for (const clear of [DUPLICATED_CARD, LUHN_FAILING, VISA_LIKE]) expect(text).not.toContain(clear);
  });

  it('names banks, regions and bands in Chinese for a Chinese reader, and says the warnings in Chinese', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const review = await c.ok('bob', 'approvalReview', { batchId }, 'zh-CN');
    expect(review.by_bank.map((group) => group.label)).toEqual(['Jilin Sheng', '交通银行', '中国农业银行']);
    expect(review.by_region.map((group) => group.label)).toEqual(['广东省', '北京市']);
    expect(review.by_amount_band.map((group) => group.label)).toEqual([
      '¥1,000 以下',
      '¥1,000 – ¥4,999.99',
      '¥5,000 – ¥19,999.99',
      '¥20,000 及以上',
    ]);
    expect(review.warnings[1]?.message).toBe(
      `卡号 ${DUPLICATED_CARD.slice(0, 6)}******${DUPLICATED_CARD.slice(-4)} 和金额 500.00 与本批次第 2 行相同：请确认不是重复付款。`,
    );
  });

  it('says whether the caller may approve, with the access policy’s own refusal, without refusing the review', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const viewer = await person(c, 'vera', ['viewer']);

    expect(await c.ok('bob', 'approvalReview', { batchId })).toMatchObject({
      caller_may_approve: true,
      caller_refusal: null,
      approvals: [],
      approvals_needed: 1,
    });
    expect(await c.ok('alice', 'approvalReview', { batchId })).toMatchObject({
      caller_may_approve: false,
      caller_refusal: `Batch ${batchId} was imported by alice; another person must approve it.`,
    });
    expect(await c.ok('alice', 'approvalReview', { batchId }, 'zh-CN')).toMatchObject({
      caller_may_approve: false,
      caller_refusal: `批次 ${batchId} 由 alice 导入，必须由另一人审批。`,
    });
    expect(await c.ok(viewer, 'approvalReview', { batchId })).toMatchObject({
      caller_may_approve: false,
      caller_refusal: 'vera may not do this (batch.approve): it needs the role approver.',
    });
    const anonymous = await c.runtime.app.call('approvalReview', { batchId }, reader());
    expect(anonymous).toMatchObject({ ok: true, value: { caller_may_approve: false } });
    expect(anonymous.ok && anonymous.value.caller_refusal).toContain('Sign in first');

    // What the review says is what approving does.
    expect(await c.call('alice', 'approveBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'SAME_USER_APPROVAL' },
    });
    expect(await c.call(viewer, 'approveBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    await c.ok('bob', 'approveBatch', { batchId });
    expect(await c.ok('carol', 'approvalReview', { batchId })).toMatchObject({
      batch: { status: 'approved' },
      caller_may_approve: false,
      caller_refusal: `Batch ${batchId} is approved; it can be approved only when draft.`,
      approvals: [{ by: 'bob', at: expect.any(String) }],
    });
  });

  it('above the second-approver total: two approvals needed, the first approver may not give the second', async () => {
    const c = await open();
    await c.ok('admin', 'changeSettings', { changes: { second_approver_above_fen: 1_000_000 } });
    const batchId = await reviewedDraft(c);
    expect((await c.ok('bob', 'approvalReview', { batchId })).approvals_needed).toBe(2);
    await c.ok('bob', 'approveBatch', {
      batchId,
      confirmCount: REVIEWED_COUNT,
      confirmTotalFen: REVIEWED_TOTAL_FEN,
    });
    expect(await c.ok('bob', 'approvalReview', { batchId })).toMatchObject({
      batch: { status: 'draft' },
      approvals: [{ by: 'bob' }],
      approvals_needed: 2,
      caller_may_approve: false,
      caller_refusal: `bob approved batch ${batchId} already; its total needs a second, different approver.`,
    });
    expect(await c.ok('carol', 'approvalReview', { batchId })).toMatchObject({
      caller_may_approve: true,
      caller_refusal: null,
    });
  });

  it('a batch that does not exist is BATCH_NOT_FOUND', async () => {
    const c = await open();
    expect(await c.call('bob', 'approvalReview', { batchId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND' },
    });
  });
});

describe('approveBatch with the control totals re-typed', () => {
  it.each([
    [
      'count',
      { confirmCount: REVIEWED_COUNT + 1, confirmTotalFen: REVIEWED_TOTAL_FEN },
      'number of payouts typed does',
    ],
    [
      'total',
      { confirmCount: REVIEWED_COUNT, confirmTotalFen: REVIEWED_TOTAL_FEN - 1 },
      'total amount typed does',
    ],
    ['both', { confirmCount: 0, confirmTotalFen: 0 }, 'number of payouts and the total amount typed do'],
  ])('a different %s refuses the approval and changes nothing', async (_which, typed, words) => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const before = await changesOf(c, batchId);
    const refused = await c.call('bob', 'approveBatch', { batchId, ...typed, comment: 'looks fine' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'APPROVAL_TOTALS_MISMATCH',
        message: `The ${words} not match batch ${batchId}: nothing was approved. Check them against the review and type them again.`,
      },
    });
    // Nothing was approved, queued or audited.
    const status = await c.ok(null, 'batchStatus', { batchId });
    expect(status.batch_status).toBe('draft');
    expect(status.counts).toEqual({ draft: REVIEWED_COUNT });
    expect((await c.ok('carol', 'approvalReview', { batchId })).approvals).toEqual([]);
    expect(await changesOf(c, batchId)).toEqual(before);
  });

  it('says so in Chinese, without the expected figures', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const refused = await c.call(
      'bob',
      'approveBatch',
      { batchId, confirmCount: REVIEWED_COUNT, confirmTotalFen: 1 },
      'zh-CN',
    );
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'APPROVAL_TOTALS_MISMATCH',
        message: `输入的总金额与批次 ${batchId} 不符：未审批任何内容。请对照审批摘要核对后重新输入。`,
      },
    });
    expect(JSON.stringify(refused)).not.toMatch(/32,?199\.99|3219999/);
  });

  it('matching totals approve, and the comment is kept in the approval’s audit entry', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    const approved = await c.ok('bob', 'approveBatch', {
      batchId,
      confirmCount: REVIEWED_COUNT,
      confirmTotalFen: REVIEWED_TOTAL_FEN,
      comment: '  Checked against the payroll sheet of June.  ',
    });
    expect(approved.batch).toMatchObject({ status: 'approved', approved_by: 'bob' });
    const entry = (await changesOf(c, batchId)).find((e) => e.action === 'batch.approve');
    expect(entry).toMatchObject({
      actor: 'bob',
      details: { comment: 'Checked against the payroll sheet of June.', payoutCount: REVIEWED_COUNT },
    });
  });

  it('a first of two approvals keeps its comment too; without confirm values (the command line) it approves', async () => {
    const c = await open();
    await c.ok('admin', 'changeSettings', { changes: { second_approver_above_fen: 1_000_000 } });
    const batchId = await reviewedDraft(c);
    await c.ok('bob', 'approveBatch', { batchId, comment: 'first look' });
    await c.ok('carol', 'approveBatch', { batchId });
    const approvals = (await changesOf(c, batchId)).filter((e) => e.action === 'batch.approve');
    expect(approvals.map((e) => [e.actor, e.details['comment']])).toEqual([
      ['bob', 'first look'],
      ['carol', undefined],
    ]);
    expect((await c.ok(null, 'batchStatus', { batchId })).batch_status).toBe('approved');
  });

  it('refuses a comment over 4 KB, and totals that are not whole numbers', async () => {
    const c = await open();
    const batchId = await reviewedDraft(c);
    expect(await c.call('bob', 'approveBatch', { batchId, comment: 'x'.repeat(4097) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('comment') },
    });
    expect(await c.call('bob', 'approveBatch', { batchId, confirmTotalFen: 32_199.99 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('confirmTotalFen') },
    });
    expect((await c.ok(null, 'batchStatus', { batchId })).batch_status).toBe('draft');
  });

  it('the IPC boundary takes the new fields and the new operations', () => {
    expect(
      checkOperationInput('approveBatch', { batchId: 1, confirmCount: 2, confirmTotalFen: 3, comment: 'ok' }),
    ).toMatchObject({ ok: true });
    expect(checkOperationInput('approveBatch', { batchId: 1, confirmCount: -1 })).toMatchObject({
      ok: false,
    });
    expect(checkOperationInput('approvalReview', { batchId: 1 })).toMatchObject({ ok: true });
    expect(checkOperationInput('attentionQueue', undefined)).toMatchObject({ ok: true });
    expect(checkOperationInput('exportBatchResults', { batchId: 1 })).toMatchObject({ ok: true });
    expect(checkOperationInput('exportBatchResults', { batchId: 1, format: 'xlsx' })).toMatchObject({
      ok: false,
    });
  });
});
