/** Reconciliation runs and their exceptions: what was compared, what was found, and who resolved what. */
import type { Database } from 'better-sqlite3';
import type { ReconciliationItemView } from '../../../contract/records.js';
import type {
  NewReconciliationException,
  NewReconciliationRun,
  PayoutForMatching,
  ResolveOutcome,
  RunFigures,
  StoredException,
  StoredRun,
} from '../reconciliationPort.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

/** Applied as migration 12 (migrations.ts). */
export const RECONCILIATION_MIGRATION_SQL = `
CREATE TABLE reconciliation_runs (
  id                  INTEGER PRIMARY KEY,
  ran_at              TEXT    NOT NULL,
  ran_by              TEXT    NOT NULL,
  file_name           TEXT    NOT NULL,
  file_sha256         TEXT    NOT NULL,
  format              TEXT    NOT NULL CHECK (format IN ('ecommpay-json', 'csv')),
  grace_minutes       INTEGER NOT NULL CHECK (grace_minutes >= 0),
  provider_operations INTEGER NOT NULL CHECK (provider_operations >= 0),
  console_payouts     INTEGER NOT NULL CHECK (console_payouts >= 0),
  -- {summary, matched_fen, unmatched_console, unmatched_provider}
  figures             TEXT    NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'object'),
  pending             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(pending) AND json_type(pending) = 'array'),
  purchases           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(purchases) AND json_type(purchases) = 'array')
) STRICT;

CREATE TABLE reconciliation_exceptions (
  id                     INTEGER PRIMARY KEY,
  run_id                 INTEGER NOT NULL REFERENCES reconciliation_runs (id),
  kind                   TEXT    NOT NULL CHECK (kind IN ('missing_at_provider', 'unknown_at_console',
                                   'amount_mismatch', 'status_mismatch', 'duplicate')),
  payment_id             TEXT    NOT NULL,
  batch_id               INTEGER NULL REFERENCES batches (id),
  console_amount_fen     INTEGER NULL,
  console_currency       TEXT    NULL,
  console_status         TEXT    NULL,
  provider_amount_fen    INTEGER NULL,
  provider_currency      TEXT    NULL,
  provider_status        TEXT    NULL,
  provider_operation_ids TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(provider_operation_ids)),
  resolved_by            TEXT    NULL,
  resolved_at            TEXT    NULL,
  resolution_note        TEXT    NULL,
  -- Resolved means all three: who, when and why.
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution_note IS NULL))
) STRICT;

CREATE INDEX reconciliation_exceptions_run ON reconciliation_exceptions (run_id, kind);
`;

/** Every payout, in one pass: matching decides which the provider should know. */
export function payoutsForMatching(db: Database): PayoutForMatching[] {
  return db
    .prepare<[], PayoutForMatching>(
      // ecommpay's operations hold payouts only: refunds went to Computop and are not reconciled here.
      `SELECT p.payment_id, p.batch_id, p.amount_fen, p.currency, p.state, p.first_sent_at_ms
         FROM payouts p JOIN batches b ON b.id = p.batch_id WHERE b.kind = 'payout' ORDER BY p.id`,
    )
    .all();
}

const RUN_COLUMNS = `r.id, r.ran_at, r.ran_by, r.file_name, r.file_sha256, r.format, r.grace_minutes,
  r.provider_operations, r.console_payouts, r.figures,
  (SELECT count(*) FROM reconciliation_exceptions e WHERE e.run_id = r.id AND e.resolved_at IS NULL)
    AS open_exceptions`;

type RunRow = Omit<StoredRun, 'figures'> & { figures: string };

function runOf(row: RunRow): StoredRun {
  return { ...row, figures: JSON.parse(row.figures) as RunFigures };
}

type ExceptionRow = Omit<StoredException, 'provider_operation_ids'> & { provider_operation_ids: string };

function exceptionOf(row: ExceptionRow): StoredException {
  return { ...row, provider_operation_ids: JSON.parse(row.provider_operation_ids) as string[] };
}

const EXCEPTION_COLUMNS = `id, run_id, kind, payment_id, batch_id, console_amount_fen, console_currency,
  console_status, provider_amount_fen, provider_currency, provider_status, provider_operation_ids, resolved_by,
  resolved_at, resolution_note`;

