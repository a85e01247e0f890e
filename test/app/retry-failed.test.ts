/**
 * Failed payouts paid again: a batch's declined and rejected payouts become a new draft with new payment ids,
 * each linked to the payout it pays again, the payee's data sealed anew; edits pass the import's validation;
 * a payout is paid again at most once; the draft needs a fresh approval by someone other than its maker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../electron/contract/records.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { card, fastSending, row } from './appFiles.js';
import { changesOf, withDatabase } from './consoleSupport.js';
import { DECLINED, draftOf, send } from './reportSupport.js';

const open = consolesPerTest();

let gate: RunningSandbox;
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
});
afterAll(async () => {
  await gate.close();
});

const CARDS = [card(7101), card(7102), card(7103), card(7104)];

/** Four payouts sent: paid, R-2 declined, R-3 refused by the gateway (rejected). */
async function failedBatch(c: TestConsole): Promise<number> {
  const batchId = await draftOf(c, 'retry.csv', [
    row('R-1', '100.00', CARDS[0]),
    row('R-2', DECLINED, CARDS[1]),
    row('R-3', '300.00', CARDS[2]),
    row('R-4', '101.00', CARDS[3]),
  ]);
  await send(c, batchId);
  // The sandbox never refuses a valid request: R-3 stands for one the gateway refused with 2004.
  withDatabase(c.dbPath, (db) =>
    db.prepare(`UPDATE payouts SET state = 'rejected', code = '2004' WHERE payment_id = 'R-3'`).run(),
  );
  return batchId;
}

async function errorCode(result: Promise<{ ok: boolean; error?: { code: string; message: string } }>) {
  const outcome = await result;
  return outcome.ok ? 'ok' : outcome.error?.code;
}

async function batchCount(c: TestConsole): Promise<number> {
  return (await c.ok(null, 'listBatches', undefined)).length;
}

