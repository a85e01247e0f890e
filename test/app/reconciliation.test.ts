/**
 * Reconciliation through the application layer on a real database: payouts sent to the sandbox, a provider
 * file built from what was sent, the run stored with the file's hash and its exceptions, an operator's note
 * that closes an exception in the audit trail (once), and who may do either.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { fastSending, row, rowsFile } from './appFiles.js';
import { changesOf, withDatabase } from './consoleSupport.js';

const open = consolesPerTest();

let gate: RunningSandbox;
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
});
afterAll(async () => {
  await gate.close();
});

/** Three payouts sent and final: REC-1 and REC-3 paid, REC-2 declined (the test project declines ¥400.00). */
async function sentBatch(c: TestConsole): Promise<number> {
  const report = await c.ok('alice', 'importFile', {
    file: rowsFile('rec.csv', [row('REC-1', '100.00'), row('REC-2', '400.00'), row('REC-3', '200.00')]),
  });
  const batchId = report.batch_id!;
  await c.ok('bob', 'approveBatch', { batchId });
  await c.ok('bob', 'submitBatch', { batchId });
  await c.runtime.sending.run({ batchIds: [batchId], wait: true });
  return batchId;
}

interface Sent {
  payment_id: string;
  amount_fen: number;
  state: string;
}

function sentPayouts(c: TestConsole): Sent[] {
  return withDatabase(c.dbPath, (db) =>
    db.prepare<[], Sent>('SELECT payment_id, amount_fen, state FROM payouts ORDER BY id').all(),
  );
}

/** The Data API's answer for these payouts, REC-3's amount changed, and a purchase the console never made. */
function providerFile(payouts: Sent[]): { name: string; bytes: Uint8Array } {
  const operations = payouts.map((p, i) => ({
    operation_id: String(1000 + i),
    payment_id: p.payment_id,
    operation_type: 'payout',
    operation_status: p.state,
    sum_initial: { amount: p.payment_id === 'REC-3' ? p.amount_fen + 1 : p.amount_fen, currency: 'CNY' },
  }));
  operations.push({
    operation_id: '2000',
    payment_id: 'QR-SALE-1',
    operation_type: 'sale',
    operation_status: 'success',
    sum_initial: { amount: 8800, currency: 'CNY' },
  });
  return { name: 'operations.json', bytes: Buffer.from(JSON.stringify({ operations, signature: 'sig' })) };
}

describe('reconcile', () => {
  it('stores the run with the file hash, its counts and exceptions, recorded as the console without a session', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await sentBatch(c);
    const payouts = sentPayouts(c);
    expect(payouts.map((p) => p.state)).toEqual(['success', 'decline', 'success']);
    const file = providerFile(payouts);

    const result = await c.ok(null, 'reconcile', { file });
    expect(result.summary).toEqual({
      matched: 2,
      missing_at_provider: 0,
      unknown_at_console: 0,
      amount_mismatch: 1,
      status_mismatch: 0,
      duplicates: 0,
      pending: 0,
      purchases: 1,
    });
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    expect(result.run).toMatchObject({
      ran_by: 'console',
      file_name: 'operations.json',
      file_sha256: sha256,
      format: 'ecommpay-json',
      grace_minutes: 0,
      provider_operations: 4,
      console_payouts: 3,
      matched_fen: 50000,
      unmatched_console: { count: 1, total_fen: 20000 },
      unmatched_provider: { count: 1, total_fen: 20001 },
      open_exceptions: 1,
    });
    expect(result.exceptions).toEqual([
      {
        id: expect.any(Number),
        kind: 'amount_mismatch',
        payment_id: 'REC-3',
        batch_id: batchId,
        console_amount_fen: 20000,
        console_currency: 'CNY',
        console_status: 'success',
        provider_amount_fen: 20001,
        provider_currency: 'CNY',
        provider_status: 'success',
        provider_operation_ids: ['1002'],
        detail: 'Amounts differ: the console has 200.00 CNY, the provider 200.01 CNY.',
        resolved_by: null,
        resolved_at: null,
        resolution_note: null,
      },
    ]);
    expect(result.purchases).toEqual([
      expect.objectContaining({ payment_id: 'QR-SALE-1', amount_fen: 8800 }),
    ]);

    // Stored as returned, the detail in the reader's language.
    const stored = await c.ok(null, 'reconciliationRun', { runId: result.run.id }, 'zh-CN');
    expect(stored.run).toEqual(result.run);
    expect(stored.exceptions[0]).toMatchObject({
      id: result.exceptions[0]!.id,
      detail: '金额不符：控制台 200.00 CNY，服务商 200.01 CNY。',
    });
    expect(stored.purchases).toEqual(result.purchases);
    expect(await c.ok(null, 'reconciliationRuns', undefined)).toEqual([result.run]);

    const entry = (await changesOf(c)).find((e) => e.action === 'reconcile.run');
    expect(entry).toMatchObject({
      actor: 'console',
      details: { run_id: result.run.id, file_sha256: sha256, counts: result.summary },
    });
  });

  it('records a signed-in person as who ran it, and needs reconcile.run', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    await sentBatch(c);
    const file = providerFile(sentPayouts(c));
    const run = await c.ok('carol', 'reconcile', { file, graceMinutes: 5 });
    expect(run.run).toMatchObject({ ran_by: 'carol', grace_minutes: 5 });

    await c.ok(TEST_ADMIN, 'addUser', { name: 'vera', roles: ['viewer'], password: TEST_PASSWORD });
    const signIn = await c.runtime.app.call(
      'signIn',
      { name: 'vera', password: TEST_PASSWORD },
      { lang: 'en', session: null },
    );
    if (!signIn.ok) throw new Error(signIn.error.code);
    const viewer = { lang: 'en' as const, session: signIn.value.token };
    const refused = await c.runtime.app.call('reconcile', { file }, viewer);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROLE_REQUIRED' } });
    // A viewer may read the runs.
    expect(await c.runtime.app.call('reconciliationRuns', undefined, viewer)).toMatchObject({ ok: true });
    // Outside the command line, nobody signed in may not reconcile.
    const anonymous = await c.runtime.app.call('reconcile', { file }, { lang: 'en', session: null });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await c.ok(null, 'reconciliationRuns', undefined)).toHaveLength(1);
  });

  it('refuses an unreadable file with a coded message in the caller language, storing nothing', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const bad = Buffer.from('payment_id,operation_status,amount\nA,success,1.00\nB,success,abc\n');
    const result = await c.call(null, 'reconcile', { file: { name: 'bad.csv', bytes: bad } }, 'zh-CN');
    expect(result).toEqual({
      ok: false,
      error: { code: 'PROVIDER_FILE_VALUE', message: '服务商文件第 3 行的 amount 无法读取（“abc”）。' },
    });
    const map = await c.call(null, 'reconcile', { file: { name: 'x.csv', bytes: bad }, map: 'x' });
    expect(map).toMatchObject({ ok: false, error: { code: 'PROVIDER_MAP_INVALID' } });
    const neither = await c.call(null, 'reconcile', {});
    expect(neither).toMatchObject({ ok: false, error: { code: 'RECONCILE_SOURCE_INVALID' } });
    expect(await c.ok(null, 'reconciliationRuns', undefined)).toEqual([]);
    expect(await c.call(null, 'reconciliationRun', { runId: 9 })).toMatchObject({
      ok: false,
      error: { code: 'RECONCILIATION_RUN_NOT_FOUND' },
    });
  });
});

