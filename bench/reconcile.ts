/**
 * Reconciliation: 100,000 console payouts in a real SQLite database against a 100,000-operation Data API
 * file. Baseline (same run): loading both sides into memory — reading and parsing the file, selecting the
 * payouts. Subject: the whole `reconcile` operation (read, load, match, store the run and its exceptions,
 * audit). Goal ≤ 3×. Peak memory: the command line's `reconcile` in its own process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Caller } from '../electron/core/app/context.js';
import { openConsole } from '../electron/core/app/runtime.js';
import { BENCH_KEY_SOURCES, benchCliEnv, prepareDatabase, removeDatabase } from './benchConsole.js';
import { interleavedMedians, median, printTable, ratio, timeOnce, type BenchRow } from './measure.js';

export interface ReconcileBenchOptions {
  payouts: number;
  runs: number;
  dataDir: string;
}

/** The command line's caller: no session, reading governed by the file (the run is recorded as 'console'). */
const COMMAND_LINE: Caller = { lang: 'en', session: null, readsWithoutSession: true };
const SENT_AT_MS = Date.UTC(2024, 2, 1, 10, 0, 0);

/** Every hundredth payout is missing at the provider, differs in amount, or differs in status. */
const breakOf = (i: number) =>
  i % 100 === 1 ? 'missing' : i % 100 === 2 ? 'amount' : i % 100 === 3 ? 'status' : null;

/**
 * Test setup, straight in SQL (one transaction): one completed batch of `count` sent payouts. Their payee
 * data is marked sealed so unlocking the key has nothing old to protect.
 */
function insertSentPayouts(dbPath: string, count: number): void {
  const db = new BetterSqlite3(dbPath);
  try {
    db.transaction(() => {
      const at = new Date(SENT_AT_MS).toISOString();
      const batchId = db
        .prepare(
          `INSERT INTO batches (method, source_file_name, source_sha256, encoding, delimiter, row_count,
             payout_count, total_fen, status, created_by, created_at)
           VALUES ('cup-p2p', 'bench.csv', 'bench', 'utf-8', ',', ?, ?, ?, 'completed', 'bench', ?)`,
        )
        .run(count, count, 0, at).lastInsertRowid;
      const insert = db.prepare(
        `INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id,
           last_name, first_name, customer_id, phone, email, id_number, branch, bank_city, description, state,
           created_at, first_sent_at_ms, final_at, payee_sealed)
         VALUES (?, ?, ?, ?, 'CNY', '622848******0128', 1, 5, '张', '伟', 'c', '138****8000', 'a@example.com',
           '', '', '', '', ?, ?, ?, ?, ?)`,
      );
      const sealed = Buffer.from([0]);
      for (let i = 0; i < count; i++)
        insert.run(
          batchId,
          i + 1,
          `B-${i}`,
          amountOf(i),
          i % 10 === 9 ? 'decline' : 'success',
          at,
          SENT_AT_MS,
          at,
          sealed,
        );
    })();
  } finally {
    db.close();
  }
}

const amountOf = (i: number) => 10_000 + (i % 5_000) * 7;

/** A saved Data API answer: one payout operation per payout (with the breaks above), and a few purchases. */
function writeProviderFile(path: string, count: number): void {
  const operations: object[] = [];
  for (let i = 0; i < count; i++) {
    const kind = breakOf(i);
    if (kind === 'missing') continue;
    const status = i % 10 === 9 ? 'decline' : 'success';
    operations.push({
      project_id: '200',
      operation_id: String(10_000_000_000_000 + i),
      payment_id: `B-${i}`,
      operation_type: 'payout',
      operation_status: kind === 'status' ? (status === 'success' ? 'decline' : 'success') : status,
      account_number: '622848******0128',
      payment_method_name: 'China UnionPay',
      operation_created_at: '2024-03-01T10:00:00+00:00',
      operation_completed_at: '2024-03-01T10:00:05+00:00',
      sum_initial: { amount: amountOf(i) + (kind === 'amount' ? 1 : 0), currency: 'CNY' },
      sum_converted: { amount: amountOf(i) + (kind === 'amount' ? 1 : 0), currency: 'CNY' },
      payment_provider_code: status === 'success' ? '0' : '20105',
      payment_provider_message: status === 'success' ? 'Success' : 'Insufficient funds',
    });
  }
  // As many operations as payouts: the missing ones' places go to purchases and payouts the console lacks.
  for (let i = operations.length; i < count; i++)
    operations.push({
      operation_id: String(20_000_000_000_000 + i),
      payment_id: `${i % 2 ? 'QR' : 'X'}-${i}`,
      operation_type: i % 2 ? 'sale' : 'payout',
      operation_status: 'success',
      operation_created_at: '2024-03-01T11:00:00+00:00',
      sum_initial: { amount: 8800, currency: 'CNY' },
    });
  writeFileSync(path, JSON.stringify({ operations, signature: 'bench' }));
}

