/**
 * A second approver above a configurable total: two different people, neither of them the importer, each
 * approving the very same content; and roles that decide who may do what, whatever the shell.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PAYABLE_FIELDS, type PayableRow } from '../../electron/core/store/types.js';
import { approvalSeal } from '../../electron/core/submission/approvalSeal.js';
import { consolesPerTest, payoutFile, TEST_PASSWORD } from './appHarness.js';

const open = consolesPerTest();

async function withThreshold(yuan: number) {
  const c = await open();
  await c.ok('admin', 'changeSettings', { changes: { second_approver_above_fen: yuan * 100 } });
  return c;
}

describe('a second approver above the configured total', () => {
  it('a batch above the total needs two different approvers; the first approval keeps it a draft', async () => {
    const c = await withThreshold(200);
    const { batch_id } = await c.ok('alice', 'importFile', { file: payoutFile(3, 'TWO') });
    const batchId = batch_id as number;

    const first = await c.ok('bob', 'approveBatch', { batchId });
    expect(first.batch.status).toBe('draft');
    expect(first.approvals_needed).toBe(1);
    expect((await c.call('bob', 'approveBatch', { batchId })).ok ? 'ok' : 'refused').toBe('refused');
    expect(await c.call('ＢＯＢ', 'approveBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'SAME_APPROVER_TWICE' },
    });
    expect(await c.call('alice', 'approveBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'SAME_USER_APPROVAL' },
    });
    expect(await c.call('alice', 'submitBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_WRONG_STATUS' },
    });

    const second = await c.ok('carol', 'approveBatch', { batchId });
    expect(second.batch).toMatchObject({ status: 'approved', approved_by: 'carol' });
    expect(second.approvals_needed).toBeUndefined();
    const approvals = (await c.ok(null, 'auditTrail', { action: 'batch.approve' })).map((e) => [
      e.actor,
      e.details,
    ]);
    expect(approvals).toEqual([
      ['bob', { approval: 1, of: 2 }],
      ['carol', expect.objectContaining({ approvers: ['bob', 'carol'] })],
    ]);
  });

  it('a batch at or below the total needs one approver', async () => {
    const c = await withThreshold(10_000);
    const { batch_id } = await c.ok('alice', 'importFile', { file: payoutFile(2, 'ONE') });
    const approved = await c.ok('bob', 'approveBatch', { batchId: batch_id as number });
    expect(approved.batch.status).toBe('approved');
  });

  it('the second approver must see what the first approved: content changed between them is refused', async () => {
    const c = await withThreshold(100);
    const { batch_id } = await c.ok('alice', 'importFile', { file: payoutFile(2, 'MOVE') });
    const batchId = batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId });
    const file = new BetterSqlite3(c.dbPath);
    file.prepare(`UPDATE payouts SET amount_fen = amount_fen + 100 WHERE payment_id = 'MOVE-1'`).run();
    file.close();
    expect(await c.call('carol', 'approveBatch', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_CONTENT_CHANGED' },
    });
    expect((await c.ok(null, 'batchStatus', { batchId })).batch_status).toBe('draft');
  });
});

describe('roles', () => {
  it('each action needs its role, named in the refusal in the caller’s language', async () => {
    const c = await open();
    await c.ok('admin', 'addUser', { name: 'vera', roles: ['viewer'], password: TEST_PASSWORD });
    const c2 = c;
    // The harness signs vera in with the password it gave her.
    expect(await c2.call('vera', 'importFile', { file: payoutFile(1, 'V') }, 'zh-CN')).toEqual({
      ok: false,
      error: { code: 'ROLE_REQUIRED', message: 'vera 无权执行此操作（batch.import）：需要角色 operator。' },
    });
    expect(await c2.call('vera', 'changeSettings', { changes: { duplicate_window_days: 3 } })).toMatchObject({
      ok: false,
      error: {
        code: 'ROLE_REQUIRED',
        message: 'vera may not do this (settings.change): it needs the role admin.',
      },
    });
    // Reading is every role's.
    expect((await c2.call('vera', 'listBatches', undefined)).ok).toBe(true);
  });

  it('the last admin cannot be disabled, nor can an admin disable themself', async () => {
    const c = await open();
    expect(await c.call('admin', 'disableUser', { name: 'admin' })).toMatchObject({
      ok: false,
      error: { code: 'CANNOT_DISABLE_SELF' },
    });
    await c.ok('admin', 'addUser', { name: 'olga', roles: ['operator'], password: TEST_PASSWORD });
    await c.ok('olga', 'listBatches', undefined);
    const disabled = await c.ok('admin', 'disableUser', { name: 'olga' });
    expect(disabled.disabled).toBe(true);
    // Her session ended with it.
    expect(await c.call('olga', 'listBatches', undefined)).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
  });
});

describe('an approval only the installation key could have sealed', () => {
  it('a payout changed in the file with a plain (version 2) seal recomputed over it is blocked, not sent', async () => {
    // The reproduction: anyone who can write the database file changes an amount and stores a plain SHA-256
    // seal over the changed rows; before the fix the engine checked the seal in the version it claimed.
    const c = await open({ sending: { timing: { statusDelayMs: 50, pollInitialMs: 50, pollMaxMs: 200 } } });
    const { batch_id } = await c.ok('alice', 'importFile', { file: payoutFile(2, 'DG') });
    const batchId = batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId });
    const file = new BetterSqlite3(c.dbPath);
    file.prepare(`UPDATE payouts SET amount_fen = 999900 WHERE payment_id = 'DG-1'`).run();
    const rows = file
      .prepare(
        `SELECT id, ${PAYABLE_FIELDS.join(', ')}, payee_sealed, card_hash FROM payouts WHERE batch_id = ? ORDER BY id`,
      )
      .all(batchId) as PayableRow[];
    const forged = approvalSeal(rows, { digest: 'v2:', payoutCount: 0, totalFen: 0 });
    file
      .prepare(
        'UPDATE batches SET approval_digest = ?, approval_count = ?, approval_total_fen = ?, total_fen = ? WHERE id = ?',
      )
      .run(forged.digest, forged.payoutCount, forged.totalFen, forged.totalFen, batchId);
    file.close();

    const submitted = await c.call('alice', 'submitBatch', { batchId });
    if (submitted.ok) await c.runtime.sending.run({ wait: false, batchIds: [batchId] });
    const report = await c.ok(null, 'batchStatus', { batchId });
    expect(report.batch_status).toBe('blocked');
    expect(report.counts).not.toHaveProperty('success');
    const blocked = (await c.ok(null, 'auditTrail', { action: 'batch.blocked' })).at(-1);
    expect(blocked?.details).toMatchObject({ code: 'APPROVAL_CONTENT_CHANGED' });
  });
});
