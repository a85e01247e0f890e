/**
 * Refunds (ChinaPay credits with reference through Computop Paygate), each figure beside a baseline measured
 * in the same run:
 * - intake: validating, and separately importing, a refund file through the application layer, against a bare
 *   papaparse parse of the same text. The goals are the payout intake's (bench/intake.ts): validate ≤ 3×,
 *   import ≤ 5×.
 * - sending: N refunds, each of its own payment (so the rule of one credit per payment at a time does not
 *   queue them), through the submission engine to the sandbox's Paygate, against N payouts sent the same way
 *   to its Gate. A refund costs more requests than a payout (an inquiry when the engine claims it, an inquiry
 *   and the credit when it leaves, then status inquiries), so the ratio is reported, not judged; what must
 *   hold is that every refund ends final and is credited exactly once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Caller } from '../electron/core/app/context.js';
import { openConsole, type ConsoleRuntime } from '../electron/core/app/runtime.js';
import { fenToDecimalString } from '../electron/core/money.js';
import type { PaygateLedgerView, PaygateStats } from '../electron/sandbox/index.js';
import { BENCH_KEY_SOURCES, removeDatabase, setUpAccounts } from './benchConsole.js';
import {
  interleaved,
  interleavedMedians,
  median,
  perSecond,
  printTable,
  ratio,
  timeOnce,
  type BenchRow,
} from './measure.js';
import { startBenchSandbox, type BenchSandbox, type SandboxMode } from './sandboxHost.js';
import { BENCH_TIMING, engineRun, type EngineRun } from './sendingRuns.js';

export interface RefundBenchOptions {
  /** Rows of the intake file. */
  intakeRows: number;
  intakeRuns: number;
  /** Refunds (and payouts, for the baseline) per sending run. */
  refunds: number;
  sendingRuns: number;
  concurrency: number;
  dataDir: string;
  sandbox: SandboxMode;
}

/**
 * `met`: every goal met. `failed`: a refund did not end final and credited exactly once — broken, not slow,
 * so it fails the run whatever the sizes.
 */
export async function benchRefunds(options: RefundBenchOptions): Promise<{ met: boolean; failed: boolean }> {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const intakeMet = await benchRefundIntake(options.intakeRows, options.intakeRuns, dataDir);
  const creditedOnceEverywhere = await benchRefundSending(options);
  return { met: intakeMet && creditedOnceEverywhere, failed: !creditedOnceEverywhere };
}

// ---------------------------------------------------------------------------------------------------------
// Intake

const REFUND_HEADER = 'pay_id,trans_id,amount,currency,reason,ref_nr,captured_amount';
const REASONS = ['damaged on arrival', '商品破损', 'late delivery', '客户取消订单', 'wrong size'];

/** A 32-character PayID of payment `p`, derived so the same file comes out every run. */
function payIdOf(p: number): string {
  return createHash('sha256').update(`bench-payment-${p}`).digest('hex').slice(0, 32);
}

const transIdOf = (i: number) => `RF-${String(i + 1).padStart(7, '0')}`;

/**
 * A refund file of `rows` rows over `rows × 0.4` payments (two or three refunds each, spread over the file).
 * Every third payment's rows give its captured amount; every row gives its TransID; every other row a RefNr.
 * Every tenth row is invalid on purpose, in turn: a PayID one character short, a zero amount, the TransID of the
 * row before, or an amount above the payment's capture.
 */