export async function benchReconcile({ payouts, runs, dataDir }: ReconcileBenchOptions): Promise<boolean> {
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, `reconcile-${payouts}.sqlite`);
  const filePath = join(dataDir, `operations-${payouts}.json`);
  const logDir = join(dataDir, 'logs');
  await prepareDatabase(dbPath, logDir, {});
  insertSentPayouts(dbPath, payouts);
  writeProviderFile(filePath, payouts);
  const sizeMb = (readFileSync(filePath).length / 1024 / 1024).toFixed(1);

  const runtime = await openConsole({
    databasePath: dbPath,
    version: 'bench',
    logDir,
    keySources: BENCH_KEY_SOURCES,
  });
  const reader = new BetterSqlite3(dbPath, { readonly: true });
  let summary = '';
  try {
    const select = reader.prepare(
      'SELECT payment_id, batch_id, amount_fen, currency, state, first_sent_at_ms FROM payouts ORDER BY id',
    );
    const { load, reconcile } = await interleavedMedians(runs, {
      load: () =>
        timeOnce(() => {
          const document = JSON.parse(readFileSync(filePath, 'utf8')) as { operations: unknown[] };
          const rows = select.all();
          if (document.operations.length !== payouts || rows.length !== payouts)
            throw new Error('bench: sizes');
        }),
      reconcile: () =>
        timeOnce(async () => {
          const result = await runtime.app.call(
            'reconcile',
            { file: { name: 'operations.json', bytes: readFileSync(filePath) } },
            COMMAND_LINE,
          );
          if (!result.ok) throw new Error(`bench reconcile: ${result.error.code} ${result.error.message}`);
          summary = JSON.stringify(result.value.summary);
        }),
    });
    const peaks: number[] = [];
    let peakFailure: string | null = null;
    try {
      for (let i = 0; i < Math.min(runs, 3); i++) peaks.push(peakMemoryMb(dbPath, filePath));
    } catch (error) {
      // Shown as a failed row: the timings above still stand.
      peakFailure = (error as Error).message.split('\n')[0]!.slice(0, 160);
    }
    const peak = Math.max(...peaks);
    const table: BenchRow[] = [
      {
        name: `load both sides: JSON.parse of ${payouts.toLocaleString('en-US')} operations (${sizeMb} MB) + SELECT of ${payouts.toLocaleString('en-US')} payouts`,
        value: `${load.toFixed(0)} ms`,
        baseline: '—',
        ratio: '1.00×',
        goal: 'baseline',
        met: null,
      },
      {
        name: 'reconcile (read + load + match + store run, exceptions, audit)',
        value: `${reconcile.toFixed(0)} ms`,
        baseline: `${load.toFixed(0)} ms`,
        ratio: ratio(reconcile, load),
        goal: '≤ 3×',
        met: reconcile <= 3 * load,
      },
      {
        name: `reconcile peak memory (RSS of the command line's own process, highest of ${peaks.length})`,
        value:
          peakFailure === null
            ? `${peak.toFixed(0)} MB (median ${median(peaks).toFixed(0)} MB)`
            : `FAILED: ${peakFailure}`,
        baseline: '—',
        ratio: '—',
        goal: 'report',
        met: peakFailure === null ? null : false,
      },
    ];
    printTable(
      `Reconciliation: ${payouts.toLocaleString('en-US')} payouts against ${payouts.toLocaleString('en-US')} operations, median of ${runs} interleaved runs`,
      table,
    );
    console.log(`\nSummary of a run: ${summary}`);
    return table.every((row) => row.met !== false);
  } finally {
    reader.close();
    await runtime.close();
    removeDatabase(dbPath);
  }
}

/** `cup-payouts reconcile` in a child process, with a one-line preload that reports its peak resident memory. */
function peakMemoryMb(dbPath: string, filePath: string): number {
  const reportPeak = `process.on('exit', (code) => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + ' ' + code + '\\n'));`;
  const cli = fileURLToPath(new URL('../bin/cup-payouts.mjs', import.meta.url));
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(reportPeak)}`,
      cli,
      'reconcile',
      '--provider-file',
      filePath,
      '--db',
      dbPath,
      '--json',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: benchCliEnv() },
  );
  const match = /MAXRSS (\d+) (\d+)/.exec(child.stderr);
  // Exit 1: the file holds exceptions on purpose.
  if (!match || match[2] !== '1') throw new Error(`peak memory reconcile failed: ${child.stderr}`);
  return Number(match[1]) / 1024;
}
