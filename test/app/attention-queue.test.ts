/**
 * The needs-attention queue: across all batches, the payouts and batches that wait for a person, oldest first,
 * each with what happened in plain words (the same words as the status report) and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, payoutFile, type TestConsole } from './appHarness.js';
import { fastSending, row, rowsFile } from './appFiles.js';
import { withDatabase } from './consoleSupport.js';

const open = consolesPerTest();

// The provider keeps every payout `processing` for a minute: past the console's threshold (300 ms), each
// one goes to needs_attention.
let slowGate: RunningSandbox;
beforeAll(async () => {
  slowGate = await startSandbox({ port: 0, finalAfterMs: 60_000 });
});
afterAll(async () => {
  await slowGate.close();
});

function slowSending() {
  const sending = fastSending(slowGate.url);
  return { ...sending, timing: { ...sending.timing, thresholdMs: 300 } };
}

async function imported(c: TestConsole, prefix: string, rows = 2): Promise<number> {
  const report = await c.ok('alice', 'importFile', { file: payoutFile(rows, prefix) });
  if (report.batch_id === null) throw new Error(`import refused: ${report.refused?.message}`);
  return report.batch_id;
}

async function approved(c: TestConsole, prefix: string): Promise<number> {
  const batchId = await imported(c, prefix);
  await c.ok('bob', 'approveBatch', { batchId });
  return batchId;
}

/** A draft, an approved batch, a paused one, a blocked one and two payouts in needs_attention, in that order. */
async function consoleWithWork() {
  const c = await open({ sending: slowSending() });
  const draft = await imported(c, 'DRAFT');
  const ready = await approved(c, 'READY');
  const paused = await approved(c, 'PAUSED');
  await c.ok('carol', 'submitBatch', { batchId: paused });
  await c.ok('carol', 'pauseBatch', { batchId: paused });
  const blocked = await approved(c, 'BLOCKED');
  withDatabase(c.dbPath, (db) =>
    db.prepare(`UPDATE payouts SET amount_fen = amount_fen + 1 WHERE batch_id = ?`).run(blocked),
  );
  await c.ok('carol', 'submitBatch', { batchId: blocked });
  await c.runtime.sending.run({ batchIds: [blocked], wait: false });
  const stuck = await approved(c, 'STUCK');
  await c.ok('carol', 'submitBatch', { batchId: stuck });
  await c.runtime.sending.run({ batchIds: [stuck], wait: true });
  return { c, draft, ready, paused, blocked, stuck };
}

