import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PayoutAnswer, StatusAnswer } from '../../electron/core/gate/types.js';
import { SubmissionEngine, type PayoutGate } from '../../electron/core/submission/engine.js';
import { FAST_TIMING, journalRows, openDb, sendingBatch, tempDir } from './submissionHarness.js';

/**
 * Resending is allowed only with the same payment id and the same data, once the provider says it never
 * registered the payout. A gate whose first answer is lost and whose status service says "not found".
 */

class ForgetfulGate implements PayoutGate {
  readonly sent: unknown[] = [];
  async sendPayout(_method: string, body: unknown): Promise<PayoutAnswer> {
    this.sent.push(body);
    return this.sent.length === 1
      ? { kind: 'unknown', reason: 'network', detail: 'socket hang up' }
      : { kind: 'accepted', httpStatus: 200, requestId: 'r2' };
  }
  async queryStatus(): Promise<StatusAnswer> {
    return this.sent.length === 1
      ? { kind: 'not_found', code: '3061', message: 'Transaction not found' }
      : {
          kind: 'found',
          paymentStatus: 'success',
          operationStatus: 'success',
          code: '0',
          message: 'Success',
          amount: 1150,
          currency: 'CNY',
          providerDate: null,
          operationId: '1',
        };
  }
}

const TIMING = {
  ...FAST_TIMING,
  statusDelayMs: 0,
  pollInitialMs: 1,
  notFoundGraceMs: 0,
  notFoundConfirmations: 2,
};
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function signedBody(paymentId: string, city: string) {
  return { general: { project_id: 1, payment_id: paymentId, signature: 'x' }, account: { city } };
}

describe('resending', () => {
  it('resends the same payment id with the same data once the provider says it is not registered', async () => {
    dir = tempDir('cup-resend-');
    const db = openDb(dir);
    try {
      const batchId = sendingBatch(db, 1, 'RS');
      const gate = new ForgetfulGate();
      const engine = new SubmissionEngine({
        db,
        gate,
        buildRequest: (row) => signedBody(row.payment_id, '广州'),
        timing: TIMING,
        concurrency: 2,
      });
      await engine.run({ batchIds: [batchId], wait: true });
      expect(gate.sent).toHaveLength(2);
      expect(JSON.stringify(gate.sent[1])).toBe(JSON.stringify(gate.sent[0]));
      expect(journalRows(db, batchId)[0]).toMatchObject({ state: 'success', send_attempts: 2 });
    } finally {
      db.close();
    }
  });

  it('sends nothing and asks a person when the data changed since the first attempt', async () => {
    dir = tempDir('cup-resend-');
    const db = openDb(dir);
    try {
      const batchId = sendingBatch(db, 1, 'RC');
      const gate = new ForgetfulGate();
      let city = '广州';
      const engine = new SubmissionEngine({
        db,
        gate,
        buildRequest: (row) => {
          const body = signedBody(row.payment_id, city);
          city = '深圳'; // e.g. the payout defaults were changed between the two attempts
          return body;
        },
        timing: TIMING,
        concurrency: 2,
      });
      await engine.run({ batchIds: [batchId], wait: true });
      expect(gate.sent).toHaveLength(1);
      expect(journalRows(db, batchId)[0]).toMatchObject({ state: 'needs_attention', send_attempts: 1 });
    } finally {
      db.close();
    }
  });
});
