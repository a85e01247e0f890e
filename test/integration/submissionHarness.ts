/** Shared set-up for submission tests: a real SQLite file, a real sandbox over HTTP, the real engine. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPayoutFile } from '../../electron/core/intake.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { approveBatch, startSending } from '../../electron/core/submission/batchControl.js';
import { SubmissionEngine } from '../../electron/core/submission/engine.js';
import type { SubmissionTiming } from '../../electron/core/submission/config.js';
import { GateClient } from '../../electron/core/gate/client.js';
import { buildPayoutRequest } from '../../electron/core/gate/payoutRequest.js';
import { sandboxEndpoint } from '../../electron/core/environments.js';
import type { LedgerEntry } from '../../electron/sandbox/index.js';
import { withLuhnDigit } from '../fixtures/payoutFile.js';

export const reference = loadReferenceData(SOURCE_REFERENCE_DIR);

/** Fast timing for tests against the sandbox (production waits ≥ 10 s before a status query). */
export const FAST_TIMING: SubmissionTiming = {
  statusDelayMs: 100,
  pollInitialMs: 50,
  pollMaxMs: 300,
  notFoundGraceMs: 1_000,
  notFoundConfirmations: 2,
  thresholdMs: 120_000,
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A payout file of `count` valid rows. Every 10th row pays 400.00 or 404.00 CNY, which the sandbox
 * declines (the seeds' test rule); the rest succeed.
 */
export function payoutCsv(count: number, prefix: string): string {
  const lines = ['payment_id,amount,card_number,bank_id,region_id,last_name,first_name'];
  for (let i = 1; i <= count; i++) {
    const amount =
      i % 20 === 0
        ? '400.00'
        : i % 10 === 0
          ? '404.00'
          : `${10 + (i % 4000)}.${String(i % 100).padStart(2, '0')}`;
    const pan = withLuhnDigit(`622848${String(i).padStart(12, '0')}`);
    lines.push(`${prefix}-${String(i).padStart(6, '0')},${amount},${pan},1,${1 + (i % 34)},张,伟`);
  }
  return lines.join('\n') + '\n';
}

/** Imports, approves (by a second person) and starts sending a batch; returns its id. */
export function sendingBatch(db: Database, count: number, prefix: string): number {
  const outcome = importPayoutFile(
    new TextEncoder().encode(payoutCsv(count, prefix)),
    `${prefix}.csv`,
    reference,
    {
      method: 'cup-p2p',
      db,
      user: 'alice',
    },
  );
  if (!outcome.stored) throw new Error(`import refused: ${JSON.stringify(outcome.refusal)}`);
  approveBatch(db, outcome.stored.batchId, 'bob');
  startSending(db, outcome.stored.batchId, 'bob');
  return outcome.stored.batchId;
}

export function engineFor(
  db: Database,
  sandboxUrl: string,
  timing: SubmissionTiming = FAST_TIMING,
  concurrency = 8,
) {
  const endpoint = sandboxEndpoint(sandboxUrl);
  const defaults = { customerIp: '127.0.0.1', country: 'CN' };
  // The grace before trusting "not found" is at least the request timeout (a late request may still land).
  const client = new GateClient(endpoint, { concurrency, timeoutMs: 1_000, payoutDefaults: defaults });
  const regions = new Map(reference.regions.map((r) => [r.id, r]));
  const engine = new SubmissionEngine({
    db,
    gate: client,
    buildRequest: (row) =>
      buildPayoutRequest({ ...row, warnings: [] }, endpoint, defaults, regions.get(row.region_id)),
    timing,
    concurrency,
  });
  return { engine, client };
}

export interface JournalRow {
  payment_id: string;
  state: string;
  amount_fen: number;
  send_attempts: number;
}

export function journalRows(db: Database, batchId: number): JournalRow[] {
  return db
    .prepare(
      'SELECT payment_id, state, amount_fen, send_attempts FROM payouts WHERE batch_id = ? ORDER BY id',
    )
    .all(batchId) as JournalRow[];
}

export function openDb(dir: string): Database {
  return openDatabase(join(dir, 'console.sqlite'));
}

/** Sum of amounts per status, from either side. */
export function sumsByStatus(
  rows: Array<{ status: string; amount: number }>,
): Record<string, { count: number; fen: number }> {
  const sums: Record<string, { count: number; fen: number }> = {};
  for (const { status, amount } of rows) {
    const entry = (sums[status] ??= { count: 0, fen: 0 });
    entry.count++;
    entry.fen += amount;
  }
  return sums;
}

/** The never-pay-twice invariants between the console's journal and the provider's ledger. */
export function checkAgainstLedger(rows: JournalRow[], ledger: LedgerEntry[]) {
  const byId = new Map(ledger.map((entry) => [entry.payment_id, entry]));
  return {
    /** Console rows the provider does not have. */
    lost: rows.filter((row) => !byId.has(row.payment_id)).map((row) => row.payment_id),
    /** Payment ids the provider received a payout request for after it already had them. */
    duplicates: ledger
      .filter((entry) => entry.requests_after_registered > 0)
      .map((entry) => entry.payment_id),
    /** Rows whose final status differs from the provider's. */
    mismatched: rows
      .filter((row) => byId.get(row.payment_id)?.status !== row.state)
      .map((row) => row.payment_id),
    console: sumsByStatus(rows.map((row) => ({ status: row.state, amount: row.amount_fen }))),
    provider: sumsByStatus(ledger.map((entry) => ({ status: entry.status, amount: entry.amount }))),
  };
}
