import { describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../electron/contract/events';
import type { BatchView } from '../../electron/contract/records';
import type { Action } from '../../electron/contract/roles';
import { rolesAllow } from '../../electron/contract/roles';
import { checkConfirmation, parseCount, sharePercent } from '../../renderer/src/views/approval/utils/confirm';
import { exportBlob } from '../../renderer/src/views/batches/utils/download';
import { changesBatch, changesBatches } from '../../renderer/src/views/batches/utils/events';
import {
  availableActions,
  awaitsApprovalBy,
  batchOutcome,
  batchProgress,
  batchStatusTag,
  payeeName,
  payoutStateTag,
} from '../../renderer/src/views/batches/utils/status';
import {
  batchKindTag,
  isRefundBatch,
  kindOf,
  mayPayFailedAgain,
  withKind,
} from '../../renderer/src/views/batches/utils/kind';
import batchMessages from '../../renderer/src/locales/messages/batches';
import labelMessages from '../../renderer/src/locales/messages/labels';

type Figures = Pick<BatchView, 'payout_count' | 'counts' | 'sums_fen'>;

const figures = (counts: Record<string, number>, sums: Record<string, number>, payouts: number): Figures => ({
  payout_count: payouts,
  counts,
  sums_fen: sums,
});

describe('a batch progress', () => {
  it('counts final payouts (not needs_attention) and orders states as payouts pass through them', () => {
    const progress = batchProgress(
      figures(
        { success: 5, needs_attention: 1, queued: 2, decline: 1, accepted: 1 },
        { success: 500_00, needs_attention: 40_00, queued: 20_00, decline: 404_00, accepted: 1 },
        10,
      ),
    );
    expect(progress.final).toBe(6);
    expect(progress.total).toBe(10);
    expect(progress.percent).toBe(60);
    expect(progress.lines.map((line) => line.state)).toEqual([
      'queued',
      'accepted',
      'needs_attention',
      'success',
      'decline',
    ]);
    expect(progress.lines.find((line) => line.state === 'decline')).toEqual({
      state: 'decline',
      count: 1,
      sumFen: 404_00,
    });
  });

  it('never shows 100% while one payout is still open, and lists states it has no name for last', () => {
    const progress = batchProgress(figures({ success: 999, accepted: 1, on_hold: 2 }, {}, 1002));
    expect(progress.percent).toBe(99);
    expect(progress.lines.map((line) => line.state)).toEqual(['accepted', 'success', 'on_hold']);
    expect(batchProgress(figures({}, {}, 0))).toEqual({ total: 0, final: 0, percent: 0, lines: [] });
  });

  it('sums paid, failed and waiting payouts for the list', () => {
    expect(
      batchOutcome(
        figures(
          { success: 3, decline: 1, error: 1, rejected: 2, needs_attention: 4, cancelled: 9 },
          { success: 300 },
          20,
        ),
      ),
    ).toEqual({ paidCount: 3, paidFen: 300, failedCount: 4, attentionCount: 4 });
  });
});

describe('what a batch screen offers', () => {
  const can = (roles: Parameters<typeof rolesAllow>[0]) => (action: Action) => rolesAllow(roles, action);

  it('offers each action only in the statuses that allow it and to the roles that may take it', () => {
    expect(availableActions('draft', can(['approver']))).toEqual(['approve']);
    expect(availableActions('draft', can(['operator']))).toEqual([]);
    expect(availableActions('approved', can(['operator']))).toEqual(['submit', 'cancel']);
    expect(availableActions('approved', can(['approver']))).toEqual(['cancel']);
    expect(availableActions('sending', can(['operator']))).toEqual(['pause', 'recheck', 'cancel']);
    expect(availableActions('paused', can(['operator']))).toEqual(['resume', 'recheck', 'cancel']);
    // Only operators resume.
    expect(availableActions('paused', can(['approver']))).toEqual(['recheck', 'cancel']);
    expect(availableActions('completed', can(['operator', 'approver']))).toEqual(['recheck']);
    expect(availableActions('rejected', can(['operator', 'approver', 'admin']))).toEqual([]);
    expect(availableActions('sending', can(['viewer']))).toEqual([]);
    expect(availableActions('blocked', can(['operator']))).toEqual(['recheck', 'cancel']);
  });

  it("tells an approver which drafts await them: not their own imports, whatever the name's case", () => {
    const draft = { status: 'draft' as const, created_by: 'Alice' };
    expect(awaitsApprovalBy(draft, { name: 'wang' }, true)).toBe(true);
    expect(awaitsApprovalBy(draft, { name: 'alice ' }, true)).toBe(false);
    expect(awaitsApprovalBy(draft, { name: 'wang' }, false)).toBe(false);
    expect(awaitsApprovalBy({ ...draft, status: 'approved' }, { name: 'wang' }, true)).toBe(false);
    expect(awaitsApprovalBy(draft, null, true)).toBe(false);
  });

  it('colours statuses and states, an unknown one neutrally', () => {
    expect(batchStatusTag('completed')).toBe('success');
    expect(batchStatusTag('rejected')).toBe('danger');
    expect(batchStatusTag('constructor')).toBe('info');
    expect(payoutStateTag('needs_attention')).toBe('danger');
    expect(payoutStateTag('success')).toBe('success');
    expect(payoutStateTag('something_new')).toBe('info');
  });

  it('writes a Chinese payee family name first without a space, a Latin one given name first', () => {
    expect(payeeName({ last_name: '欧阳', first_name: '娜娜' })).toBe('欧阳娜娜');
    expect(payeeName({ last_name: 'Zhang', first_name: 'Wei' })).toBe('Wei Zhang');
    expect(payeeName({ last_name: 'Zhang', first_name: '' })).toBe('Zhang');
  });
});

describe('which events refresh a batch screen', () => {
  const progress: ConsoleEvent = {
    type: 'sending.progress',
    sent: 1,
    status_queries: 0,
    recovered: 0,
    queued: 0,
    awaiting: 1,
    in_flight: 0,
    elapsed_ms: 10,
  };

  it("reads a batch again on its own changes, and on the engine's progress only while it is sent", () => {
    expect(changesBatch({ type: 'batch.changed', batch_id: 7, status: 'paused' }, 7, false)).toBe(true);
    expect(changesBatch({ type: 'batch.changed', batch_id: 8, status: 'paused' }, 7, false)).toBe(false);
    expect(changesBatch({ type: 'payouts.changed', batch_ids: [3, 7] }, 7, false)).toBe(true);
    expect(changesBatch({ type: 'payouts.changed', batch_ids: [3] }, 7, true)).toBe(false);
    expect(changesBatch(progress, 7, true)).toBe(true);
    expect(changesBatch(progress, 7, false)).toBe(false);
    expect(changesBatch({ type: 'engine.error', code: 'X', message: 'x' }, 7, true)).toBe(false);
  });

  it('reads lists again on any batch or payout change', () => {
    expect(changesBatches({ type: 'batch.changed', batch_id: 1, status: 'draft' })).toBe(true);
    expect(changesBatches({ type: 'payouts.changed', batch_ids: [] })).toBe(true);
    expect(changesBatches(progress)).toBe(false);
    expect(changesBatches({ type: 'intake.progress', phase: 'read', done: 1, total: null })).toBe(false);
  });
});

describe('a batch export as a download', () => {
  const file = { file_name: 'batch-1-results.csv', media_type: 'text/csv; charset=utf-8', rows: 1 };
  const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

  it('is UTF-8 with exactly one byte-order mark', async () => {
    const withBom = await bytesOf(
      exportBlob({ ...file, content: '\uFEFF姓,卡号\r\n张,622202******0017\r\n' }),
    );
    const without = await bytesOf(exportBlob({ ...file, content: '姓,卡号\r\n张,622202******0017\r\n' }));
    expect([...withBom.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0xe5]);
    expect(without).toEqual(withBom);
    expect(new TextDecoder().decode(withBom.subarray(3))).toBe('姓,卡号\r\n张,622202******0017\r\n');
  });

  it('keeps a file that is not CSV as it is', async () => {
    const json = exportBlob({ file_name: 'x.json', media_type: 'application/json', rows: 0, content: '{}' });
    expect(json.type).toBe('application/json');
    expect([...(await bytesOf(json))]).toEqual([0x7b, 0x7d]);
  });
});

describe("the approver's re-typed totals", () => {
  const review = { payout_count: 1200, total_fen: 123_456_789 };

  it('reads counts as people type them, and nothing else', () => {
    expect(parseCount('1,200')).toBe(1200);
    expect(parseCount(' 1 200 ')).toBe(1200);
    expect(parseCount('1200.0')).toBeNull();
    expect(parseCount('-3')).toBeNull();
    expect(parseCount('12e2')).toBeNull();
    expect(parseCount('')).toBeNull();
  });

  it('confirms only when both the count and the sum match, to the fen', () => {
    expect(checkConfirmation({ count: '1,200', total: '¥1,234,567.89' }, review)).toEqual({
      count: 'matches',
      total: 'matches',
      confirmed: { confirmCount: 1200, confirmTotalFen: 123_456_789 },
    });
    const offByAFen = checkConfirmation({ count: '1200', total: '1234567.88' }, review);
    expect(offByAFen).toEqual({ count: 'matches', total: 'differs', confirmed: null });
    expect(checkConfirmation({ count: '1201', total: '1234567.89' }, review).confirmed).toBeNull();
    expect(checkConfirmation({ count: '', total: 'abc' }, review)).toEqual({
      count: 'empty',
      total: 'invalid',
      confirmed: null,
    });
  });

  it('shows shares with one decimal, rounded half up, without float error on large sums', () => {
    expect(sharePercent(1, 3)).toBe('33.3');
    expect(sharePercent(2, 3)).toBe('66.7');
    expect(sharePercent(1, 2000)).toBe('0.1');
    expect(sharePercent(5, 5)).toBe('100.0');
    expect(sharePercent(0, 0)).toBe('0.0');
    expect(sharePercent(9_007_199_254_740_991, 9_007_199_254_740_991)).toBe('100.0');
  });
});

describe('refund batches beside payout batches', () => {
  const list = [
    { id: 1, kind: 'payout' as const },
    { id: 2, kind: 'refund' as const },
    { id: 3, kind: 'payout' as const },
  ];

  it('filters the list by kind, and reads a view without a kind as a payout batch', () => {
    expect(withKind(list, 'all').map((batch) => batch.id)).toEqual([1, 2, 3]);
    expect(withKind(list, 'refund').map((batch) => batch.id)).toEqual([2]);
    expect(withKind(list, 'payout').map((batch) => batch.id)).toEqual([1, 3]);
    expect(kindOf({})).toBe('payout');
    expect(isRefundBatch({ kind: 'refund' })).toBe(true);
    expect(isRefundBatch({ kind: 'payout' })).toBe(false);
    expect(isRefundBatch(null)).toBe(false);
  });

  it('gives each kind its own tag colour', () => {
    expect(batchKindTag('refund')).not.toBe(batchKindTag('payout'));
  });

  it("never offers paying a refund batch's failed rows again (RETRY_NOT_FOR_REFUNDS)", () => {
    const can = (action: Action) => rolesAllow(['operator'], action);
    const failed = { counts: { decline: 1, success: 2 } };
    expect(mayPayFailedAgain({ ...failed, kind: 'payout' }, can)).toBe(true);
    expect(mayPayFailedAgain({ ...failed, kind: 'refund' }, can)).toBe(false);
    expect(mayPayFailedAgain({ counts: { rejected: 1 }, kind: 'payout' }, can)).toBe(true);
    expect(mayPayFailedAgain({ counts: { success: 3 }, kind: 'payout' }, can)).toBe(false);
    expect(mayPayFailedAgain({ ...failed, kind: 'payout' }, () => false)).toBe(false);
  });

  it('names the kinds, the ChinaPay method and the refund columns in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const labels = labelMessages[lang];
      expect(labels.batchKind.payout).toBeTruthy();
      expect(labels.batchKind.refund).toBeTruthy();
      expect(labels.batchKind.refund).not.toBe(labels.batchKind.payout);
      expect(labels.method.chinapay).toBeTruthy();
      expect(labels.refundState.success).not.toBe(labels.payoutState.success);
      expect(Object.keys(batchMessages[lang].refunds).sort()).toEqual(
        Object.keys(batchMessages.en.refunds).sort(),
      );
    }
    expect(labelMessages.en.batchKind).toEqual({ payout: 'Payout', refund: 'Refund' });
    expect(labelMessages['zh-CN'].batchKind).toEqual({ payout: '付款', refund: '退款' });
  });
});
