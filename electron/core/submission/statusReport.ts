import type { Database } from 'better-sqlite3';
import { getBatch } from '../store/batches.js';

/** The `status --json` document (a published contract: add fields, never rename them). */
export interface BatchStatusReport {
  batch_id: number;
  batch_status: string;
  counts: Record<string, number>;
  sums_fen: Record<string, number>;
  rows: Array<{
    payment_id: string;
    status: string;
    code: string | null;
    message: string | null;
    line: number;
    amount_fen: number;
    send_attempts: number;
  }>;
}

export function batchStatusReport(db: Database, batchId: number): BatchStatusReport | null {
  const batch = getBatch(db, batchId);
  if (!batch) return null;
  const rows = db
    .prepare<[number], BatchStatusReport['rows'][number]>(
      `SELECT payment_id, state AS status, code, message, line, amount_fen, send_attempts
       FROM payouts WHERE batch_id = ? ORDER BY id`,
    )
    .all(batchId);
  const counts: Record<string, number> = {};
  const sums: Record<string, number> = {};
  for (const row of rows) {
    counts[row.status] = (counts[row.status] ?? 0) + 1;
    sums[row.status] = (sums[row.status] ?? 0) + row.amount_fen;
  }
  return { batch_id: batchId, batch_status: batch.status, counts, sums_fen: sums, rows };
}
