import { loadReferenceData } from '../../core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../core/paths.js';
import { openDatabase, type Database } from '../../core/store/database.js';
import { getBatch } from '../../core/store/batches.js';
import {
  approveBatch,
  BatchControlError,
  cancelBatch,
  pauseBatch,
  startSending,
  unpauseBatch,
} from '../../core/submission/batchControl.js';
import { SubmissionEngine, type RunSummary } from '../../core/submission/engine.js';
import { batchStatusReport, type BatchStatusReport } from '../../core/submission/statusReport.js';
import { isFinal } from '../../core/submission/states.js';
import { formatFen } from '../../core/money.js';
import { appendAudit } from '../../core/store/audit.js';
import { parseCommandArgs, UsageError, requireDb, requireUser } from '../args.js';
import { GATE_OPTIONS, openGateSession } from '../gateSetup.js';
import { loadProductionCredentials } from '../productionCredentials.js';

const DB_USER = { db: { type: 'string' }, user: { type: 'string' } } as const;

function batchIdOf(positionals: string[]): number {
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError('Give one BATCH id.');
  return id;
}

/** Runs a batch command against an open database; batch rule violations are exit 1 with the reason. */
function withDatabase(path: string, fn: (db: Database) => Promise<number> | number): Promise<number> {
  const db = openDatabase(path);
  return Promise.resolve()
    .then(() => fn(db))
    .catch((err: unknown) => {
      if (err instanceof BatchControlError) {
        console.error(`${err.code}: ${err.message}`);
        return 1;
      }
      throw err;
    })
    .finally(() => db.close());
}

/** `cup-payouts approve BATCH --db PATH --user NAME` */
export function runApprove(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, DB_USER);
  const batchId = batchIdOf(positionals);
  const user = requireUser(values);
  return withDatabase(requireDb(values), (db) => {
    const batch = approveBatch(db, batchId, user);
    console.log(
      `Batch ${batchId} approved by ${user}: ${batch.payout_count} payouts, ${formatFen(batch.total_fen)} CNY.`,
    );
    return 0;
  });
}

function simpleBatchCommand(action: typeof pauseBatch, verb: string) {
  return (argv: string[]): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, DB_USER);
    const batchId = batchIdOf(positionals);
    const user = requireUser(values);
    return withDatabase(requireDb(values), (db) => {
      action(db, batchId, user);
      console.log(`Batch ${batchId} ${verb} by ${user}.`);
      return 0;
    });
  };
}

/** `cup-payouts pause BATCH …`: stops sending the unsent rest (payouts in flight are still followed). */
export const runPause = simpleBatchCommand(pauseBatch, 'paused');
/** `cup-payouts cancel BATCH …`: cancels the payouts that have not left the machine. */
export const runCancel = simpleBatchCommand(cancelBatch, 'cancelled');

const RUN_OPTIONS = {
  ...DB_USER,
  ...GATE_OPTIONS,
  wait: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Connects to the gate the options name and builds an engine on it; the caller closes the session. */
async function openEngine(db: Database, dbPath: string, values: Record<string, unknown>) {
  const session = await openGateSession({
    values,
    dbPath,
    reference: loadReferenceData(SOURCE_REFERENCE_DIR),
    productionCredentials: () => loadProductionCredentials(db),
  });
  const engine = new SubmissionEngine({
    db,
    gate: session.client,
    buildRequest: session.buildRequest,
    timing: session.timing,
    concurrency: session.concurrency,
    log: values['json'] ? undefined : (line) => console.error(line),
  });
  return { session, engine };
}

/** Sends (or keeps following) payouts with the engine, stopping cleanly on Ctrl+C or SIGTERM. */
async function runEngine(
  db: Database,
  dbPath: string,
  values: Record<string, unknown>,
  batchIds: number[] | undefined,
  beforeSending: () => void = () => {},
): Promise<RunSummary> {
  const { session, engine } = await openEngine(db, dbPath, values);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    beforeSending();
    return await engine.run({ batchIds, wait: values['wait'] === true, signal: stop.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session.close();
  }
}

/**
 * `cup-payouts recheck BATCH --db PATH --user NAME [gate options] [--json]`: asks the provider again about
 * the batch's successful and needs-attention payouts, recording a reversal after success. Sends nothing.
 */
export function runRecheck(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RUN_OPTIONS);
  const batchId = batchIdOf(positionals);
  const user = requireUser(values);
  const dbPath = requireDb(values);
  return withDatabase(dbPath, async (db) => {
    if (!getBatch(db, batchId))
      throw new BatchControlError('BATCH_NOT_FOUND', `Batch ${batchId} does not exist.`);
    const { session, engine } = await openEngine(db, dbPath, values);
    try {
      const result = await engine.recheck(batchId);
      appendAudit(db, { actor: user, action: 'batch.recheck', batchId, details: result });
      if (!values['json'])
        console.log(`Asked again about ${result.checked} payouts; ${result.changed} changed.`);
    } finally {
      await session.close();
    }
    printReports([batchStatusReport(db, batchId) as BatchStatusReport], values['json'] === true);
    return 0;
  });
}

function allFinal(reports: BatchStatusReport[]): boolean {
  return reports.every((report) => report.rows.every((row) => isFinal(row.status)));
}

/** `cup-payouts submit BATCH --db PATH --user NAME [--gate URL] [--concurrency N] [--wait] [--json]` */
export function runSubmit(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RUN_OPTIONS);
  const batchId = batchIdOf(positionals);
  const user = requireUser(values);
  const dbPath = requireDb(values);
  return withDatabase(dbPath, async (db) => {
    const batch = getBatch(db, batchId);
    if (batch?.status !== 'approved' && batch?.status !== 'sending') {
      throw new BatchControlError(
        batch ? 'BATCH_WRONG_STATUS' : 'BATCH_NOT_FOUND',
        batch
          ? `Batch ${batchId} is ${batch.status}; only an approved batch is sent.`
          : `Batch ${batchId} does not exist.`,
      );
    }
    // The batch becomes `sending` only once the gate is reachable with valid credentials.
    const summary = await runEngine(db, dbPath, values, [batchId], () => {
      if (batch.status === 'approved') startSending(db, batchId, user);
    });
    const report = batchStatusReport(db, batchId) as BatchStatusReport;
    printReports([report], values['json'] === true, summary);
    return values['wait'] === true && !allFinal([report]) ? 1 : 0;
  });
}

