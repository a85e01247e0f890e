import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  PayoutInstruction,
  PayoutProvider,
  PreparedPayout,
  SendOutcome,
  StatusOutcome,
} from '../../electron/core/providers/types.js';
import {
  engineFor,
  FAST_TIMING,
  journalRows,
  openDb,
  openUnlockedStore,
  sendingBatch,
  tempDir,
} from './submissionHarness.js';

/**
 * Resending is allowed only with the same payment id and the same data, once the provider says it never
 * registered the payout. A provider whose first answer is lost and whose status service says "not found".
 */
class ForgetfulProvider implements PayoutProvider {
  readonly name = 'forgetful';
  readonly sent: PreparedPayout[] = [];
  /** The payout field no file carries; a test changes it between attempts. */
  city = '广州';

  /** The amount it was asked to pay: its status answers report it, as a real provider does. */
  private amountFen = 0;

  prepare(payout: PayoutInstruction): PreparedPayout {
    const request = { payment_id: payout.payment_id, amount: payout.amount_fen, city: this.city };
    const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    return { paymentId: payout.payment_id, method: payout.method, digest, request };
  }
  async send(prepared: PreparedPayout): Promise<SendOutcome> {
    this.sent.push(prepared);
    this.amountFen = (prepared.request as { amount: number }).amount;
    return this.sent.length === 1
      ? { kind: 'unknown', reason: 'network', detail: 'socket hang up' }
      : { kind: 'accepted', reference: 'r2' };
  }
  async queryStatus(): Promise<StatusOutcome> {
    return this.sent.length === 1
      ? { kind: 'not_found', code: '3061', message: 'Transaction not found' }
      : {
          kind: 'final',
          status: 'success',
          providerStatus: 'success',
          code: '0',
          message: 'Success',
          amountFen: this.amountFen,
          currency: 'CNY',
        };
  }
  async close() {}
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

async function run(provider: ForgetfulProvider, onSend?: () => void) {
  dir = tempDir('cup-resend-');
  const dbPath = join(dir, 'console.sqlite');
  const batchId = await sendingBatch(dbPath, 1, 'RS');
  const { store, keys } = await openUnlockedStore(dbPath);
  try {
    const send = provider.send.bind(provider);
    provider.send = async (prepared) => {
      const answer = await send(prepared);
      onSend?.();
      return answer;
    };
    await engineFor(store, provider, keys, TIMING, 2).run({ batchIds: [batchId], wait: true });
  } finally {
    await store.close();
  }
  const db = openDb(dir);
  try {
    return journalRows(db, batchId)[0];
  } finally {
    db.close();
  }
}

describe('resending', () => {
  it('resends the same payment id with the same data once the provider says it is not registered', async () => {
    const provider = new ForgetfulProvider();
    const row = await run(provider);
    expect(provider.sent).toHaveLength(2);
    expect(provider.sent[1]).toEqual(provider.sent[0]);
    expect(row).toMatchObject({ state: 'success', send_attempts: 2 });
  });

  it('sends nothing and asks a person when the data changed since the first attempt', async () => {
    const provider = new ForgetfulProvider();
    // e.g. the payout defaults were changed between the two attempts
    const row = await run(provider, () => (provider.city = '深圳'));
    expect(provider.sent).toHaveLength(1);
    expect(row).toMatchObject({ state: 'needs_attention', send_attempts: 1 });
  });
});