describe('retryFailedPayouts', () => {
  it('makes a draft of the declined and rejected payouts: new ids, linked, payee data sealed anew', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const source = await failedBatch(c);
    const result = await c.ok('alice', 'retryFailedPayouts', { batchId: source });

    expect(result.source_batch_id).toBe(source);
    expect(result.batch).toMatchObject({
      status: 'draft',
      created_by: 'alice',
      retry_of_batch: source,
      payout_count: 2,
      total_fen: 40000 + 30000,
      method: 'cup-p2p',
    });
    expect(result.payouts.map((p) => [p.line, p.retry_of, p.amount_fen])).toEqual([
      [3, 'R-2', 40000],
      [4, 'R-3', 30000],
    ]);
    // New ids, generated as an import generates them.
    for (const p of result.payouts) {
      expect(p.payment_id).toMatch(/^CUP-[0-9A-F]+-\d{8}-[0-9A-F]{10}-\d{6}$/);
      expect(['R-2', 'R-3']).not.toContain(p.payment_id);
    }
    const newBatch = result.batch.id;
    // The source batch knows of no link; the new one does.
    const [listed] = await c.ok(null, 'listBatches', undefined);
    expect(listed).toMatchObject({ id: newBatch, retry_of_batch: source });
    expect((await c.ok(null, 'batchDetail', { batchId: source })).batch.retry_of_batch).toBeNull();

    // The payee data opens under the new payment ids: the same cards as the originals.
    const payees = await c.ok(TEST_ADMIN, 'revealPayees', { batchId: newBatch });
    expect(payees.map((p) => p.card_number)).toEqual([CARDS[1], CARDS[2]]);
    expect(payees.map((p) => p.payment_id)).toEqual(result.payouts.map((p) => p.payment_id));
    // Stored masked, with the card's keyed hash of the original.
    withDatabase(c.dbPath, (db) => {
      const rows = db
        .prepare(
          `SELECT payment_id, retry_of, card_number, card_hash FROM payouts WHERE batch_id = ? ORDER BY id`,
        )
        .all(newBatch) as Array<Record<string, string>>;
      const originals = db
        .prepare(`SELECT card_hash FROM payouts WHERE payment_id IN ('R-2', 'R-3') ORDER BY id`)
        .pluck()
        .all();
      expect(rows.map((r) => r.retry_of)).toEqual(['R-2', 'R-3']);
      expect(rows.map((r) => r.card_hash)).toEqual(originals);
      for (const r of rows) expect(r.card_number).toMatch(/^\d{6}\*+\d{4}$/);
    });

    // The report shows the link.
    const report = await c.ok(null, 'payoutReport', { batchId: newBatch });
    expect(report.rows.map((r) => r.retry_of)).toEqual(['R-2', 'R-3']);

    // Audited on both batches.
    const onNew = (await changesOf(c, newBatch)).find((e) => e.action === 'batch.retry');
    const onSource = (await changesOf(c, source)).find((e) => e.action === 'batch.retry');
    expect(onNew).toMatchObject({ actor: 'alice', details: { source_batch_id: source, payouts: 2 } });
    expect(onSource).toMatchObject({ actor: 'alice', details: { retry_batch_id: newBatch, payouts: 2 } });
  });

  it('needs a fresh approval by someone else; once approved and sent, the corrected payout is paid', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const source = await failedBatch(c);
    const result = await c.ok('alice', 'retryFailedPayouts', {
      batchId: source,
      // The declined one for another amount, which the sandbox pays; the rejected one left out.
      edits: [{ line: 3, field: 'amount_fen', value: '399.00' }],
      leaveOut: [4],
    });
    const batchId = result.batch.id;
    expect(result.payouts.map((p) => [p.retry_of, p.amount_fen])).toEqual([['R-2', 39900]]);
    expect(await errorCode(c.call('alice', 'approveBatch', { batchId }))).toBe('SAME_USER_APPROVAL');
    await send(c, batchId);
    const report = await c.ok(null, 'payoutReport', { batchId });
    expect(report.rows.map((r) => [r.state, r.retry_of])).toEqual([['success', 'R-2']]);
  });

  it('validates every row as an import does: one row with an error refuses the retry, naming its line', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const source = await failedBatch(c);
    const before = await batchCount(c);
    const refused = await c.call('alice', 'retryFailedPayouts', {
      batchId: source,
      edits: [
        { line: 3, field: 'bank_id', value: '99999' },
        { line: 4, field: 'amount_fen', value: '0.50' },
      ],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RETRY_ROWS_INVALID' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('3 bank_id BANK_UNKNOWN');
    expect(message).toMatch(/4 amount AMOUNT_BELOW_MIN/);
    expect(await batchCount(c)).toBe(before);

    // Edits and left-out lines must name a failed payout; the payment id is always a new one.
    expect(
      await errorCode(
        c.call('alice', 'retryFailedPayouts', {
          batchId: source,
          edits: [{ line: 2, field: 'zip', value: '1' }],
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [5] }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      await errorCode(
        c.call('alice', 'retryFailedPayouts', {
          batchId: source,
          edits: [{ line: 3, field: 'payment_id', value: 'MINE' }],
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(await batchCount(c)).toBe(before);
  });

  it('pays a payout again at most once, unless its retry never left and never will', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const source = await failedBatch(c);
    const first = await c.ok('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [4] });
    const again = await c.call('alice', 'retryFailedPayouts', { batchId: source });
    expect(again).toMatchObject({ ok: false, error: { code: 'RETRY_ALREADY_MADE' } });
    expect(again.ok ? '' : again.error.message).toContain(`batch ${first.batch.id}`);
    // The one left out can still be paid again, once.
    const rest = await c.ok('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [3] });
    expect(rest.payouts.map((p) => p.retry_of)).toEqual(['R-3']);
    expect(
      await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [3, 4] })),
    ).toBe('RETRY_NOTHING');

    // A rejected draft never paid anything: its payouts may be paid again.
    await c.ok('bob', 'rejectBatch', { batchId: first.batch.id, reason: 'wrong amount' });
    const third = await c.ok('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [4] });
    expect(third.payouts.map((p) => p.retry_of)).toEqual(['R-2']);

    // A retry that was sent stays the one: even when it fails, it is paid again from its own batch.
    await send(c, third.batch.id);
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: source, leaveOut: [4] }))).toBe(
      'RETRY_ALREADY_MADE',
    );
    const chained = await c.ok('alice', 'retryFailedPayouts', { batchId: third.batch.id });
    expect(chained.payouts.map((p) => p.retry_of)).toEqual([third.payouts[0]?.payment_id]);
    expect(chained.batch.retry_of_batch).toBe(third.batch.id);
  });

  it('pays again neither paid nor open payouts, and is an operator action', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const paid = await draftOf(c, 'paid.csv', [row('OK-1', '100.00')]);
    await send(c, paid);
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: paid }))).toBe('RETRY_NOTHING');
    const draft = await draftOf(c, 'draft.csv', [row('DR-1', '100.00')]);
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: draft }))).toBe('RETRY_NOTHING');
    // States where money moved or may still move are never paid again.
    withDatabase(c.dbPath, (db) =>
      db.prepare(`UPDATE payouts SET state = ? WHERE payment_id = 'OK-1'`).run('needs_attention'),
    );
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: paid }))).toBe('RETRY_NOTHING');
    for (const state of ['reversed', 'unknown', 'accepted', 'processing', 'error', 'partially_paid_out']) {
      withDatabase(c.dbPath, (db) =>
        db.prepare(`UPDATE payouts SET state = ? WHERE payment_id = 'OK-1'`).run(state),
      );
      expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: paid }))).toBe('RETRY_NOTHING');
    }
    expect(await errorCode(c.call('alice', 'retryFailedPayouts', { batchId: 999 }))).toBe('BATCH_NOT_FOUND');
    const source = await failedBatch(c);
    await c.ok(TEST_ADMIN, 'addUser', { name: 'vic', roles: ['viewer'] as Role[], password: TEST_PASSWORD });
    expect(await errorCode(c.call('vic', 'retryFailedPayouts', { batchId: source }))).toBe('ROLE_REQUIRED');
  });
});