/**
 * `cup-payouts resume [BATCH] --db PATH --user NAME [--gate URL] [--wait]`: continues every interrupted
 * batch (payouts whose outcome is unknown are resolved by status query before anything is resent).
 * With BATCH, a paused batch is resumed first.
 */
export function runResume(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RUN_OPTIONS);
  const user = requireUser(values);
  const dbPath = requireDb(values);
  const only = positionals.length > 0 ? batchIdOf(positionals) : undefined;
  return withDatabase(dbPath, async (db) => {
    if (only !== undefined && getBatch(db, only)?.status === 'paused') unpauseBatch(db, only, user);
    const active = db
      .prepare<[], number>(
        `SELECT id FROM batches WHERE status IN ('sending', 'paused', 'cancelled') ORDER BY id`,
      )
      .pluck()
      .all()
      .filter((id) => only === undefined || id === only);
    const summary = await runEngine(db, dbPath, values, only === undefined ? undefined : [only]);
    const reports = active.map((id) => batchStatusReport(db, id) as BatchStatusReport);
    printReports(reports, values['json'] === true, summary);
    return values['wait'] === true && !allFinal(reports) ? 1 : 0;
  });
}

/** `cup-payouts status BATCH --db PATH [--json]` */
export function runStatus(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const batchId = batchIdOf(positionals);
  return withDatabase(requireDb(values), (db) => {
    const report = batchStatusReport(db, batchId);
    if (!report) throw new BatchControlError('BATCH_NOT_FOUND', `Batch ${batchId} does not exist.`);
    printReports([report], values['json'] === true);
    return 0;
  });
}

function printReports(reports: BatchStatusReport[], json: boolean, run?: RunSummary): void {
  if (json) {
    const document = reports.length === 1 && run === undefined ? reports[0] : undefined;
    if (document) process.stdout.write(JSON.stringify(document) + '\n');
    else if (reports.length === 1) process.stdout.write(JSON.stringify({ ...reports[0], run }) + '\n');
    else process.stdout.write(JSON.stringify({ batches: reports, run }) + '\n');
    return;
  }
  if (run) {
    console.log(
      `Sent ${run.sent} requests, ${run.statusQueries} status queries` +
        (run.recovered ? `, ${run.recovered} interrupted payouts recovered` : '') +
        (run.stoppedBy === 'signal' ? ' (stopped on request; resume to continue)' : '') +
        '.',
    );
  }
  for (const report of reports) {
    console.log(`\nBatch ${report.batch_id} (${report.batch_status})`);
    for (const [status, count] of Object.entries(report.counts).sort()) {
      console.log(
        `  ${status.padEnd(24)} ${String(count).padStart(7)}  ${formatFen(report.sums_fen[status] ?? 0).padStart(16)} CNY`,
      );
    }
    const problems = report.rows.filter((row) => row.status !== 'success' && isFinal(row.status) === false);
    for (const row of problems.slice(0, 50)) {
      console.log(
        `  line ${row.line} ${row.payment_id}: ${row.status}${row.code ? ` ${row.code}` : ''}${row.message ? ` ${row.message}` : ''}`,
      );
    }
    if (problems.length > 50) console.log(`  … and ${problems.length - 50} more not final (use --json).`);
  }
}
