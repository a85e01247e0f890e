/** The reports port over SQLite: reads for review, the needs-attention queue and exports. */
import type { Database } from 'better-sqlite3';
import type { PayoutFigures, ResultRow, WaitingBatch, WaitingPayout, WarnedPayout } from '../reportsPort.js';
import type { BatchStatus } from '../types.js';

export function payoutFigures(db: Database, batchId: number): PayoutFigures[] {
  return db
    .prepare<[number], PayoutFigures>(
      'SELECT amount_fen, bank_id, region_id FROM payouts WHERE batch_id = ? ORDER BY id',
    )
    .all(batchId);
}

/**
 * The warned payouts, each with the first line of the batch paying the same card the same amount: the
 * window runs over the whole batch (an unwarned first occurrence included), cards compared by keyed hash.
 */
export function warnedPayouts(db: Database, batchId: number): WarnedPayout[] {
  return db
    .prepare<[number], Omit<WarnedPayout, 'warnings'> & { warnings: string }>(
      `SELECT line, payment_id, amount_fen, bank_id, card_number, id_number, warnings, first_line_same_card
         FROM (SELECT id, line, payment_id, amount_fen, bank_id, card_number, id_number, warnings,
                      CASE WHEN card_hash IS NULL THEN NULL
                           ELSE min(line) OVER (PARTITION BY card_hash, amount_fen) END AS first_line_same_card
                 FROM payouts WHERE batch_id = ?)
        WHERE warnings <> '[]'
        ORDER BY id`,
    )
    .all(batchId)
    .map((row) => ({ ...row, warnings: JSON.parse(row.warnings) as string[] }));
}

/**
 * Batches drive the loop (CROSS JOIN keeps them outside), so each is one probe of the (batch_id, state) index
 * instead of a scan of every payout; the time a payout entered its state is its latest event into it.
 */
export function waitingPayouts(
  db: Database,
  query: { states: readonly string[]; limit: number },
): WaitingPayout[] {
  return db
    .prepare<[{ states: string; limit: number }], WaitingPayout>(
      `SELECT p.batch_id, p.line, p.payment_id, p.amount_fen, p.state, p.code, p.message,
              coalesce((SELECT max(e.at) FROM payout_events e WHERE e.payout_id = p.id AND e.to_state = p.state),
                       p.created_at) AS since
         FROM batches b CROSS JOIN payouts p
           ON p.batch_id = b.id AND p.state IN (SELECT value FROM json_each(@states))
        ORDER BY since, p.batch_id, p.id
        LIMIT @limit`,
    )
    .all({ states: JSON.stringify(query.states), limit: query.limit });
}

export function waitingBatches(
  db: Database,
  query: { since: Partial<Record<BatchStatus, string>>; limit: number },
): WaitingBatch[] {
  return db
    .prepare<[{ since: string; limit: number }], WaitingBatch>(
      `SELECT id, status, payout_count, total_fen, created_by, approved_by, approvals_given, since
         FROM (SELECT b.id, b.status, b.payout_count, b.total_fen, b.created_by, b.approved_by,
                      (SELECT count(*) FROM batch_approvals a WHERE a.batch_id = b.id
                          AND b.status = 'draft') AS approvals_given,
                      coalesce((SELECT max(a.at) FROM audit_log a WHERE a.batch_id = b.id AND a.action = s.value),
                               b.approved_at, b.created_at) AS since
                 FROM json_each(@since) s CROSS JOIN batches b ON b.status = s.key)
        ORDER BY since, id
        LIMIT @limit`,
    )
    .all({ since: JSON.stringify(query.since), limit: query.limit });
}

export function resultRows(db: Database, batchId: number): ResultRow[] {
  return db
    .prepare<[number], ResultRow>(
      `SELECT line, payment_id, amount_fen, currency, card_number, bank_id, region_id, last_name, first_name,
              state, code, message, final_at
         FROM payouts WHERE batch_id = ? ORDER BY id`,
    )
    .all(batchId);
}
