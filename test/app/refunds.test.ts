/**
 * Refund batches through the application layer, on a real SQLite file, sent over real HTTP to the sandbox's
 * Paygate: import with the capture rule, four-eyes approval (checked against the capture again), the credit
 * journaled with its ReqId, the provider's captured and credited amounts recorded, a refund above what remains
 * refused by the engine before any credit leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, type TestConsole } from './appHarness.js';
import { fastSending } from './appFiles.js';
import { withDatabase } from './consoleSupport.js';

const open = consolesPerTest();

/** Seeded in every sandbox Paygate (electron/core/providers/computop/testMerchant.ts). */
const PAY_500 = '0123456789abcdef0123456789abcdef'; // captured ¥500.00
const PAY_1288 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'; // captured ¥1,288.00
const PAY_99 = 'c0ffee00c0ffee00c0ffee00c0ffee00'; // captured ¥99.99

let gate: RunningSandbox;
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
});
afterAll(async () => {
  await gate.close();
});

const HEADER = 'pay_id,trans_id,amount,currency,reason,ref_nr,captured_amount';

/** A payment of its own at the sandbox Paygate (the seeded ones are shared by every test of this file). */
async function capturedPayment(capturedFen: number): Promise<string> {
  const answer = await fetch(`${gate.url}/__sandbox/paygate/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ captured_fen: capturedFen }),
  });
  return ((await answer.json()) as { pay_id: string }).pay_id;
}

function refundFile(name: string, rows: string[]): { name: string; bytes: Uint8Array } {
  return { name, bytes: new TextEncoder().encode([HEADER, ...rows].join('\r\n') + '\r\n') };
}

function sending() {
  return fastSending(gate.url, { paygateUrl: gate.url });
}

async function importRefunds(c: TestConsole, name: string, rows: string[]) {
  return c.ok('alice', 'importFile', { kind: 'refund', file: refundFile(name, rows) });
}

async function sendRefunds(c: TestConsole, batchId: number): Promise<void> {
  await c.ok('bob', 'approveBatch', { batchId });
  await c.ok('bob', 'submitBatch', { batchId });
  await c.runtime.sending.run({ batchIds: [batchId], wait: true });
}

interface RefundRow {
  payment_id: string;
  state: string;
  code: string | null;
  pay_id: string;
  req_id: string;
  credited_before_fen: number | null;
}

function refundRows(c: TestConsole, batchId: number): RefundRow[] {
  return withDatabase(c.dbPath, (db) =>
    db
      .prepare(
        `SELECT p.payment_id, p.state, p.code, r.pay_id, r.req_id, r.credited_before_fen
           FROM payouts p JOIN refund_details r ON r.payout_id = p.id WHERE p.batch_id = ? ORDER BY p.id`,
      )
      .all(batchId),
  ) as RefundRow[];
}

describe('refund batches', () => {
  it('imports a refund file as a refund batch: kind, method, TransIDs (generated when absent), terms', async () => {
    const c = await open({ sending: sending() });
    const report = await importRefunds(c, 'refunds.csv', [
      `${PAY_500},T-1,100.00,CNY,damaged,INV001,500.00`,
      `${PAY_1288},,20.50,,late delivery,,`,
    ]);
    expect(report.refused).toBeNull();
    expect(report.stored).toEqual({ payouts: 2, total_fen: 12_050 });
    const batchId = report.batch_id as number;

    const detail = await c.ok('alice', 'batchDetail', { batchId });
    expect(detail.batch).toMatchObject({ kind: 'refund', method: 'chinapay', status: 'draft' });
    const [first, second] = detail.rows;
    expect(first).toMatchObject({
      payment_id: 'T-1',
      amount_fen: 10_000,
      currency: 'CNY',
      refund: { pay_id: PAY_500, ref_nr: 'INV001', reason: 'damaged', captured_fen: 50_000 },
    });
    // A TransID the file left empty is generated: unique, within the provider's 64 characters.
    expect(second?.payment_id).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(second?.refund).toMatchObject({ pay_id: PAY_1288, captured_fen: null, ref_nr: '' });

    // Every row has its own ReqId, fixed before anything is sent (at most 32 characters).
    const rows = refundRows(c, batchId);
    expect(rows.map((row) => row.req_id)).toHaveLength(2);
    for (const row of rows) expect(row.req_id).toMatch(/^[0-9A-F]{32}$/);
    expect(new Set(rows.map((row) => row.req_id)).size).toBe(2);

    // Payout batches are listed with their own kind.
    const listed = await c.ok('alice', 'listBatches', undefined);
    expect(listed.map((batch) => batch.kind)).toEqual(['refund']);
  });

  it('refuses refunds of one payment that add up to more than its capture, before approval', async () => {
    const c = await open({ sending: sending() });
    const refused = await c.ok('alice', 'importFile', {
      kind: 'refund',
      file: refundFile('over.csv', [
        `${PAY_500},O-1,300.00,CNY,,,500.00`,
        `${PAY_500},O-2,200.00,CNY,,,500.00`,
        `${PAY_500},O-3,0.01,CNY,,,500.00`,
      ]),
    });
    expect(refused.batch_id).toBeNull();
    expect(refused.refused?.code).toBe('ROWS_HAVE_ERRORS');
    // Only the row that crosses the capture is in error; the message names the payment and the amounts.
    expect(refused.error_rows.map((row) => row.line)).toEqual([4]);
    const issue = refused.error_rows[0]?.issues.find((i) => i.code === 'REFUND_ABOVE_CAPTURE');
    expect(issue?.message).toContain(PAY_500);

    // A refund stored earlier counts against the capture a later file gives.
    await importRefunds(c, 'first.csv', [`${PAY_500},E-1,400.00,CNY,,,500.00`]);
    const later = await c.ok('alice', 'validateFile', {
      kind: 'refund',
      file: refundFile('later.csv', [`${PAY_500},E-2,100.01,CNY,,,`]),
    });
    expect(later.rows[0]?.issues.map((i) => i.code)).toContain('REFUND_ABOVE_CAPTURE');
  });

  it('sends approved refunds to the Paygate: success, the ReqId journaled, the capture recorded', async () => {
    const c = await open({ sending: sending() });
    const report = await importRefunds(c, 'send.csv', [
      `${PAY_1288},S-1,100.00,CNY,first,,`,
      `${PAY_1288},S-2,50.00,CNY,second,,`,
    ]);
    const batchId = report.batch_id as number;
    // Four eyes: the importer cannot approve her own refunds.
    const own = await c.call('alice', 'approveBatch', { batchId });
    expect(own.ok ? 'ok' : own.error.code).toBe('SAME_USER_APPROVAL');
    await sendRefunds(c, batchId);

    const rows = refundRows(c, batchId);
    expect(rows.map((row) => row.state)).toEqual(['success', 'success']);
    // The second credit of the payment left only after the first had settled, so each knows what was
    // credited before it.
    expect(rows.map((row) => row.credited_before_fen)).toEqual([0, 10_000]);
    const ledger = withDatabase(c.dbPath, (db) =>
      db.prepare('SELECT captured_fen, credited_fen FROM payment_ledgers WHERE pay_id = ?').get(PAY_1288),
    );
    expect(ledger).toEqual({ captured_fen: 128_800, credited_fen: 15_000 });
    const status = await c.ok('alice', 'batchStatus', { batchId });
    expect(status.batch_status).toBe('completed');
    // Said as a refund, not as a payout.
    expect(status.rows[0]?.reason).toMatch(/^Refunded/);
    const detail = await c.ok('alice', 'batchDetail', { batchId }, 'zh-CN');
    expect(detail.rows[0]?.reason).toMatch(/^已退款/);

    // Reconciliation against ecommpay's operations leaves refunds out: they went to Computop.
    const empty = { name: 'operations.json', bytes: Buffer.from(JSON.stringify({ operations: [] })) };
    const run = await c.ok(null, 'reconcile', { file: empty });
    expect(run.summary.missing_at_provider).toBe(0);
  });

  it('sends one credit of a payment at a time: a pending credit settles before the next one leaves', async () => {
    const c = await open({ sending: sending() });
    const payId = await capturedPayment(100_000);
    // ….78 answers pending and then fails at the sandbox Paygate; the second refund of the same payment is
    // larger, so had it been credited meanwhile, the payment's credited total would have looked like the first.
    const report = await importRefunds(c, 'serial.csv', [
      `${payId},P-1,100.78,CNY,,,`,
      `${payId},P-2,200.00,CNY,,,`,
    ]);
    await sendRefunds(c, report.batch_id as number);
    const rows = refundRows(c, report.batch_id as number);
    expect(rows.map((row) => [row.payment_id, row.state])).toEqual([
      ['P-1', 'decline'],
      ['P-2', 'success'],
    ]);
    const ledger = new Map(gate.paygate.ledger().credits.map((credit) => [credit.trans_id, credit.status]));
    expect([ledger.get('P-1'), ledger.get('P-2')]).toEqual(['FAILED', 'OK']);
    expect(rows[1]?.credited_before_fen).toBe(0);
  });

  it('refuses at send a refund above what remains of the capture: no credit leaves', async () => {
    const c = await open({ sending: sending() });
    // The file does not know the capture (¥99.99): the engine asks the Paygate first.
    const report = await importRefunds(c, 'above.csv', [`${PAY_99},A-1,100.00,CNY,,,`]);
    const batchId = report.batch_id as number;
    await sendRefunds(c, batchId);
    const [row] = refundRows(c, batchId);
    expect(row).toMatchObject({ state: 'rejected', code: 'REFUND_ABOVE_CAPTURE' });
    // Now the capture is known: another refund file above it is refused at import.
    const again = await c.ok('alice', 'validateFile', {
      kind: 'refund',
      file: refundFile('again.csv', [`${PAY_99},A-2,99.99,CNY,,,`, `${PAY_99},A-3,0.01,CNY,,,`]),
    });
    expect(again.rows.map((r) => r.status)).toEqual(['ok', 'error']);
  });

  it('checks the capture again at approval, with what became known since the import', async () => {
    const c = await open({ sending: sending() });
    // Imported while the capture was unknown.
    const late = await importRefunds(c, 'late.csv', [`${PAY_99},L-1,60.00,CNY,,,`]);
    // Another refund of the same payment is sent meanwhile; the Paygate's answer records the capture.
    const early = await importRefunds(c, 'early.csv', [`${PAY_99},L-0,50.00,CNY,,,`]);
    await sendRefunds(c, early.batch_id as number);
    const refused = await c.call('bob', 'approveBatch', { batchId: late.batch_id as number });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('REFUND_ABOVE_CAPTURE');
    if (!refused.ok) expect(refused.error.message).toContain(PAY_99);
  });

  it('sends nothing of a batch whose PayID was changed after approval: the approval covers the refund terms', async () => {
    const c = await open({ sending: sending() });
    const report = await importRefunds(c, 'sealed.csv', [`${PAY_1288},SEAL-1,10.00,CNY,,,`]);
    const batchId = report.batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId });
    // Someone with the database file sends the refund to another payment.
    withDatabase(c.dbPath, (db) => db.prepare('UPDATE refund_details SET pay_id = ?').run(PAY_500));
    await c.ok('bob', 'submitBatch', { batchId });
    await c.runtime.sending.run({ batchIds: [batchId], wait: true });
    const status = await c.ok('alice', 'batchStatus', { batchId });
    expect(status.batch_status).toBe('blocked');
    expect(refundRows(c, batchId).map((row) => row.state)).toEqual(['queued']);
    const credits = gate.paygate.ledger().credits.filter((credit) => credit.trans_id === 'SEAL-1');
    expect(credits).toEqual([]);
  });

  it('a refund batch cannot be paid again from its failed rows', async () => {
    const c = await open({ sending: sending() });
    const report = await importRefunds(c, 'r.csv', [`${PAY_500},X-1,10.00,CNY,,,`]);
    const result = await c.call('alice', 'retryFailedPayouts', { batchId: report.batch_id as number });
    expect(result.ok ? 'ok' : result.error.code).toBe('RETRY_NOT_FOR_REFUNDS');
  });
});
