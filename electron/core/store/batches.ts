import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { appendAudit } from './audit.js';
import { StoreError } from './errors.js';
import type {
  BatchRecord,
  DraftBatchInput,
  DraftPayoutInput,
  InsertDraftBatchResult,
  StorablePayout,
  StoredPayout,
} from './types.js';
import type { PayoutDraft } from '../types.js';

export { appendAudit, listAudit } from './audit.js';

/** Narrows a validated draft to what the store accepts: positive integer amount, resolved bank and region. */
export function isStorablePayout(payout: PayoutDraft): payout is StorablePayout {
  return (
    isPositiveInteger(payout.amount_fen) &&
    Number.isSafeInteger(payout.bank_id) &&
    Number.isSafeInteger(payout.region_id)
  );
}

function isPositiveInteger(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) > 0;
}

// ---------------------------------------------------------------------------------------------------------
// Prepared statements, compiled once per connection (a 100k-row import runs the payout insert 100k times).

type PayoutParams = [
  batchId: number,
  line: number,
  paymentId: string,
  amountFen: number,
  currency: string,
  cardNumber: string,
  bankId: number,
  regionId: number,
  lastName: string,
  firstName: string,
  customerId: string,
  phone: string,
  email: string,
  idNumber: string,
  branch: string,
  bankCity: string,
  description: string,
  warnings: string,
  createdAt: string,
];

interface Statements {
  firstBySha: Statement<[string], number>;
  insertBatch: Statement<
    [string, string, string, string, string, number, number, number, string, string, number | null, number]
  >;
  insertPayout: Statement<PayoutParams>;
  batchTotals: Statement<[number], { count: number; total: number | null }>;
}