describe('reconcile through the Data API', () => {
  it('fetches the operations of a date range page by page, verified, and hashes the answers like a file', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    await sentBatch(c);
    const day = new Date().toISOString().slice(0, 10);
    // `url` names the sandbox's Data API (the embedded one has no fixed address); production needs none.
    const dataApi = { from: day, to: day, url: gate.url } as { from: string; to: string };
    const result = await c.ok('carol', 'reconcile', { dataApi });
    expect(result.summary).toMatchObject({ matched: 3, missing_at_provider: 0, unknown_at_console: 0 });
    expect(result.run).toMatchObject({
      format: 'ecommpay-json',
      file_name: `data-api ${day} 00:00:00 — ${day} 23:59:59`,
      file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const both = await c.call('carol', 'reconcile', { dataApi, file: providerFile([]) });
    expect(both).toMatchObject({ ok: false, error: { code: 'RECONCILE_SOURCE_INVALID' } });
    const wrongRange = await c.call('carol', 'reconcile', { dataApi: { from: 'March', to: day } });
    expect(wrongRange).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('resolveReconciliationException', () => {
  it('closes an exception with a note in the audit trail, once; needs reconcile.resolve', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await sentBatch(c);
    const result = await c.ok(null, 'reconcile', { file: providerFile(sentPayouts(c)) });
    const exceptionId = result.exceptions[0]!.id;

    await c.ok(TEST_ADMIN, 'addUser', { name: 'vera', roles: ['viewer'], password: TEST_PASSWORD });
    const signIn = await c.runtime.app.call(
      'signIn',
      { name: 'vera', password: TEST_PASSWORD },
      { lang: 'en', session: null },
    );
    if (!signIn.ok) throw new Error(signIn.error.code);
    const byViewer = await c.runtime.app.call(
      'resolveReconciliationException',
      { exceptionId, note: 'looked at it' },
      { lang: 'en', session: signIn.value.token },
    );
    expect(byViewer).toMatchObject({ ok: false, error: { code: 'ROLE_REQUIRED' } });
    const empty = await c.call('carol', 'resolveReconciliationException', { exceptionId, note: '  ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const note = 'Provider confirmed a 1 fen fee; booked separately.';
    const resolved = await c.ok('carol', 'resolveReconciliationException', { exceptionId, note });
    expect(resolved).toMatchObject({ id: exceptionId, resolved_by: 'carol', resolution_note: note });
    expect(resolved.resolved_at).toEqual(expect.any(String));

    const entry = (await changesOf(c)).find((e) => e.action === 'reconcile.resolve');
    expect(entry).toMatchObject({
      actor: 'carol',
      batch_id: batchId,
      details: {
        run_id: result.run.id,
        exception_id: exceptionId,
        kind: 'amount_mismatch',
        payment_id: 'REC-3',
        note,
      },
    });

    const again = await c.call('dave', 'resolveReconciliationException', { exceptionId, note: 'mine' });
    expect(again).toMatchObject({ ok: false, error: { code: 'RECONCILIATION_EXCEPTION_RESOLVED' } });
    const run = await c.ok(null, 'reconciliationRun', { runId: result.run.id });
    expect(run.run.open_exceptions).toBe(0);
    expect(run.exceptions[0]).toMatchObject({ resolved_by: 'carol', resolution_note: note });
    expect((await changesOf(c)).filter((e) => e.action === 'reconcile.resolve')).toHaveLength(1);
    const missing = await c.call('carol', 'resolveReconciliationException', { exceptionId: 999, note });
    expect(missing).toMatchObject({ ok: false, error: { code: 'RECONCILIATION_EXCEPTION_NOT_FOUND' } });
  });
});
