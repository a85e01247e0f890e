import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { startSandbox } from '../../electron/sandbox/index.js';
import { postJson, signedPayoutBody, signedStatusBody } from '../../electron/sandbox/testing.js';

// With statePath the ledger lives in a SQLite file and survives a restart.

let dir: string;
let statePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-sandbox-state-'));
  statePath = join(dir, 'nested', 'sandbox.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const START = Date.UTC(2024, 0, 2, 3, 4, 5);

describe('sandbox persistence', () => {
  it('keeps registered payments, request counts and the operation counter across a restart', async () => {
    let clock = START;
    const first = await startSandbox({ statePath, finalAfterMs: 1000, now: () => clock });
    const body = signedPayoutBody({ projectId: 200, paymentId: 'kept', amount: 40000 }, first.secretKey);
    const accepted = await postJson(first.url + '/v2/payment/chinaunionpay/payout', body);
    expect(accepted.status).toBe(200);
    await first.close();

    // Restarted with another delay: the stored final time still rules.
    clock = START + 1000;
    const second = await startSandbox({ statePath, finalAfterMs: 60_000, now: () => clock });
    try {
      expect(second.ledger()).toEqual([
        { payment_id: 'kept', amount: 40000, status: 'decline', requests: 1, requests_after_registered: 0 },
      ]);
      const again = await postJson(second.url + '/v2/payment/chinaunionpay/payout', body);
      expect((again.json as { code: string }).code).toBe('3041');
      expect(second.ledger()[0]?.requests).toBe(2);

      const status = (
        await postJson(second.url + '/v2/payment/status', signedStatusBody(200, 'kept', second.secretKey))
      ).json as Record<string, JsonValue>;
      expect(verify(status, second.secretKey)).toBe(true);
      const firstOperation = (status['operations'] as Array<{ id: number; request_id: string }>)[0];
      expect(firstOperation?.request_id).toBe((accepted.json as { request_id: string }).request_id);

      await postJson(
        second.url + '/v2/payment/chinaunionpay/payout',
        signedPayoutBody({ projectId: 200, paymentId: 'next' }, second.secretKey),
      );
      clock += 60_000;
      const next = (
        await postJson(second.url + '/v2/payment/status', signedStatusBody(200, 'next', second.secretKey))
      ).json as { operations: Array<{ id: number }> };
      expect(next.operations[0]?.id).toBe((firstOperation?.id ?? 0) + 1);
    } finally {
      await second.close();
    }
  });

  it('stores the file in WAL mode and never the full card number', async () => {
    const sandbox = await startSandbox({ statePath });
    await postJson(
      sandbox.url + '/v2/payment/chinaunionpay/payout',
      signedPayoutBody({ projectId: 200, paymentId: 'masked' }, sandbox.secretKey),
    );
    await sandbox.close();
    const db = new BetterSqlite3(statePath, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT account_number FROM payments').pluck().get()).toBe('621661******6793');
    } finally {
      db.close();
    }
  });

  it('without statePath, a restart starts empty', async () => {
    const first = await startSandbox();
    await postJson(
      first.url + '/v2/payment/chinaunionpay/payout',
      signedPayoutBody({ projectId: 200, paymentId: 'gone' }, first.secretKey),
    );
    expect(first.ledger()).toHaveLength(1);
    await first.close();
    const second = await startSandbox();
    expect(second.ledger()).toEqual([]);
    await second.close();
  });
});
