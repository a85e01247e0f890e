import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { FAST_TIMING, openTestConsole, sendingBatch, signedIn, tempDir } from './submissionHarness.js';

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
    const dbPath = join(dir, 'console.sqlite');
    const batchId = await sendingBatch(dbPath, 4, 'ATT', sandbox.url);
    const runtime = await openTestConsole(dbPath, {
      gateUrl: sandbox.url,
      timing: { ...FAST_TIMING, thresholdMs: 600 },
      timeoutMs: 1_000,
    });
    try {
      const bob = await signedIn(runtime, 'bob');
      const summary = await runtime.sending.run({ batchIds: [batchId], wait: true });
      expect(summary.stoppedBy).toBe('done');
      const status = await runtime.app.call('batchStatus', { batchId }, bob);
      expect(status).toMatchObject({
        ok: true,
        value: { batch_status: 'sending', counts: { needs_attention: 4 } },
      });
      expect(sandbox.ledger().every((entry) => entry.requests === 1)).toBe(true);

      // The provider finishes the payouts later; only a person's recheck asks again.
      sandboxClockOffset = 61_000;
      const recheck = await runtime.app.call('recheckBatch', { batchId }, bob);
      expect(recheck).toMatchObject({
        ok: true,
        value: { checked: 4, changed: 4, report: { batch_status: 'completed', counts: { success: 4 } } },
      });
      expect(sandbox.ledger().every((entry) => entry.requests === 1)).toBe(true);
      // The person's action is audited with what it found.
      const audit = await runtime.app.call('auditTrail', { batchId }, bob);
      const actions = audit.ok ? audit.value.map((entry) => [entry.actor, entry.action]) : [];
      expect(actions.slice(-2)).toEqual([
        ['bob', 'batch.recheck'],
        ['console', 'batch.completed'],
      ]);
      expect(audit.ok && audit.value.at(-2)?.details).toEqual({ checked: 4, changed: 4 });
    } finally {
      await runtime.close();
    }
  });
});