const statementCache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = statementCache.get(db);
  if (!s) {
    s = {
      firstBySha: db.prepare<[string], number>('SELECT min(id) FROM batches WHERE source_sha256 = ?').pluck(),
      insertBatch: db.prepare(
        `INSERT INTO batches (method, source_file_name, source_sha256, encoding, delimiter, row_count,
           payout_count, total_fen, status, created_by, created_at, duplicate_of, dropped_error_rows)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
      ),
      insertPayout: db.prepare(
        `INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id,
           last_name, first_name, customer_id, phone, email, id_number, branch, bank_city, description,
           warnings, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      batchTotals: db.prepare(
        'SELECT count(*) AS count, sum(amount_fen) AS total FROM payouts WHERE batch_id = ?',
      ),
    };
    statementCache.set(db, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Import

/**
 * Stores a draft batch and all its payouts in ONE transaction: either every row is stored or none is.
 * Throws StoreError PAYMENT_ID_USED (with the offending id and line) when a payment_id already exists,
 * INVALID_PAYOUT / EMPTY_BATCH for input the store cannot accept, CONTROL_TOTAL_MISMATCH if SQL and JS
 * disagree on count or sum.
 */
export function insertDraftBatch(db: Database, input: DraftBatchInput): InsertDraftBatchResult {
  const { checked, payoutCount, totalFen } = checkRows(input.payouts);
  const s = statements(db);
  const createdAt = new Date().toISOString();

  const run = db.transaction((): InsertDraftBatchResult => {
    const duplicateOf = s.firstBySha.get(input.sourceSha256) ?? null;
    const batchId = Number(
      s.insertBatch.run(
        input.method,
        input.sourceFileName,
        input.sourceSha256,
        input.encoding,
        input.delimiter,
        input.rowCount,
        payoutCount,
        totalFen,
        input.createdBy,
        createdAt,
        duplicateOf,
        input.droppedErrorRows,
      ).lastInsertRowid,
    );

    for (const row of checked) insertPayout(s.insertPayout, batchId, row, createdAt);

    // Count and sum again in SQL: what is stored must be exactly what the operator saw.
    const stored = s.batchTotals.get(batchId);
    if (stored?.count !== payoutCount || (stored.total ?? 0) !== totalFen) {
      throw new StoreError(
        'CONTROL_TOTAL_MISMATCH',
        `Stored ${stored?.count} payouts / ${stored?.total} fen, expected ${payoutCount} / ${totalFen}`,
      );
    }

    appendAudit(db, {
      at: createdAt,
      actor: input.createdBy,
      action: 'batch.import',
      batchId,
      details: {
        method: input.method,
        sourceFileName: input.sourceFileName,
        sourceSha256: input.sourceSha256,
        encoding: input.encoding,
        rowCount: input.rowCount,
        payoutCount,
        totalFen,
        droppedErrorRows: input.droppedErrorRows,
        rowsWithWarnings: checked.filter((r) => r.warnings.length > 0).length,
        duplicateOf,
      },
    });
    return { batchId, duplicateOf, payoutCount, totalFen };
  });

  // IMMEDIATE takes the write lock up front, so a concurrent writer waits instead of failing mid-import.
  return run.immediate();
}

interface CheckedRow {
  line: number;
  payout: StorablePayout;
  warnings: string[];
}

/** Validates every row before touching the database, and sums in exact integer arithmetic. */
function checkRows(rows: readonly DraftPayoutInput[]): {
  checked: CheckedRow[];
  payoutCount: number;
  totalFen: number;
} {
  if (rows.length === 0) throw new StoreError('EMPTY_BATCH', 'A batch needs at least one payout');
  const checked: CheckedRow[] = [];
  let totalFen = 0;
  for (const { line, payout, warnings } of rows) {
    if (!isPositiveInteger(line) || !payout.payment_id || !isStorablePayout(payout)) {
      throw new StoreError('INVALID_PAYOUT', `Line ${line}: payout is not storable`, {
        paymentId: payout.payment_id,
        line,
      });
    }
    totalFen += payout.amount_fen;
    checked.push({ line, payout, warnings });
  }
  // Beyond 2^53 integer sums would silently round.
  if (!Number.isSafeInteger(totalFen)) throw new StoreError('INVALID_PAYOUT', 'Batch total is too large');
  return { checked, payoutCount: rows.length, totalFen };
}

function insertPayout(
  stmt: Statement<PayoutParams>,
  batchId: number,
  { line, payout: p, warnings }: CheckedRow,
  createdAt: string,
): void {
  try {
    stmt.run(
      batchId,
      line,
      p.payment_id,
      p.amount_fen,
      p.currency,
      p.card_number,
      p.bank_id,
      p.region_id,
      p.last_name,
      p.first_name,
      p.customer_id,
      p.phone,
      p.email,
      p.id_number,
      p.branch,
      p.bank_city,
      p.description,
      warnings.length === 0 ? '[]' : JSON.stringify(warnings),
      createdAt,
    );
  } catch (err) {
    // payment_id is the only UNIQUE column of payouts.
    if (err instanceof BetterSqlite3.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StoreError('PAYMENT_ID_USED', `Line ${line}: payment_id ${p.payment_id} is already used`, {
        paymentId: p.payment_id,
        line,
      });
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Queries

/** Ids of batches imported from a file with this SHA-256, oldest first. */
export function findBatchesBySha256(db: Database, sha256: string): number[] {
  return db
    .prepare<[string], number>('SELECT id FROM batches WHERE source_sha256 = ? ORDER BY id')
    .pluck()
    .all(sha256);
}

/**
 * The subset of `ids` already stored in any batch. The ids travel as one JSON array parameter and are
 * probed against the payment_id index, one statement regardless of count (no 999-variable limit).
 */
export function usedPaymentIds(db: Database, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const used = db
    .prepare<[string], string>(
      'SELECT payment_id FROM payouts WHERE payment_id IN (SELECT value FROM json_each(?))',
    )
    .pluck()
    .all(JSON.stringify(ids));
  return new Set(used);
}

export function getBatch(db: Database, id: number): BatchRecord | null {
  return db.prepare<[number], BatchRecord>(`SELECT * FROM batches WHERE id = ?`).get(id) ?? null;
}

/** All batches, newest first. */
export function listBatches(db: Database): BatchRecord[] {
  return db.prepare<[], BatchRecord>(`SELECT * FROM batches ORDER BY id DESC`).all();
}

type PayoutRow = Omit<StoredPayout, 'warnings'> & { warnings: string };

/** A batch's payouts in file order. */
export function listPayouts(db: Database, batchId: number): StoredPayout[] {
  return db
    .prepare<[number], PayoutRow>('SELECT * FROM payouts WHERE batch_id = ? ORDER BY id')
    .all(batchId)
    .map((row) => ({ ...row, warnings: JSON.parse(row.warnings) as string[] }));
}
