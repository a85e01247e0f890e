/** Refund terms beside their payout rows, and the provider's word on each refunded payment. */
import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { KnownPayment, RefundDraftInput } from '../refundsPort.js';
import type { AuditRecord, InsertDraftBatchResult, JournalChange } from '../types.js';
import { smallerCapture } from '../../refunds/capture.js';
import { insertDraftBatch } from './batches.js';

/**
 * Applied as migration 13 (migrations.ts). A refund row is a payout row (its TransID as payment_id, so it is
 * unique forever with every payout id, and its amount) plus its terms here; the approval seal covers both.
 * `payment_ledgers` keeps the provider's last word on each refunded payment (Computop's inquiry).
 */
export const REFUNDS_MIGRATION_SQL = `
ALTER TABLE batches ADD COLUMN kind TEXT NOT NULL DEFAULT 'payout' CHECK (kind IN ('payout', 'refund'));
ALTER TABLE batches ADD COLUMN merchant_id TEXT NULL;

CREATE TABLE refund_details (
  payout_id           INTEGER PRIMARY KEY REFERENCES payouts (id),
  pay_id              TEXT    NOT NULL CHECK (length(pay_id) = 32),
  req_id              TEXT    NOT NULL UNIQUE CHECK (length(req_id) BETWEEN 1 AND 32),
  ref_nr              TEXT    NOT NULL DEFAULT '' CHECK (length(ref_nr) <= 32),
  reason              TEXT    NOT NULL DEFAULT '',
  captured_fen        INTEGER NULL CHECK (captured_fen IS NULL OR captured_fen >= 0),
  credited_before_fen INTEGER NULL CHECK (credited_before_fen IS NULL OR credited_before_fen >= 0)
) STRICT;
CREATE INDEX refund_details_pay_id ON refund_details (pay_id);

CREATE TABLE payment_ledgers (
  pay_id       TEXT    PRIMARY KEY,
  captured_fen INTEGER NOT NULL CHECK (captured_fen >= 0),
  credited_fen INTEGER NOT NULL CHECK (credited_fen >= 0),
  currency     TEXT    NULL,
  seen_at      TEXT    NOT NULL
) STRICT;
`;

/**
 * Refund states that can no longer pay: refused, declined, failed, or never sent. Every other state (draft,
 * queued, in flight, success, needs_attention) counts against the capture.
 */
export const REFUND_STATES_THAT_PAID_NOTHING = ['rejected', 'decline', 'error', 'cancelled'] as const;
const PAID_NOTHING_SQL = REFUND_STATES_THAT_PAID_NOTHING.map((s) => `'${s}'`).join(', ');

export function storeRefundBatch(
  db: Database,
  input: RefundDraftInput,
  audit: AuditRecord,
): InsertDraftBatchResult {
  const run = db.transaction((): InsertDraftBatchResult => {
    const stored = insertDraftBatch(db, { ...input.draft, kind: 'refund' }, audit);
    // One statement for every row (SQLite reads the JSON itself): a 90,000-row batch took 1.2 s as one call
    // per row. CROSS JOIN keeps the JSON rows outside, so each finds its payout row through the payment_id
    // index (the other order scans every payout per refund).
    const inserted = db
      .prepare(
        `INSERT INTO refund_details (payout_id, pay_id, req_id, ref_nr, reason, captured_fen)
         SELECT p.id, j.value ->> '$.payId', j.value ->> '$.reqId', j.value ->> '$.refNr',
                j.value ->> '$.reason', j.value ->> '$.capturedFen'
           FROM json_each(@refunds) j CROSS JOIN payouts p ON p.payment_id = j.value ->> '$.transId'
          WHERE p.batch_id = @batchId`,
      )
      .run({ refunds: JSON.stringify(input.refunds), batchId: stored.batchId }).changes;
    if (inserted !== input.refunds.length)
      throw new StoreError('INVALID_PAYOUT', 'A refund has no row of its own in the batch', {});
    if (input.refunds.length !== stored.payoutCount)
      throw new StoreError('INVALID_PAYOUT', 'Every row of a refund batch needs its refund terms', {});
    return stored;
  });
  return run.immediate();
}

export function knownPayments(
  db: Database,
  payIds: readonly string[],
  excludeBatchId: number | null,
): Map<string, KnownPayment> {
  const rows = db
    .prepare<
      [{ payIds: string; exclude: number }],
      {
        pay_id: string;
        ledger_captured: number | null;
        ledger_credited: number | null;
        file_captured: number | null;
        console_fen: number;
      }
    >(
      `SELECT j.value AS pay_id,
              l.captured_fen AS ledger_captured,
              l.credited_fen AS ledger_credited,
              (SELECT min(r.captured_fen) FROM refund_details r WHERE r.pay_id = j.value) AS file_captured,
              (SELECT coalesce(sum(p.amount_fen), 0)
                 FROM refund_details r JOIN payouts p ON p.id = r.payout_id JOIN batches b ON b.id = p.batch_id
                WHERE r.pay_id = j.value AND p.batch_id <> @exclude AND b.status <> 'rejected'
                  AND p.state NOT IN (${PAID_NOTHING_SQL})) AS console_fen
         FROM json_each(@payIds) j LEFT JOIN payment_ledgers l ON l.pay_id = j.value`,
    )
    .all({ payIds: JSON.stringify([...new Set(payIds)]), exclude: excludeBatchId ?? -1 });
  const known = new Map<string, KnownPayment>();
  for (const row of rows) {
    known.set(row.pay_id, {
      // The smaller figure holds: the provider's, or the smallest an earlier refund file gave.
      capturedFen: smallerCapture(row.ledger_captured, row.file_captured),
      refundedFen: Math.max(row.ledger_credited ?? 0, row.console_fen),
    });
  }
  return known;
}

export function batchRefunds(
  db: Database,
  batchId: number,
): Array<{ payId: string; amountFen: number; capturedFen: number | null }> {
  return db
    .prepare<[number], { payId: string; amountFen: number; capturedFen: number | null }>(
      `SELECT r.pay_id AS payId, p.amount_fen AS amountFen, r.captured_fen AS capturedFen
         FROM payouts p JOIN refund_details r ON r.payout_id = p.id WHERE p.batch_id = ? ORDER BY p.id`,
    )
    .all(batchId);
}

/**
 * Inside the journal's transaction: the provider's word on a refunded payment, kept per payment (the latest
 * answer wins), and the refund's credited-before amount when the word came just before its credit left.
 */
export function recordLedger(
  db: Database,
  change: Pick<JournalChange, 'payoutId' | 'ledger'>,
  nowMs: number,
): void {
  if (!change.ledger) return;
  const { seen, beforeSend } = change.ledger;
  db.prepare(
    `INSERT INTO payment_ledgers (pay_id, captured_fen, credited_fen, currency, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (pay_id) DO UPDATE SET captured_fen = excluded.captured_fen,
       credited_fen = excluded.credited_fen, currency = excluded.currency, seen_at = excluded.seen_at`,
  ).run(seen.reference, seen.capturedFen, seen.creditedFen, seen.currency, new Date(nowMs).toISOString());
  if (beforeSend)
    db.prepare(
      // A later first-send (after "not sent") overwrites: only the attempt whose credit left counts.
      `UPDATE refund_details SET credited_before_fen = ? WHERE payout_id = ?`,
    ).run(seen.creditedFen, change.payoutId);
}
