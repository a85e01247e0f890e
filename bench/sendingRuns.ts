/**
 * One measured run of each side of the sending benchmark: a bare Gate client POSTing pre-signed payouts
 * (the sandbox's own capacity), and the full submission engine with its SQLite journal.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GateClient } from '../electron/core/gate/client.js';
import type { SignedPayoutBody } from '../electron/core/gate/types.js';
import { sandboxEndpoint } from '../electron/core/environments.js';
import { importPayoutFile } from '../electron/core/intake.js';
import { openDatabase, type Database } from '../electron/core/store/database.js';
import type { StoredPayout } from '../electron/core/store/types.js';
import { approveBatch, startSending } from '../electron/core/submission/batchControl.js';
import { PROVIDER_MIN_STATUS_DELAY_MS, type SubmissionTiming } from '../electron/core/submission/config.js';
import { SubmissionEngine } from '../electron/core/submission/engine.js';
import { isFinal } from '../electron/core/submission/states.js';
import { PAYOUT_DEFAULTS, payoutFileBytes, reference, regions } from './payoutFixtures.js';
import type { BenchSandbox, SandboxSnapshot } from './sandboxHost.js';

const TIMEOUT_MS = 10_000;
/** "Not found" is trusted no sooner than a request can time out. */
const TIMEOUT_MS_FOR_GRACE = TIMEOUT_MS;

/**
 * Fast polling like the integration harness, but with the provider's real 10 s wait before the first status
 * query: while sending, the engine then makes one request per payout, as in production, so the comparison
 * with the bare client is like for like. (With a 100 ms delay half of the request slots went to status
 * queries during sending, a test-timing artifact.) The time until every payout is final includes that wait.
 */
export const BENCH_TIMING: SubmissionTiming = {
  statusDelayMs: PROVIDER_MIN_STATUS_DELAY_MS,
  pollInitialMs: 50,
  pollMaxMs: 300,
  notFoundGraceMs: TIMEOUT_MS_FOR_GRACE,
  notFoundConfirmations: 2,
  thresholdMs: 10 * 60_000,
};

/** What one phase cost, on the wall clock and in CPU on both sides. */
export interface PhaseCost {
  ms: number;
  benchCpuMs: number;
  sandboxCpuMs: number | null;
  payoutRequests: number;
  statusRequests: number;
}

export interface EngineRun {
  payouts: number;
  /** Open, import, approve, start sending. */
  importMs: number;
  /** From opening the database until engine.run({ wait: false }) returns: every payout sent and journaled. */
  sent: PhaseCost;
  /** From opening the database until every payout is final (the sent phase plus a run({ wait: true })). */
  finalMs: number;
}

/** Measures one phase; the sandbox is asked for its counters outside the timed part. */
async function measurePhase(sandbox: BenchSandbox, fn: () => Promise<void>): Promise<PhaseCost> {
  const before = await sandbox.snapshot();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const after = await sandbox.snapshot();
  return { ms, benchCpuMs: (used.user + used.system) / 1000, ...snapshotDelta(before, after) };
}

function snapshotDelta(before: SandboxSnapshot, after: SandboxSnapshot) {
  return {
    sandboxCpuMs: after.cpuMs === null || before.cpuMs === null ? null : after.cpuMs - before.cpuMs,
    payoutRequests: after.payoutRequests - before.payoutRequests,
    statusRequests: after.statusRequests - before.statusRequests,
  };
}

function newClient(sandbox: BenchSandbox, concurrency: number): GateClient {
  return new GateClient(sandboxEndpoint(sandbox.url), {
    concurrency,
    timeoutMs: TIMEOUT_MS,
    payoutDefaults: PAYOUT_DEFAULTS,
  });
}

/**
 * `concurrency` workers POST the template payouts under fresh payment ids over the client's keep-alive
 * sockets. Bodies are built and signed before the clock starts: this is the sandbox's capacity, no journal.
 */
export async function bareClientRun(
  sandbox: BenchSandbox,
  template: readonly StoredPayout[],
  runId: string,
  concurrency: number,
): Promise<PhaseCost> {
  const client = newClient(sandbox, concurrency);
  try {
    const bodies: SignedPayoutBody[] = template.map((payout, i) =>
      client.buildPayoutRequest({ ...payout, payment_id: `${runId}-${i}` }, regions.get(payout.region_id)),
    );
    let next = 0;
    let accepted = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as SignedPayoutBody;
        const answer = await client.sendPayout('cup-p2p', body);
        if (answer.kind === 'accepted') accepted++;
      }
    };
    const cost = await measurePhase(sandbox, async () => {
      await Promise.all(Array.from({ length: concurrency }, worker));
    });
    if (accepted !== bodies.length)
      throw new Error(`bare client: only ${accepted} of ${bodies.length} payouts accepted`);
    return cost;
  } finally {
    client.close();
  }
}

/** The engine wired like the integration harness: real SQLite file, real client, real request builder. */
function newEngine(db: Database, client: GateClient, concurrency: number): SubmissionEngine {
  return new SubmissionEngine({
    db,
    gate: client,
    buildRequest: (row) => client.buildPayoutRequest({ ...row, warnings: [] }, regions.get(row.region_id)),
    timing: BENCH_TIMING,
    concurrency,
  });
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Payouts not yet final, by state (empty when the run ended as it should). */
function unfinished(db: Database): Record<string, number> {
  const rows = db.prepare('SELECT state, count(*) AS n FROM payouts GROUP BY state').all() as Array<{
    state: string;
    n: number;
  }>;
  return Object.fromEntries(rows.filter((row) => !isFinal(row.state)).map((row) => [row.state, row.n]));
}

/**
 * The full engine path on a fresh database file: import → approve → start sending → run({ wait: false }),
 * then run({ wait: true }) until every payout is final.
 */
export async function engineRun(
  sandbox: BenchSandbox,
  payouts: number,
  runId: string,
  dataDir: string,
  concurrency: number,
): Promise<EngineRun> {
  const dbPath = join(dataDir, `sending-${runId}.sqlite`);
  removeDatabase(dbPath);
  const bytes = payoutFileBytes(payouts, runId);
  const client = newClient(sandbox, concurrency);
  let db: Database | undefined;
  let engine: SubmissionEngine | undefined;
  let importMs = 0;
  try {
    const sent = await measurePhase(sandbox, async () => {
      const start = performance.now();
      db = openDatabase(dbPath);
      const outcome = importPayoutFile(bytes, `${runId}.csv`, reference, {
        method: 'cup-p2p',
        db,
        user: 'importer',
      });
      if (!outcome.stored) throw new Error(`engine run: import refused: ${JSON.stringify(outcome.refusal)}`);
      approveBatch(db, outcome.stored.batchId, 'approver');
      startSending(db, outcome.stored.batchId, 'approver');
      importMs = performance.now() - start;
      engine = newEngine(db, client, concurrency);
      const summary = await engine.run({ wait: false });
      if (summary.sent !== payouts) throw new Error(`engine run: sent ${summary.sent} of ${payouts}`);
    });
    // The same engine carries on; the sandbox is only asked for its counters in between.
    const rest = await measurePhase(sandbox, async () => {
      await (engine as SubmissionEngine).run({ wait: true });
    });
    const left = unfinished(db as Database);
    if (Object.keys(left).length > 0) throw new Error(`engine run: not final: ${JSON.stringify(left)}`);
    return { payouts, importMs, sent, finalMs: sent.ms + rest.ms };
  } finally {
    client.close();
    (db as Database | undefined)?.close();
    removeDatabase(dbPath);
  }
}
