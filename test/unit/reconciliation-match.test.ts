/**
 * Matching the console's payouts against the provider's operations: every exception kind, purchases listed
 * apart, the grace period, retried attempts that are not duplicates, reversals, and the sums both ways.
 */
import { describe, expect, it } from 'vitest';
import {
  reconcileOperations,
  type ConsolePayout,
  type ProviderOperation,
} from '../../electron/core/reconciliation/index.js';
import { exceptionDetail } from '../../electron/core/reconciliation/detail.js';

const NOW = Date.UTC(2024, 2, 31, 12, 0, 0);
const HOUR = 3_600_000;

function payout(paymentId: string, extra: Partial<ConsolePayout> = {}): ConsolePayout {
  return {
    payment_id: paymentId,
    batch_id: 1,
    amount_fen: 50000,
    currency: 'CNY',
    state: 'success',
    first_sent_at_ms: NOW - 24 * HOUR,
    ...extra,
  };
}

let nextOperation = 1;
function op(paymentId: string, extra: Partial<ProviderOperation> = {}): ProviderOperation {
  return {
    payment_id: paymentId,
    operation_id: String(nextOperation++),
    operation_type: 'payout',
    operation_status: 'success',
    amount_fen: 50000,
    currency: 'CNY',
    created_at: '2024-03-30T12:00:00+00:00',
    completed_at: null,
    code: '0',
    message: 'Success',
    ...extra,
  };
}

const match = (payouts: ConsolePayout[], ops: ProviderOperation[], graceMinutes = 0) =>
  reconcileOperations(payouts, ops, { nowMs: NOW, graceMinutes });

const kinds = (result: ReturnType<typeof match>) => result.exceptions.map((e) => `${e.kind}:${e.payment_id}`);