export function generateRefundCsv(rows: number): string {
  const payments = Math.max(1, Math.floor(rows * 0.4));
  const lines = [REFUND_HEADER];
  for (let i = 0; i < rows; i++) {
    const p = i % payments;
    const capturedFen = 100_000 + (p % 1_000) * 100;
    let payId = payIdOf(p);
    let transId = transIdOf(i);
    // At most three refunds of ¥22.48 each: well inside every capture (¥1,000 or more).
    let amountFen = 1_000 + (i % 97) * 13;
    let captured = p % 3 === 0 ? fenToDecimalString(capturedFen) : '';
    if (i % 10 === 9) {
      const kind = Math.floor(i / 10) % 4;
      if (kind === 0) payId = payId.slice(1);
      else if (kind === 1) amountFen = 0;
      else if (kind === 2) transId = transIdOf(i - 1);
      else {
        amountFen = capturedFen + 1;
        captured = fenToDecimalString(capturedFen);
      }
    }
    const refNr = i % 2 === 1 ? `ORD${i}` : '';
    const reason = REASONS[i % REASONS.length] as string;
    lines.push([payId, transId, fenToDecimalString(amountFen), 'CNY', reason, refNr, captured].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Writes the refund file into `dataDir` (UTF-8 with a BOM, as Excel saves "CSV UTF-8"). */
function writeRefundFile(rows: number, dataDir: string): { path: string; text: string; bytes: Uint8Array } {
  const path = join(dataDir, `refunds-${rows}.csv`);
  const text = generateRefundCsv(rows);
  const bytes = new Uint8Array(Buffer.from('\uFEFF' + text, 'utf8'));
  writeFileSync(path, bytes);
  return { path, text, bytes };
}

/** A fresh console database with an operator signed in; closed and removed by `close`. */
async function operatorConsole(
  dbPath: string,
  dataDir: string,
): Promise<{ runtime: ConsoleRuntime; operator: Caller; close(): Promise<void> }> {
  removeDatabase(dbPath);
  const runtime = await openConsole({
    databasePath: dbPath,
    version: 'bench',
    logDir: join(dataDir, 'logs'),
    keySources: BENCH_KEY_SOURCES,
  });
  const { operator } = await setUpAccounts(runtime, { operator: ['operator'] });
  return {
    runtime,
    operator,
    close: async () => {
      await runtime.close();
      removeDatabase(dbPath);
    },
  };
}

/** Validate and import through the application layer vs a bare papaparse parse of the same text. */
async function benchRefundIntake(rows: number, runs: number, dataDir: string): Promise<boolean> {
  const { text, bytes } = writeRefundFile(rows, dataDir);
  const sizeMb = (bytes.length / 1024 / 1024).toFixed(1);
  const file = { name: 'refunds.csv', bytes };

  // Validation reads the store (TransIDs used, captures known), so it runs on a console of its own, empty:
  // every lookup is made, none finds anything.
  const validating = await operatorConsole(join(dataDir, 'refund-validate.sqlite'), dataDir);
  let summary = '';
  let importRun = 0;
  const timeImport = async (): Promise<number> => {
    // Each import goes into a fresh database file; opening it and signing in are not part of an import.
    const target = await operatorConsole(join(dataDir, `refund-import-${importRun++}.sqlite`), dataDir);
    try {
      const start = process.hrtime.bigint();
      // --drop-errors semantics: the file mixes invalid rows in on purpose.
      const result = await target.runtime.app.call(
        'importFile',
        { kind: 'refund', file, dropErrors: true, rows: 'none' },
        target.operator,
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!result.ok || result.value.batch_id === null)
        throw new Error(
          `bench refund import refused: ${JSON.stringify(result.ok ? result.value.refused : result.error)}`,
        );
      summary = `${result.value.summary.rows} rows, ${result.value.summary.errors} invalid on purpose; stored ${result.value.stored?.payouts} refunds`;
      return ms;
    } finally {
      await target.close();
    }
  };

  try {
    const {
      parse: parseMs,
      validate: validateMs,
      import: importMs,
    } = await interleavedMedians(runs, {
      parse: () => timeOnce(() => Papa.parse(text)),
      validate: () =>
        timeOnce(async () => {
          const result = await validating.runtime.app.call(
            'validateFile',
            { kind: 'refund', file, rows: 'none' },
            validating.operator,
          );
          if (!result.ok) throw new Error(`bench refund validation: ${result.error.message}`);
        }),
      import: timeImport,
    });

    const rate = (ms: number) => perSecond(rows, ms, ' rows');
    const table: BenchRow[] = [
      {
        name: `papaparse parse, ${rows.toLocaleString('en-US')} rows (${sizeMb} MB)`,
        value: `${parseMs.toFixed(0)} ms`,
        baseline: '—',
        ratio: '1.00×',
        goal: 'baseline',
        met: null,
      },
      {
        name: "validateFile { kind: 'refund' } (decode + parse + map + validate + look-ups in the store)",
        value: `${validateMs.toFixed(0)} ms · ${rate(validateMs)}`,
        baseline: `${parseMs.toFixed(0)} ms`,
        ratio: ratio(validateMs, parseMs),
        goal: '≤ 3× (payout intake)',
        met: validateMs <= 3 * parseMs,
      },
      {
        name: "importFile { kind: 'refund' } (validate + store refunds and their terms in SQLite)",
        value: `${importMs.toFixed(0)} ms · ${rate(importMs)}`,
        baseline: `${parseMs.toFixed(0)} ms`,
        ratio: ratio(importMs, parseMs),
        goal: '≤ 5× (payout intake)',
        met: importMs <= 5 * parseMs,
      },
    ];
    printTable(
      `Refund intake: ${rows.toLocaleString('en-US')}-row refund file, median of ${runs} interleaved runs`,
      table,
    );
    console.log(`\nThe file: ${summary}.`);
    return table.every((row) => row.met !== false);
  } finally {
    await validating.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sending

const TIMEOUT_MS = 10_000;
/** Paygate answers a credit of an amount ending in 66, 77 or 78 declined or pending: these end in 0. */
const refundFenOf = (i: number) => 1_000 + (i % 900) * 10;
/** Each payment captured ¥1,000: one refund of at most ¥99.90 leaves most of it. */
const CAPTURED_FEN = 100_000;
/** Warm-up size: JIT and sockets warm, without adding a full-size run to the bench. */
const WARM_UP = 1_000;
/** Payments are added to the Paygate this many at a time, before the clock starts. */
const CONTROL_CONCURRENCY = 16;

interface PaygateCounts {
  credit: number;
  inquire: number;
}

async function paygateCounts(sandbox: BenchSandbox): Promise<PaygateCounts> {
  const answer = await fetch(`${sandbox.url}/__sandbox/paygate/stats`);
  const { requests } = (await answer.json()) as PaygateStats;
  return { credit: requests.credit, inquire: requests.inquire };
}

const countsBetween = (before: PaygateCounts, after: PaygateCounts): PaygateCounts => ({
  credit: after.credit - before.credit,
  inquire: after.inquire - before.inquire,
});

/** Adds `count` captured payments to the sandbox's Paygate through its control route; their PayIDs. */
async function addCapturedPayments(sandbox: BenchSandbox, count: number): Promise<string[]> {
  const payIds: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const answer = await fetch(`${sandbox.url}/__sandbox/paygate/payments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ captured_fen: CAPTURED_FEN }),
      });
      if (!answer.ok) throw new Error(`bench: adding a payment: HTTP ${answer.status}`);
      payIds[index] = ((await answer.json()) as { pay_id: string }).pay_id;
    }
  };
  await Promise.all(Array.from({ length: CONTROL_CONCURRENCY }, worker));
  return payIds;
}

function refundFileBytes(payIds: readonly string[], runId: string): Uint8Array {
  const lines = [REFUND_HEADER];
  payIds.forEach((payId, i) =>
    lines.push(`${payId},${runId}-${i},${fenToDecimalString(refundFenOf(i))},CNY,bench refund,,`),
  );
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

interface RefundRun {
  /** From the import until run({ wait: false }) returns: every refund sent and journaled. */
  sentMs: number;
  /** From the import until every refund is final. */
  finalMs: number;
  sentRequests: PaygateCounts;
  allRequests: PaygateCounts;
  benchCpuMs: number;
  sandboxCpuMs: number | null;
  /** Why the run is not "every refund final and credited once"; null when it is. */
  failure: string | null;
}

function check<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: string } },
  what: string,
): T {
  if (!result.ok) throw new Error(`refund run: ${what}: ${result.error.message}`);
  return result.value;
}

/**
 * What went wrong, if anything: every refund of the run success in the console, and at the Paygate exactly
 * one credit per TransID, settled OK, of the refund's amount, with its payment credited by that amount alone.
 */
async function creditedOnce(
  sandbox: BenchSandbox,
  states: Record<string, number>,
  payIds: readonly string[],
  runId: string,
): Promise<string | null> {
  const count = payIds.length;
  if (states['success'] !== count) return `console states ${JSON.stringify(states)}`;
  const ledger = (await (await fetch(`${sandbox.url}/__sandbox/paygate/ledger`)).json()) as PaygateLedgerView;
  const credits = ledger.credits.filter((credit) => credit.trans_id.startsWith(`${runId}-`));
  const transIds = new Set(credits.map((credit) => credit.trans_id));
  if (credits.length !== count || transIds.size !== count)
    return `${credits.length} credits for ${transIds.size} of ${count} TransIDs`;
  const wrong = credits.filter((credit) => {
    const i = Number(credit.trans_id.slice(runId.length + 1));
    return credit.status !== 'OK' || credit.amount_fen !== refundFenOf(i) || credit.pay_id !== payIds[i];
  });
  if (wrong.length > 0) return `${wrong.length} credits not OK or of another amount or payment`;
  const refunded = new Map(payIds.map((payId, i) => [payId, refundFenOf(i)]));
  const overCredited = ledger.payments.filter(
    (payment) => refunded.has(payment.pay_id) && payment.credited_fen !== refunded.get(payment.pay_id),
  );
  if (overCredited.length > 0) return `${overCredited.length} payments credited other than once`;
  return null;
}

/**
 * The path a user's refund batch takes, through the application layer on a fresh database file: import →
 * approve → submit → run({ wait: false }) until every refund is sent and journaled, then run({ wait: true })
 * until every refund is final; then the console's states and the Paygate's ledger are checked. The payments,
 * the console, its key and its people are made before the clock starts.
 */
async function refundEngineRun(
  sandbox: BenchSandbox,
  count: number,
  runId: string,
  dataDir: string,
  concurrency: number,
): Promise<RefundRun> {
  const payIds = await addCapturedPayments(sandbox, count);
  const bytes = refundFileBytes(payIds, runId);
  const dbPath = join(dataDir, `refunds-${runId}.sqlite`);
  removeDatabase(dbPath);
  let runtime: ConsoleRuntime | undefined;
  try {
    const opened = await openConsole({
      databasePath: dbPath,
      version: 'bench',
      logDir: join(dataDir, 'logs'),
      keySources: BENCH_KEY_SOURCES,
      sending: {
        gateUrl: sandbox.url,
        paygateUrl: sandbox.url,
        timing: BENCH_TIMING,
        concurrency,
        timeoutMs: TIMEOUT_MS,
      },
    });
    runtime = opened;
    // Four eyes: the importer is not the approver.
    const { importer, approver } = await setUpAccounts(opened, {
      importer: ['operator'],
      approver: ['approver', 'operator'],
    });
    const { app } = opened;
    const before = await paygateCounts(sandbox);
    const sandboxBefore = await sandbox.snapshot();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const imported = check(
      await app.call('importFile', { kind: 'refund', file: { name: `${runId}.csv`, bytes } }, importer),
      'import',
    );
    if (imported.batch_id === null)
      throw new Error(`refund run: import refused: ${imported.refused?.message}`);
    const batchId = imported.batch_id;
    check(await app.call('approveBatch', { batchId }, approver), 'approve');
    check(await app.call('submitBatch', { batchId }, approver), 'submit');
    const summary = await opened.sending.run({ wait: false });
    const sentMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const sandboxSent = await sandbox.snapshot();
    const sent = await paygateCounts(sandbox);
    // The same engine carries on; the sandbox is only asked for its counters in between.
    const restStart = performance.now();
    await opened.sending.run({ wait: true });
    const finalMs = sentMs + (performance.now() - restStart);
    const after = await paygateCounts(sandbox);

    const report = check(await app.call('batchStatus', { batchId }, approver), 'status');
    const failure =
      summary.sent !== count
        ? `sent ${summary.sent} of ${count}`
        : await creditedOnce(sandbox, report.counts, payIds, runId);
    return {
      sentMs,
      finalMs,
      sentRequests: countsBetween(before, sent),
      allRequests: countsBetween(before, after),
      benchCpuMs: (used.user + used.system) / 1000,
      sandboxCpuMs:
        sandboxSent.cpuMs === null || sandboxBefore.cpuMs === null
          ? null
          : sandboxSent.cpuMs - sandboxBefore.cpuMs,
      failure,
    };
  } finally {
    await runtime?.close();
    removeDatabase(dbPath);
  }
}

/** Refunds to the Paygate vs payouts to the Gate, each through the engine, alternating run by run. */
async function benchRefundSending(options: RefundBenchOptions): Promise<boolean> {
  const { refunds: count, sendingRuns: runs, concurrency, dataDir } = options;
  const sandbox = await startBenchSandbox(options.sandbox, { finalAfterMs: 20, faultRate: 0 });
  try {
    let runNumber = 0;
    const payouts = (n = count) => engineRun(sandbox, n, `RPAY${++runNumber}`, dataDir, concurrency);
    const refunds = (n = count) => refundEngineRun(sandbox, n, `RREF${++runNumber}`, dataDir, concurrency);
    const warmUp = Math.min(WARM_UP, count);
    await payouts(warmUp);
    const warm = await refunds(warmUp);
    const results = await interleaved(
      runs,
      { payouts: () => payouts(), refunds: () => refunds() },
      { warmUp: false },
    );
    const failures = [warm, ...results.refunds].flatMap((run) => (run.failure ? [run.failure] : []));
    const rows = sendingTable(count, results.payouts, results.refunds, failures);
    printTable(
      `Refund sending: ${count.toLocaleString('en-US')} refunds to the sandbox Paygate (${sandbox.mode}) vs ` +
        `as many payouts to its Gate, concurrency ${concurrency}, median of ${runs} runs`,
      rows,
    );
    console.log(
      '\nRatio = refund rate relative to the payout rate (higher = faster). ' +
        'CPU figures are per 1,000 refunds or payouts: bench process (engine) + sandbox.',
    );
    if (failures.length > 0) console.log(`\nRefund sending FAILED: ${failures.join('; ')}`);
    return failures.length === 0;
  } finally {
    await sandbox.close();
  }
}

function sendingTable(
  count: number,
  payoutRuns: EngineRun[],
  refundRuns: RefundRun[],
  failures: string[],
): BenchRow[] {
  const payoutSentMs = median(payoutRuns.map((r) => r.sent.ms));
  const payoutFinalMs = median(payoutRuns.map((r) => r.finalMs));
  const refundSentMs = median(refundRuns.map((r) => r.sentMs));
  const refundFinalMs = median(refundRuns.map((r) => r.finalMs));
  const payoutRate = perSecond(count, payoutSentMs, ' payouts');
  const payoutFinalRate = perSecond(count, payoutFinalMs, ' payouts');
  const perRefund = (pick: (run: RefundRun) => PaygateCounts) => {
    const credit = median(refundRuns.map((r) => pick(r).credit)) / count;
    const inquire = median(refundRuns.map((r) => pick(r).inquire)) / count;
    return `${(credit + inquire).toFixed(2)} (${credit.toFixed(2)} credit + ${inquire.toFixed(2)} inquire)`;
  };
  const payoutRequests = () => {
    const status = median(payoutRuns.map((r) => r.sent.statusRequests)) / count;
    return `${(1 + status).toFixed(2)} per payout (1 + ${status.toFixed(2)} status)`;
  };
  const perThousand = (ms: number) => ((ms / count) * 1000).toFixed(0);
  const payoutCpu = () => {
    const bench = perThousand(median(payoutRuns.map((r) => r.sent.benchCpuMs)));
    const sandboxCpu = payoutRuns.map((r) => r.sent.sandboxCpuMs);
    if (sandboxCpu.some((ms) => ms === null)) return `${bench} (sandbox shares it)`;
    return `${bench} + ${perThousand(median(sandboxCpu as number[]))}`;
  };
  const refundCpu = () => {
    const bench = perThousand(median(refundRuns.map((r) => r.benchCpuMs)));
    const sandboxCpu = refundRuns.map((r) => r.sandboxCpuMs);
    if (sandboxCpu.some((ms) => ms === null)) return `${bench} (sandbox shares it)`;
    return `${bench} + ${perThousand(median(sandboxCpu as number[]))}`;
  };
  const runsChecked = refundRuns.length + 1;
  return [
    {
      name: 'engine, payouts to the Gate: import → approve → run({ wait: false }), all sent and journaled',
      value: `${payoutRate} · ${payoutSentMs.toFixed(0)} ms`,
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'engine, refunds to the Paygate: the same, every refund sent and journaled',
      value: `${perSecond(count, refundSentMs, ' refunds')} · ${refundSentMs.toFixed(0)} ms`,
      baseline: payoutRate,
      ratio: `${(payoutSentMs / refundSentMs).toFixed(2)}×`,
      goal: 'report',
      met: null,
    },
    {
      name: `until every one is final (+ run({ wait: true }), first status query after ${BENCH_TIMING.statusDelayMs / 1000} s)`,
      value: `${perSecond(count, refundFinalMs, ' refunds')} · ${refundFinalMs.toFixed(0)} ms`,
      baseline: `${payoutFinalRate} · ${payoutFinalMs.toFixed(0)} ms`,
      ratio: `${(payoutFinalMs / refundFinalMs).toFixed(2)}×`,
      goal: 'report',
      met: null,
    },
    {
      name: 'Paygate requests per refund while sending (claim inquiry + inquiry and credit)',
      value: perRefund((r) => r.sentRequests),
      baseline: payoutRequests(),
      ratio: '—',
      goal: 'report',
      met: null,
    },
    {
      name: 'Paygate requests per refund until final (+ status inquiries)',
      value: perRefund((r) => r.allRequests),
      baseline: '—',
      ratio: '—',
      goal: 'report',
      met: null,
    },
    {
      name: 'CPU ms per 1,000 while sending',
      value: refundCpu(),
      baseline: payoutCpu(),
      ratio: '—',
      goal: 'report',
      met: null,
    },
    {
      name: `every refund final and credited once (console states, Paygate ledger; ${runsChecked} runs with the warm-up)`,
      value: failures.length === 0 ? 'yes' : `FAILED (${failures.length} runs)`,
      baseline: '—',
      ratio: '—',
      goal: 'all',
      met: failures.length === 0,
    },
  ];
}