describe('attentionQueue', () => {
  it('lists what waits for a person, oldest first, with the reason in plain words and what to do', async () => {
    const { c, draft, ready, paused, blocked, stuck } = await consoleWithWork();
    // Work nobody needs to act on is left out: a rejected draft, a batch being sent.
    const rejected = await imported(c, 'REJ');
    await c.ok('bob', 'rejectBatch', { batchId: rejected, reason: 'wrong month' });

    const queue = await c.ok('dave', 'attentionQueue', undefined);
    expect(queue.map((item) => [item.kind, item.batch_id, item.state, item.payment_id])).toEqual([
      ['batch', draft, 'draft', null],
      ['batch', ready, 'approved', null],
      ['batch', paused, 'paused', null],
      ['batch', blocked, 'blocked', null],
      ['payout', stuck, 'needs_attention', 'STUCK-1'],
      ['payout', stuck, 'needs_attention', 'STUCK-2'],
    ]);
    const since = queue.map((item) => item.since ?? '');
    expect(since.every((time) => !Number.isNaN(Date.parse(time)))).toBe(true);
    expect([...since].sort()).toEqual(since);

    const [d, r, p, b, stuck1] = queue;
    expect(d).toMatchObject({
      amount_fen: 20_300,
      reason: 'Imported by alice; waiting for approval.',
      action: 'An approver who neither imported nor edited it reviews it and approves or rejects it.',
    });
    expect(r).toMatchObject({
      reason: 'Approved by bob; ready to send.',
      action: 'An operator sends it (Submit).',
    });
    expect(p).toMatchObject({ action: 'Resume it to send the rest, or cancel what has not been sent.' });
    expect(b).toMatchObject({
      code: 'APPROVAL_CONTENT_CHANGED',
      action: 'Cancel it, then import the file again for a fresh approval.',
    });
    // The payout's reason is the status report's own.
    const status = await c.ok(null, 'batchStatus', { batchId: stuck });
    expect(stuck1).toMatchObject({ line: 2, amount_fen: 10_100, reason: status.rows[0]?.reason });
    expect(stuck1?.action).toContain('Recheck the batch to ask the provider again');
  });

  it('speaks Chinese to a Chinese reader', async () => {
    const { c } = await consoleWithWork();
    const queue = await c.ok('dave', 'attentionQueue', undefined, 'zh-CN');
    expect(queue.map((item) => item.action)).toEqual([
      '请由未导入、未编辑该批次的审批人审核后审批或驳回。',
      '请由操作员发送（提交）。',
      '请恢复以继续发送其余付款，或取消尚未发送的部分。',
      '请取消该批次，然后重新导入文件并重新审批。',
      '请复查该批次，再次向服务商查询。如仍无最终结果，请就该订单号咨询服务商客服；在确认失败之前不要重新付款。',
      '请复查该批次，再次向服务商查询。如仍无最终结果，请就该订单号咨询服务商客服；在确认失败之前不要重新付款。',
    ]);
    expect(queue[0]?.reason).toBe('由 alice 导入，等待审批。');
    expect(queue[4]?.reason).toMatch(/需要人工处理|服务商/);
  });

  it('a draft with one of two approvals waits for a second, different approver', async () => {
    const c = await open();
    await c.ok('admin', 'changeSettings', { changes: { second_approver_above_fen: 100 } });
    const batchId = await imported(c, 'TWO');
    await c.ok('bob', 'approveBatch', { batchId });
    expect(await c.ok('dave', 'attentionQueue', undefined)).toEqual([
      expect.objectContaining({
        batch_id: batchId,
        reason: 'Imported by alice; 1 of 2 approvals given.',
        action: 'A second approver, not the first one, reviews it and approves or rejects it.',
      }),
    ]);
  });

  it('a payout the provider reports as another payment is not to be sent again', async () => {
    const c = await open();
    const batchId = (await c.ok('alice', 'importFile', { file: rowsFile('m.csv', [row('MIS-1', '100.00')]) }))
      .batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId });
    withDatabase(c.dbPath, (db) =>
      db
        .prepare(
          `UPDATE payouts SET state = 'needs_attention', code = 'PROVIDER_MISMATCH',
             message = 'the provider reports another payment: amount: provider 100.00, journal 200.00'
           WHERE batch_id = ?`,
        )
        .run(batchId),
    );
    const payout = (await c.ok('dave', 'attentionQueue', undefined)).find((item) => item.kind === 'payout');
    expect(payout).toMatchObject({ kind: 'payout', payment_id: 'MIS-1', code: 'PROVIDER_MISMATCH' });
    expect(payout?.action).toContain('Do not send it again');
  });

  it('leaves out payouts the engine still follows (unknown), and stops at 1,000 items', async () => {
    const c = await open();
    const batchId = await imported(c, 'MANY', 1003);
    await c.ok('bob', 'approveBatch', { batchId });
    withDatabase(c.dbPath, (db) => {
      db.prepare(`UPDATE payouts SET state = 'needs_attention' WHERE batch_id = ?`).run(batchId);
      db.prepare(`UPDATE payouts SET state = 'unknown' WHERE payment_id = 'MANY-1'`).run();
    });
    // Payouts set aside by hand have no event: they wait since their import, before the batch's approval.
    const queue = await c.ok('dave', 'attentionQueue', undefined);
    expect(queue).toHaveLength(1000);
    expect(queue.map((item) => item.payment_id)).toEqual(
      Array.from({ length: 1000 }, (_, i) => `MANY-${i + 2}`),
    );
  });

  it('needs a signed-in person in the desktop app, and reads without one on the command line', async () => {
    const c = await open();
    await imported(c, 'R');
    expect(
      await c.runtime.app.call('attentionQueue', undefined, { lang: 'en', session: null }),
    ).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await c.ok(null, 'attentionQueue', undefined)).toHaveLength(1);
  });
});
