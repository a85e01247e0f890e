/**
 * Sending throughput: payouts/second of the full submission engine (import into a fresh SQLite file,
 * approve, send, journal every answer) against the sandbox's own capacity, measured in the same run with a
 * bare keep-alive Gate client at the same concurrency and without a journal.
 *
 * The sandbox runs in a child process by default. In the bench's process it would compete with the engine
 * for the one JS thread, so the engine would be charged for the sandbox's work (and the bare client
 * would look faster than the emulator can really serve a second client). A child gets the machine's
 * second core, as a real provider would be elsewhere; `--sandbox=in-process` is kept for comparison.
 * Measured both ways (10,000 payouts, 3 runs, twice each): child 622–630 engine payouts/s, in-process
 * 466–531; the child's figures were also the steadier ones.
 */
import { mkdirSync } from 'node:fs';
import { interleaved, median, perSecond, printTable, type BenchRow } from './measure.js';
import { storedPayouts } from './payoutFixtures.js';
import { startBenchSandbox, type SandboxMode } from './sandboxHost.js';
import { bareClientRun, engineRun, type EngineRun, type PhaseCost } from './sendingRuns.js';

export interface SendingBenchOptions {
  payouts: number;
  runs: number;
  concurrency: number;
  dataDir: string;
  sandbox: SandboxMode;
}

/** A payout is final this soon after it is registered, so the engine's polling is short. */
const FINAL_AFTER_MS = 20;
/** Warm-up size: JIT and sockets warm, without adding a full-size run to the bench. */
const WARM_UP_PAYOUTS = 1_000;
const GOAL = 0.5;

export async function benchSending(options: SendingBenchOptions): Promise<boolean> {
  const { payouts, runs, concurrency, dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const sandbox = await startBenchSandbox(options.sandbox, { finalAfterMs: FINAL_AFTER_MS, faultRate: 0 });
  try {
    const template = storedPayouts(payouts, 'TPL');
    let runNumber = 0;
    const bare = (list = template) => bareClientRun(sandbox, list, `BARE${++runNumber}`, concurrency);
    const engine = (count = payouts) => engineRun(sandbox, count, `ENG${++runNumber}`, dataDir, concurrency);

    const warmUp = Math.min(WARM_UP_PAYOUTS, payouts);
    await bare(template.slice(0, warmUp));
    await engine(warmUp);
    const results = await interleaved(
      runs,
      { bare: () => bare(), engine: () => engine() },
      { warmUp: false },
    );
    const table = sendingTable(options, results.bare, results.engine);
    printTable(
      `Sending: ${payouts.toLocaleString('en-US')} payouts to the sandbox (${sandbox.mode}), ` +
        `concurrency ${concurrency}, median of ${runs} runs`,
      table.rows,
    );
    console.log(
      '\nRatio = rate relative to the bare client (higher = faster). ' +
        'CPU figures are per 1,000 payouts: bench process (engine or client) + sandbox.',
    );
    return table.met;
  } finally {
    await sandbox.close();
  }
}

function sendingTable(
  { payouts }: SendingBenchOptions,
  bareRuns: PhaseCost[],
  engineRuns: EngineRun[],
): { rows: BenchRow[]; met: boolean } {
  const bareMs = median(bareRuns.map((r) => r.ms));
  const sentMs = median(engineRuns.map((r) => r.sent.ms));
  const finalMs = median(engineRuns.map((r) => r.finalMs));
  const importMs = median(engineRuns.map((r) => r.importMs));
  const bareRate = perSecond(payouts, bareMs, ' payouts');
  const share = bareMs / sentMs;
  const rows: BenchRow[] = [
    {
      name: 'bare client: signed payout POSTs, keep-alive, no journal',
      value: `${bareRate} · ${bareMs.toFixed(0)} ms`,
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'engine: import → approve → run({ wait: false }), all sent and journaled',
      value: `${perSecond(payouts, sentMs, ' payouts')} · ${sentMs.toFixed(0)} ms`,
      baseline: bareRate,
      ratio: `${share.toFixed(2)}×`,
      goal: `≥ ${GOAL.toFixed(2)}×`,
      met: share >= GOAL,
    },
    {
      name: 'of which import + approve + start sending',
      value: `${importMs.toFixed(0)} ms`,
      baseline: '—',
      ratio: '—',
      goal: 'report',
      met: null,
    },
    {
      name: `engine: until every payout is final (+ run({ wait: true }), final after ${FINAL_AFTER_MS} ms)`,
      value: `${perSecond(payouts, finalMs, ' payouts')} · ${finalMs.toFixed(0)} ms`,
      baseline: bareRate,
      ratio: `${(bareMs / finalMs).toFixed(2)}×`,
      goal: 'report',
      met: null,
    },
    {
      name: 'HTTP requests per payout while sending (payout + status)',
      value: requestMix(median(engineRuns.map((r) => r.sent.statusRequests)), payouts),
      baseline: requestMix(median(bareRuns.map((r) => r.statusRequests)), payouts),
      ratio: '—',
      goal: 'report',
      met: null,
    },
    {
      name: 'CPU ms per 1,000 payouts while sending',
      value: cpuPerThousand(engineRuns.map((r) => r.sent)),
      baseline: cpuPerThousand(bareRuns),
      ratio: '—',
      goal: 'report',
      met: null,
    },
  ];
  return { rows, met: share >= GOAL };
}

function requestMix(statusRequests: number, payouts: number): string {
  return `${(1 + statusRequests / payouts).toFixed(2)} (1 + ${(statusRequests / payouts).toFixed(2)} status)`;
}

function cpuPerThousand(costs: PhaseCost[]): string {
  const per = (ms: number, cost: PhaseCost) => (ms / cost.payoutRequests) * 1000;
  const bench = median(costs.map((c) => per(c.benchCpuMs, c)));
  const sandboxCpu = costs.map((c) => c.sandboxCpuMs);
  if (sandboxCpu.some((ms) => ms === null)) return `${bench.toFixed(0)} (sandbox shares it)`;
  return `${bench.toFixed(0)} + ${median(costs.map((c) => per(c.sandboxCpuMs as number, c))).toFixed(0)}`;
}
