import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAULT_KINDS,
  startSandbox,
  type FaultKind,
  type RunningSandbox,
} from '../../electron/sandbox/index.js';
import { getBatch } from '../../electron/core/store/sqlite/batches.js';
import {
  checkAgainstLedger,
  engineFor,
  journalRows,
  openDb,
  openUnlockedStore,
  sandboxProvider,
  sendingBatch,
  tempDir,
} from './submissionHarness.js';

/**
 * The fault matrix: each fault kind alone, at a 40% rate, against the real sandbox over HTTP with a real
 * SQLite journal. Whatever the fault, every payout must end final, registered exactly once, with the
 * provider's status and the same sums on both sides.
 */

const PAYOUTS = 30;
let sandbox: RunningSandbox | undefined;
let dir: string | undefined;

afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
  dir = undefined;
});

/** What each fault must leave behind, beyond the common invariants. */
const EXPECTED: Record<FaultKind, { resent: boolean; unknownAnswers: boolean }> = {
  latency: { resent: false, unknownAnswers: false },
  // Not registered: found unregistered by status queries, then resent with the same payment_id.
  http500: { resent: true, unknownAnswers: true },
  drop_before_register: { resent: true, unknownAnswers: true },
  // Registered, but the answer is lost or garbled: resolved by status queries, never resent.
  drop_after_register: { resent: false, unknownAnswers: true },
  malformed_json: { resent: false, unknownAnswers: true },
  // Status answers only: asked again until a trustworthy answer arrives.
  bad_signature: { resent: false, unknownAnswers: false },
  temporary_3062: { resent: false, unknownAnswers: false },
};

describe('fault matrix: each fault kind alone', () => {
  it.each(FAULT_KINDS.map((kind) => [kind]))('%s', async (kind) => {
    dir = tempDir('cup-fault-');
    sandbox = await startSandbox({
      port: 0,
      faultRate: 0.4,
      faults: [kind],
      seed: `matrix-${kind}`,
      finalAfterMs: 100,
      faultLatencyMs: { min: 20, max: 150 },
    });
    const batchId = await sendingBatch(join(dir, 'console.sqlite'), PAYOUTS, `FM-${kind}`, sandbox.url);
    const { store, keys } = await openUnlockedStore(join(dir, 'console.sqlite'));
    const provider = sandboxProvider(sandbox.url);
    const summary = await engineFor(store, provider, keys).run({ batchIds: [batchId], wait: true });
    await provider.close();
    await store.close();
    const db = openDb(dir);
    try {
      expect(sandbox.stats().faults[kind]).toBeGreaterThan(0);
      const rows = journalRows(db, batchId);
      const check = checkAgainstLedger(rows, sandbox.ledger());
      expect(check.lost).toEqual([]);
      expect(check.duplicates).toEqual([]);
      expect(check.mismatched).toEqual([]);
      expect(check.console).toEqual(check.provider);
      expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['success', 'decline']));
      expect(sandbox.ledger()).toHaveLength(PAYOUTS);

      const resent = rows.filter((row) => row.send_attempts > 1).length;
      const unknownAnswers = db
        .prepare(`SELECT count(*) FROM payout_events WHERE to_state = 'unknown'`)
        .pluck()
        .get() as number;
      if (EXPECTED[kind].resent) expect(resent).toBeGreaterThan(0);
      else expect(resent).toBe(0);
      if (EXPECTED[kind].unknownAnswers) expect(unknownAnswers).toBeGreaterThan(0);
      else expect(unknownAnswers).toBe(0);

      expect(getBatch(db, batchId)?.status).toBe('completed');
      expect(summary.stoppedBy).toBe('done');
    } finally {
      db.close();
    }
  });
});