/** A run, its exceptions and its audit entry (which gains the run's id), in one transaction. */
export function storeRun(
  db: Database,
  run: NewReconciliationRun,
  exceptions: readonly NewReconciliationException[],
  audit: AuditRecord,
): { runId: number; exceptionIds: number[] } {
  const insertRun = db.prepare(
    `INSERT INTO reconciliation_runs (ran_at, ran_by, file_name, file_sha256, format, grace_minutes,
       provider_operations, console_payouts, figures, pending, purchases)
     VALUES (@ran_at, @ran_by, @file_name, @file_sha256, @format, @grace_minutes, @provider_operations,
       @console_payouts, @figures, @pending, @purchases)`,
  );
  const insertException = db.prepare(
    `INSERT INTO reconciliation_exceptions (run_id, kind, payment_id, batch_id, console_amount_fen,
       console_currency, console_status, provider_amount_fen, provider_currency, provider_status,
       provider_operation_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db
    .transaction(() => {
      const runId = Number(
        insertRun.run({
          ...run,
          figures: JSON.stringify(run.figures),
          pending: JSON.stringify(run.pending),
          purchases: JSON.stringify(run.purchases),
        }).lastInsertRowid,
      );
      const exceptionIds: number[] = [];
      for (const e of exceptions) {
        const inserted = insertException.run(
          runId,
          e.kind,
          e.payment_id,
          e.batch_id,
          e.console_amount_fen,
          e.console_currency,
          e.console_status,
          e.provider_amount_fen,
          e.provider_currency,
          e.provider_status,
          JSON.stringify(e.provider_operation_ids),
        );
        exceptionIds.push(Number(inserted.lastInsertRowid));
      }
      appendAudit(db, { ...audit, details: { run_id: runId, ...audit.details } });
      return { runId, exceptionIds };
    })
    .immediate();
}

export function listRuns(db: Database, { offset, limit }: { offset: number; limit: number }): StoredRun[] {
  return db
    .prepare<[number, number], RunRow>(
      `SELECT ${RUN_COLUMNS} FROM reconciliation_runs r ORDER BY r.id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset)
    .map(runOf);
}

export function getRun(db: Database, runId: number): StoredRun | null {
  const row = db
    .prepare<[number], RunRow>(`SELECT ${RUN_COLUMNS} FROM reconciliation_runs r WHERE r.id = ?`)
    .get(runId);
  return row ? runOf(row) : null;
}

export function runItems(
  db: Database,
  runId: number,
): { pending: ReconciliationItemView[]; purchases: ReconciliationItemView[] } | null {
  const row = db
    .prepare<[number], { pending: string; purchases: string }>(
      'SELECT pending, purchases FROM reconciliation_runs WHERE id = ?',
    )
    .get(runId);
  if (!row) return null;
  return {
    pending: JSON.parse(row.pending) as ReconciliationItemView[],
    purchases: JSON.parse(row.purchases) as ReconciliationItemView[],
  };
}

export function runExceptions(db: Database, runId: number): StoredException[] {
  return db
    .prepare<[number], ExceptionRow>(
      `SELECT ${EXCEPTION_COLUMNS} FROM reconciliation_exceptions WHERE run_id = ? ORDER BY id`,
    )
    .all(runId)
    .map(exceptionOf);
}

function getException(db: Database, exceptionId: number): StoredException | null {
  const row = db
    .prepare<[number], ExceptionRow>(
      `SELECT ${EXCEPTION_COLUMNS} FROM reconciliation_exceptions WHERE id = ?`,
    )
    .get(exceptionId);
  return row ? exceptionOf(row) : null;
}

/** Open → resolved (compare-and-set), with the audit entry, in one transaction. */
export function resolveException(
  db: Database,
  exceptionId: number,
  note: string,
  audit: AuditRecord,
): ResolveOutcome {
  return db
    .transaction((): ResolveOutcome => {
      const changed = db
        .prepare(
          `UPDATE reconciliation_exceptions SET resolved_by = ?, resolved_at = ?, resolution_note = ?
           WHERE id = ? AND resolved_at IS NULL`,
        )
        .run(audit.actor, audit.at, note, exceptionId).changes;
      const exception = getException(db, exceptionId);
      if (changed === 0 || exception === null) return { ok: false, exception };
      appendAudit(db, {
        ...audit,
        batchId: exception.batch_id,
        details: {
          run_id: exception.run_id,
          exception_id: exception.id,
          kind: exception.kind,
          payment_id: exception.payment_id,
          ...audit.details,
        },
      });
      return { ok: true, exception };
    })
    .immediate();
}
