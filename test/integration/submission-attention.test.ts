import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { batchStatusReport } from '../../electron/core/submission/statusReport.js';
import { engineFor, FAST_TIMING, openDb, sendingBatch, tempDir } from './submissionHarness.js';

/**
 * A payout the provider keeps `processing` past the threshold time goes to needs_attention — visible, and
 * never retried silently. A person's recheck later records what the provider finally decided.
 */

let sandbox: RunningSandbox | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('needs attention', () => {
  it('stops following a payout after the threshold, sends nothing more, and a recheck settles it', async () => {
    let sandboxClockOffset = 0;
    sandbox = await startSandbox({
      port: 0,
      finalAfterMs: 60_000,
      now: () => Date.now() + sandboxClockOffset,
    });
    dir = tempDir('cup-attention-');
    const db = openDb(dir);
    try {
      const batchId = sendingBatch(db, 4, 'ATT');
      const { engine, client } = engineFor(db, sandbox.url, { ...FAST_TIMING, thresholdMs: 600 });
      const summary = await engine.run({ batchIds: [batchId], wait: true });
      expect(summary.stoppedBy).toBe('done');
      expect(batchStatusReport(db, batchId)).toMatchObject({
        batch_status: 'sending',
        counts: { needs_attention: 4 },
      });
      expect(sandbox.ledger().every((entry) => entry.requests === 1)).toBe(true);

      // The provider finishes the payouts later; only a person's recheck asks again.
      sandboxClockOffset = 61_000;
      const recheck = await engine.recheck(batchId);
      client.close();
      expect(recheck).toEqual({ checked: 4, changed: 4 });
      expect(batchStatusReport(db, batchId)).toMatchObject({
        batch_status: 'completed',
        counts: { success: 4 },
      });
      expect(sandbox.ledger().every((entry) => entry.requests === 1)).toBe(true);
    } finally {
      db.close();
    }
  });
});