describe('reconcileOperations', () => {
  it('matches equal amount, currency and status, with the sums', () => {
    const result = match(
      [payout('A'), payout('B', { amount_fen: 1007, state: 'decline' })],
      [op('A'), op('B', { amount_fen: 1007, operation_status: 'decline' })],
    );
    expect(result.summary).toEqual({
      matched: 2,
      missing_at_provider: 0,
      unknown_at_console: 0,
      amount_mismatch: 0,
      status_mismatch: 0,
      duplicates: 0,
      pending: 0,
      purchases: 0,
    });
    expect(result.exceptions).toEqual([]);
    expect(result.matched_fen).toBe(51007);
    expect(result.unmatched_console).toEqual({ count: 0, total_fen: 0 });
  });

  it('finds every kind of break, each with both sides', () => {
    const result = match(
      [
        payout('MISSING'),
        payout('AMOUNT', { amount_fen: 50000 }),
        payout('CURRENCY'),
        payout('PAID-DECLINED'),
        payout('DECLINED-PAID', { state: 'decline' }),
        payout('TWICE'),
      ],
      [
        op('UNKNOWN'),
        op('AMOUNT', { amount_fen: 5000 }),
        op('CURRENCY', { currency: 'USD' }),
        op('PAID-DECLINED', { operation_status: 'decline' }),
        op('DECLINED-PAID'),
        op('TWICE', { operation_id: 'T1' }),
        op('TWICE', { operation_id: 'T2' }),
      ],
    );
    expect(kinds(result)).toEqual([
      'missing_at_provider:MISSING',
      'unknown_at_console:UNKNOWN',
      'amount_mismatch:AMOUNT',
      'amount_mismatch:CURRENCY',
      'status_mismatch:PAID-DECLINED',
      'status_mismatch:DECLINED-PAID',
      'duplicate:TWICE',
    ]);
    expect(result.summary).toMatchObject({
      matched: 0,
      missing_at_provider: 1,
      unknown_at_console: 1,
      amount_mismatch: 2,
      status_mismatch: 2,
      duplicates: 1,
    });
    expect(result.exceptions[0]).toMatchObject({
      batch_id: 1,
      console_amount_fen: 50000,
      console_status: 'success',
      provider_amount_fen: null,
      provider_status: null,
      provider_operation_ids: [],
    });
    expect(result.exceptions[1]).toMatchObject({
      batch_id: null,
      console_status: null,
      provider_status: 'success',
    });
    expect(result.exceptions.at(-1)!.provider_operation_ids).toEqual(['T1', 'T2']);
    // Console side: six payouts with a break; provider side: the six it shows plus the unknown one.
    expect(result.unmatched_console).toEqual({ count: 6, total_fen: 300000 });
    expect(result.unmatched_provider).toEqual({ count: 6, total_fen: 255000 });
  });

  it('lists purchases apart, not as unknown payouts', () => {
    const result = match(
      [payout('A')],
      [
        op('A'),
        op('QR-1', { operation_type: 'sale' }),
        op('QR-1', { operation_type: 'refund' }),
        op('P2P-1', { operation_type: 'sale', operation_status: 'decline' }),
      ],
    );
    expect(result.summary).toMatchObject({ matched: 1, purchases: 2, unknown_at_console: 0 });
    expect(result.exceptions).toEqual([]);
    expect(result.purchases.map((p) => `${p.payment_id}:${p.operation_type}:${p.status}`)).toEqual([
      'QR-1:refund:success',
      'P2P-1:sale:decline',
    ]);
  });

  it('does not count failed attempts before one success as a duplicate', () => {
    const result = match(
      [payout('RETRIED')],
      [
        op('RETRIED', { operation_status: 'error', code: '20602', created_at: '2024-03-30T10:00:00+00:00' }),
        op('RETRIED', { operation_status: 'decline', created_at: '2024-03-30T11:00:00+00:00' }),
        op('RETRIED', { created_at: '2024-03-30T12:00:00+00:00' }),
      ],
    );
    expect(result.summary).toMatchObject({ matched: 1, duplicates: 0 });
  });

  it('takes the latest attempt when none succeeded', () => {
    const result = match(
      [payout('A', { state: 'decline' })],
      [
        op('A', { operation_status: 'decline', created_at: '2024-03-30T12:00:00+00:00' }),
        op('A', { operation_status: 'error', created_at: '2024-03-30T10:00:00+00:00' }),
      ],
    );
    expect(result.summary.matched).toBe(1);
  });

  it('shows a reversal the console does not know as a status mismatch, and matches one it knows', () => {
    const ops = [op('R'), op('R', { operation_type: 'reversal' })];
    const unseen = match([payout('R')], ops);
    expect(kinds(unseen)).toEqual(['status_mismatch:R']);
    expect(unseen.exceptions[0]).toMatchObject({ console_status: 'success', provider_status: 'reversed' });
    expect(match([payout('R', { state: 'reversed' })], ops).summary.matched).toBe(1);
    // A reversal that did not succeed changes nothing.
    const failedReversal = [op('R'), op('R', { operation_type: 'reversal', operation_status: 'decline' })];
    expect(match([payout('R')], failedReversal).summary.matched).toBe(1);
  });

  it('compares states still in progress as such: neither side final is no break, one side final is', () => {
    const result = match(
      [
        payout('BOTH', { state: 'accepted' }),
        payout('CONSOLE-WAITING', { state: 'unknown' }),
        payout('ATTENTION', { state: 'needs_attention' }),
        payout('PROVIDER-WAITING'),
      ],
      [
        op('BOTH', { operation_status: 'processing' }),
        op('CONSOLE-WAITING'),
        op('ATTENTION', { operation_status: 'decline' }),
        op('PROVIDER-WAITING', { operation_status: 'processing' }),
      ],
    );
    expect(result.summary.matched).toBe(1);
    expect(kinds(result)).toEqual([
      'status_mismatch:CONSOLE-WAITING',
      'status_mismatch:ATTENTION',
      'status_mismatch:PROVIDER-WAITING',
    ]);
  });

  it('expects only payouts that left the machine, and flags the provider showing one that did not', () => {
    const result = match(
      [
        payout('DRAFT', { state: 'draft', first_sent_at_ms: null }),
        payout('CANCELLED', { state: 'cancelled', first_sent_at_ms: null }),
        payout('REFUSED', { state: 'rejected' }),
        payout('NEVER-SENT', { state: 'queued', first_sent_at_ms: null }),
      ],
      [op('NEVER-SENT')],
    );
    expect(result.console_payouts).toBe(0);
    expect(kinds(result)).toEqual(['status_mismatch:NEVER-SENT']);
    expect(result.exceptions[0]).toMatchObject({ console_status: 'queued', provider_status: 'success' });
  });

  it('keeps payouts sent within the grace period pending instead of missing or mismatched', () => {
    const recent = NOW - 10 * 60_000;
    const payouts = [
      payout('RECENT-MISSING', { first_sent_at_ms: recent, state: 'accepted' }),
      payout('RECENT-PROCESSING', { first_sent_at_ms: recent }),
      payout('OLD-MISSING'),
      payout('RECENT-AMOUNT', { first_sent_at_ms: recent }),
    ];
    const ops = [
      op('RECENT-PROCESSING', { operation_status: 'processing' }),
      op('RECENT-AMOUNT', { amount_fen: 1 }),
    ];
    const withGrace = match(payouts, ops, 30);
    expect(withGrace.pending.map((p) => p.payment_id)).toEqual(['RECENT-MISSING', 'RECENT-PROCESSING']);
    expect(withGrace.pending[0]).toMatchObject({
      status: 'accepted',
      amount_fen: 50000,
      at: new Date(recent).toISOString(),
    });
    // An amount does not change with time: no grace for it.
    expect(kinds(withGrace)).toEqual(['missing_at_provider:OLD-MISSING', 'amount_mismatch:RECENT-AMOUNT']);
    expect(withGrace.summary.pending).toBe(2);
    const withoutGrace = match(payouts, ops, 0);
    expect(withoutGrace.summary).toMatchObject({ pending: 0, missing_at_provider: 2, status_mismatch: 1 });
  });

  it('says what differs in the reader language', () => {
    const [amount] = match([payout('A')], [op('A', { amount_fen: 5000 })]).exceptions;
    expect(exceptionDetail(amount!, 'en')).toBe(
      'Amounts differ: the console has 500.00 CNY, the provider 50.00 CNY.',
    );
    expect(exceptionDetail(amount!, 'zh-CN')).toBe('金额不符：控制台 500.00 CNY，服务商 50.00 CNY。');
  });

  it('stays linear: 100,000 payouts against 100,000 operations in well under a second', () => {
    const payouts: ConsolePayout[] = [];
    const ops: ProviderOperation[] = [];
    for (let i = 0; i < 100_000; i++) {
      payouts.push(payout(`P-${i}`));
      ops.push(op(`P-${i}`));
    }
    const start = performance.now();
    const result = match(payouts, ops);
    expect(result.summary.matched).toBe(100_000);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
