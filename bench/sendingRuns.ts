/**
 * One measured run of each side of the sending benchmark: a bare Gate client POSTing pre-signed payouts
 * (the sandbox's own capacity), and the full submission engine with its SQLite journal.
 */
import { join } from 'node:path';
import { openConsole, type ConsoleRuntime } from '../electron/core/app/runtime.js';
import type { Caller } from '../electron/core/app/context.js';
import { GateClient } from '../electron/core/providers/ecommpay/client.js';
import type { SignedPayoutBody } from '../electron/core/providers/ecommpay/types.js';
import { sandboxEndpoint } from '../electron/core/providers/ecommpay/endpoints.js';
import type { PayoutInstruction } from '../electron/core/providers/types.js';
import { PROVIDER_MIN_STATUS_DELAY_MS, type SubmissionTiming } from '../electron/core/submission/config.js';
import { isFinal } from '../electron/core/payoutStates.js';
import { PAYOUT_DEFAULTS, payoutFileBytes, regions } from './payoutFixtures.js';
import type { BenchSandbox, SandboxSnapshot } from './sandboxHost.js';
import { BENCH_KEY_SOURCES, removeDatabase, setUpAccounts } from './benchConsole.js';

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
  /** Import, approve, start sending (the console open and its people signed in already). */
  importMs: number;
  /** From the import until engine.run({ wait: false }) returns: every payout sent and journaled. */
  sent: PhaseCost;
  /** From the import until every payout is final (the sent phase plus a run({ wait: true })). */
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
  template: readonly PayoutInstruction[],
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

/** Payouts not yet final, by state (empty when the run ended as it should). */
async function unfinished(
  runtime: ConsoleRuntime,
  batchId: number,
  as: Caller,
): Promise<Record<string, number>> {
  const report = await runtime.app.call('batchStatus', { batchId }, as);
  if (!report.ok) throw new Error(`engine run: ${report.error.message}`);
  return Object.fromEntries(Object.entries(report.value.counts).filter(([state]) => !isFinal(state)));
}

/** Fails the run with the operation's error. */
function check<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: string } },
  what: string,
): T {
  if (!result.ok) throw new Error(`engine run: ${what}: ${result.error.message}`);
  return result.value;
}

/**
 * The full path a user's command takes, through the application layer on a fresh database file: import →
 * approve → submit → run({ wait: false }) until every payout is sent and journaled, then run({ wait: true })
 * until every payout is final. The console is opened and its key, an operator and an approver made and
 * signed in before the clock starts: that is a few scrypt derivations a session pays once, not throughput.
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
  let runtime: ConsoleRuntime | undefined;
  let batchId = 0;
  let importMs = 0;
  try {
    const opened = await openConsole({
      databasePath: dbPath,
      version: 'bench',
      logDir: join(dataDir, 'logs'),
      keySources: BENCH_KEY_SOURCES,
      sending: { gateUrl: sandbox.url, timing: BENCH_TIMING, concurrency, timeoutMs: TIMEOUT_MS },
    });
    runtime = opened;
    // Four eyes: the importer is not the approver. Sending itself needs no secrets (the sandbox).
    const { importer, approver } = await setUpAccounts(opened, {
      importer: ['operator'],
      approver: ['approver', 'operator'],
    });
    const { app } = opened;
    const sent = await measurePhase(sandbox, async () => {
      const start = performance.now();
      const imported = check(
        await app.call('importFile', { file: { name: `${runId}.csv`, bytes } }, importer),
        'import',
      );
      if (imported.batch_id === null)
        throw new Error(`engine run: import refused: ${imported.refused?.message}`);
      batchId = imported.batch_id;
      check(await app.call('approveBatch', { batchId }, approver), 'approve');
      check(await app.call('submitBatch', { batchId }, approver), 'submit');
      importMs = performance.now() - start;
      const summary = await opened.sending.run({ wait: false });
      if (summary.sent !== payouts) throw new Error(`engine run: sent ${summary.sent} of ${payouts}`);
    });
    // The same engine carries on; the sandbox is only asked for its counters in between.
    const rest = await measurePhase(sandbox, async () => {
      await opened.sending.run({ wait: true });
    });
    const left = await unfinished(opened, batchId, approver);
    if (Object.keys(left).length > 0) throw new Error(`engine run: not final: ${JSON.stringify(left)}`);
    return { payouts, importMs, sent, finalMs: sent.ms + rest.ms };
  } finally {
    await (runtime as ConsoleRuntime | undefined)?.close();
    removeDatabase(dbPath);
  }
}
