import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { createRandom } from '../../electron/sandbox/random.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { asUser } from './cliProcess.js';
import { checkAgainstLedger, journalRows, sendingBatch, tempDir } from './submissionHarness.js';

/**
 * The reliability proof: 2,000 payouts against the sandbox with 10% injected faults of every kind, the
 * submitting process SIGKILLed at 20 random moments and resumed each time. Afterwards every payment id is
 * registered exactly once, every row is final, and the sums agree.
 */

const PAYOUTS = 2_000;
const KILLS = 20;
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');

let sandbox: RunningSandbox;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = tempDir('cup-crash-');
  dbPath = join(dir, 'console.sqlite');
  sandbox = await startSandbox({
    port: 0,
    faultRate: 0.1,
    seed: 'crash-test',
    finalAfterMs: 300,
    faultLatencyMs: { min: 20, max: 400 },
  });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const TIMING_FLAGS = [
  '--status-delay-ms',
  '200',
  '--poll-initial-ms',
  '100',
  '--poll-max-ms',
  '600',
  '--not-found-grace-ms',
  '2000',
  '--timeout-ms',
  '2000',
  '--concurrency',
  '16',
  // Paced so that the 20 kills land while payouts are still being sent and followed.
  '--rate',
  '100',
];

/**
 * Runs the CLI as alice (the operator: submit and resume are hers; CUP_PASSWORD and the passphrase in its
 * environment); kills it with SIGKILL after `killAfterMs` (if it is still running).
 */
function runCli(
  args: string[],
  killAfterMs: number | null,
): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: 'ignore',
      env: { ...process.env, LANG: 'C', CUP_PAYOUTS_DB: '', ...asUser() },
    });
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, killed });
    });
  });
}

describe('crash test', () => {
  it(`survives ${KILLS} SIGKILLs while sending ${PAYOUTS} payouts with 10% faults`, async () => {
    const batchId = await sendingBatch(dbPath, PAYOUTS, 'CRASH', sandbox.url);

    // Seeded so a failure can be replayed.
    const next = createRandom(20261125);
    const common = ['--db', dbPath, '--user', 'alice', '--gate', sandbox.url, '--wait', ...TIMING_FLAGS];
    let killsLanded = 0;
    for (let i = 0; i < KILLS; i++) {
      const args = i === 0 ? ['submit', String(batchId), ...common] : ['resume', ...common];
      // Kill somewhere between start-up and well into sending. The built CLI starts in well under 0.1 s, and
      // signing in (the password's and the passphrase's scrypt) takes about 0.3 s more before anything is sent.
      const outcome = await runCli(args, 400 + Math.floor(next() * 1300));
      if (outcome.killed) killsLanded++;
    }
    const last = await runCli(['resume', ...common], null);
    // With --wait, 1 says some payouts were not paid: every 10th row is declined by the test project's rule.
    expect(last.code).toBe(1);

    const db = openDatabase(dbPath);
    try {
      const rows = journalRows(db, batchId);
      const check = checkAgainstLedger(rows, sandbox.ledger());
      const recovered = db
        .prepare(`SELECT count(*) FROM payout_events WHERE detail LIKE '%"recovered"%'`)
        .pluck()
        .get() as number;
      const resent = rows.filter((row) => row.send_attempts > 1).length;
      console.log(
        `crash test: ${killsLanded} kills landed, ${recovered} payouts interrupted mid-request and recovered, ` +
          `${resent} resent after the provider said not registered, ${check.duplicates.length} duplicates, ` +
          `${check.lost.length} lost; faults injected: ${JSON.stringify(sandbox.stats().faults)}`,
      );
      expect(killsLanded).toBe(KILLS);
      expect(rows).toHaveLength(PAYOUTS);
      expect(check.lost).toEqual([]);
      expect(check.duplicates).toEqual([]);
      expect(check.mismatched).toEqual([]);
      expect(sandbox.ledger()).toHaveLength(PAYOUTS);
      expect(rows.every((row) => row.state === 'success' || row.state === 'decline')).toBe(true);
      expect(check.console).toEqual(check.provider);
      // Requests above one only where the earlier attempts never registered.
      for (const count of sandbox.requestCounts()) expect(count.registered).toBe(true);
    } finally {
      db.close();
    }
  }, 240_000);
});
