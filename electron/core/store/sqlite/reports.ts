/** The reports port over SQLite: reads for review, the needs-attention queue and exports. */
import type { Database } from 'better-sqlite3';
import type {
  PayoutFigures,
  ReportRow,
  ReportSelection,
  ReportTotals,
  ResultRow,
  WaitingBatch,
  WaitingPayout,
  WarnedPayout,
} from '../reportsPort.js';
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

// ---------------------------------------------------------------------------------------------------------
// Month-end reports

/** What every report query reads of a payout; `at` is its report instant (final, else imported). */
const REPORT_COLUMNS = `p.id, p.batch_id, b.method, b.kind,
  (SELECT r.pay_id FROM refund_details r WHERE r.payout_id = p.id) AS pay_id, p.line, p.payment_id, p.amount_fen, p.currency, p.card_number,
  p.bank_id, p.region_id, p.last_name, p.first_name, p.state, p.code, p.message, p.created_at,
  p.first_sent_at_ms, p.final_at, p.retry_of, coalesce(p.final_at, p.created_at) AS at`;

type SelectionParams = { batchId: number | null; fromIso: string | null; toIso: string | null };

/**
 * The payouts selected, as a CTE named `scope`. A range is read through two indexes: final payouts by
 * final_at, the others by their batch's created_at (a payout is stored with its batch's creation time).
 */
function scope(selection: ReportSelection, extraColumns = ''): { cte: string; params: SelectionParams } {
  const columns = REPORT_COLUMNS + extraColumns;
  if ('batchId' in selection) {
    return {
      cte: `WITH scope AS (SELECT ${columns} FROM payouts p JOIN batches b ON b.id = p.batch_id
                            WHERE p.batch_id = @batchId)`,
      params: { batchId: selection.batchId, fromIso: null, toIso: null },
    };
  }
  return {
    cte: `WITH scope AS (
            SELECT ${columns} FROM payouts p JOIN batches b ON b.id = p.batch_id
             WHERE p.final_at >= @fromIso AND p.final_at < @toIso
            UNION ALL
            SELECT ${columns} FROM batches b CROSS JOIN payouts p ON p.batch_id = b.id
             WHERE b.created_at >= @fromIso AND b.created_at < @toIso AND p.final_at IS NULL)`,
    params: { batchId: null, fromIso: selection.fromIso, toIso: selection.toIso },
  };
}

/** The start of the UTC quarter hour of an ISO instant in `at`, as ISO. */
const QUARTER_HOUR_SQL = `substr(at, 1, 14) || printf('%02d', (CAST(substr(at, 15, 2) AS INTEGER) / 15) * 15)
  || ':00.000Z'`;

/** Every group of a report's summary, read in one transaction (one consistent view of the payouts). */
export function reportTotals(
  db: Database,
  selection: ReportSelection,
  failedStates: readonly string[],
): ReportTotals {
  const { cte, params } = scope(selection);
  const all = <T>(sql: string, extra: Record<string, unknown> = {}): T[] =>
    db.prepare<[Record<string, unknown>], T>(`${cte} ${sql}`).all({ ...params, ...extra });
  const sums = 'count(*) AS count, sum(amount_fen) AS total_fen';
  const read = db.transaction((): ReportTotals => ({
    by_state: all(`SELECT state, ${sums} FROM scope GROUP BY state ORDER BY state`),
    by_bank: all(`SELECT method, bank_id, ${sums} FROM scope GROUP BY method, bank_id ORDER BY bank_id`),
    by_region: all(`SELECT region_id, ${sums} FROM scope GROUP BY region_id ORDER BY region_id`),
    by_quarter_hour: all(
      `SELECT ${QUARTER_HOUR_SQL} AS start, state, ${sums} FROM scope GROUP BY start, state ORDER BY start`,
    ),
    by_failure_code: all(
      `SELECT code, state, ${sums} FROM scope WHERE state IN (SELECT value FROM json_each(@failed))
          GROUP BY code, state`,
      { failed: JSON.stringify(failedStates) },
    ),
    batch_ids: all<{ batch_id: number }>('SELECT DISTINCT batch_id FROM scope ORDER BY batch_id').map(
      (row) => row.batch_id,
    ),
  }));
  return read();
}

/** The payouts selected in batch and file order: a page, or all (page null). */
export function reportRows(
  db: Database,
  selection: ReportSelection,
  page: { offset: number; limit: number } | null,
  withSealed: boolean,
): ReportRow[] {
  const { cte, params } = scope(selection, withSealed ? ', p.payee_sealed' : '');
  const limit = page ? 'LIMIT @limit OFFSET @offset' : '';
  return db
    .prepare<[Record<string, unknown>], ReportRow>(
      `${cte} SELECT * FROM scope ORDER BY batch_id, id ${limit}`,
    )
    .all({ ...params, ...(page ?? {}) });
}
