/**
 * Pay what was approved, to the provider it was approved for, once — or nothing. Each reproduction of the
 * issue of that name, through the application layer on real SQLite files against real HTTP Gates.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeKnownError } from '../../electron/core/app/errors.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, type TestConsole } from './appHarness.js';
import { auditTrail, fastSending, row, rowsFile } from './appFiles.js';
import { waitUntil } from './consoleSupport.js';

const open = consolesPerTest();

let gate: RunningSandbox;
let production: RunningSandbox;
const PRODUCTION_KEY = 'approved-test-production-key';
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
  production = await startSandbox({ port: 0, finalAfterMs: 50, projectId: 4211, secretKey: PRODUCTION_KEY });
});
afterAll(async () => {
  await gate.close();
  await production.close();
});

const alice = 'alice';
const bob = 'bob';

/** Imports `rows` and has bob approve them; returns the batch id. */
async function approvedBatch(c: TestConsole, name: string, rows: string[]): Promise<number> {
  const imported = await c.ok(alice, 'importFile', { file: rowsFile(name, rows) });
  if (imported.batch_id === null) throw new Error(`refused: ${imported.refused?.message}`);
  await c.ok(bob, 'approveBatch', { batchId: imported.batch_id });
  return imported.batch_id;
}

/** An error thrown by a run, as its code. */
async function codeOf(run: Promise<unknown>): Promise<string | null> {
  return run.then(
    () => null,
    (error: unknown) => describeKnownError(error, 'en')?.code ?? String(error),
  );
}

describe('1. a batch remembers where it was sent', () => {
  it('a run after a production submit follows the batch to production, and one naming another is refused', async () => {
    const c = await open({
      sending: {
        ...fastSending(production.url),
        environment: 'production',
        timing: { statusDelayMs: 10_000 },
      },
    });
    await c.ok('admin', 'setCredentials', {
      environment: 'production',
      projectId: 4211,
      secretKey: PRODUCTION_KEY,
    });
    const batchId = await approvedBatch(c, 'prod.csv', [row('ENV-1', '100.00'), row('ENV-2', '200.00')]);
    await c.ok(bob, 'submitBatch', { batchId });
    await c.runtime.close();

    // The desktop app (no options: its settings say sandbox) resumes the batch where it was sent.
    const desktop = await open({ dir: c.dir });
    expect((await desktop.ok(null, 'getSettings', undefined)).environment).toBe('sandbox');
    desktop.runtime.sending.start();
    await waitUntil(() => production.ledger().length === 2, 10_000, 'both payouts at production');
    await desktop.runtime.close();
    expect(
      production
        .ledger()
        .map((entry) => entry.payment_id)
        .sort(),
    ).toEqual(['ENV-1', 'ENV-2']);
    expect(gate.ledger().filter((entry) => entry.payment_id.startsWith('ENV-'))).toEqual([]);

    // A run that names the sandbox for that batch is refused and sends nothing.
    const elsewhere = await open({ dir: c.dir, sending: fastSending(gate.url) });
    expect(await codeOf(elsewhere.runtime.sending.run({ wait: false }))).toBe('ENVIRONMENT_MISMATCH');
    expect(await codeOf(elsewhere.runtime.sending.recheck(batchId))).toBe('ENVIRONMENT_MISMATCH');
    expect(gate.ledger().filter((entry) => entry.payment_id.startsWith('ENV-'))).toEqual([]);
  });

  it('a bound production batch whose credentials were replaced by another project stops, sending nothing', async () => {
    const c = await open({
      sending: {
        ...fastSending(production.url),
        environment: 'production',
        timing: { statusDelayMs: 10_000 },
      },
    });
    await c.ok('admin', 'setCredentials', {
      environment: 'production',
      projectId: 4211,
      secretKey: PRODUCTION_KEY,
    });
    const batchId = await approvedBatch(c, 'swap.csv', [row('SWAP-1', '100.00')]);
    await c.ok(bob, 'submitBatch', { batchId });
    await c.ok('admin', 'setCredentials', {
      environment: 'production',
      projectId: 9999,
      secretKey: 'another-project-key',
      replace: true,
    });
    expect(await codeOf(c.runtime.sending.run({ wait: false }))).toBe('ENVIRONMENT_MISMATCH');
    expect(production.ledger().filter((entry) => entry.payment_id.startsWith('SWAP-'))).toEqual([]);
    expect((await c.ok(null, 'batchStatus', { batchId })).counts).toEqual({ queued: 1 });
  });
});

describe('2. the provider’s word is checked against ours', () => {
  it('a payment id registered elsewhere at another amount is PROVIDER_MISMATCH with both values, never success', async () => {
    // Two databases import the same payment id, at 100.00 and at 44,000.00, for the same Gate.
    const first = await open({ sending: fastSending(gate.url) });
    const second = await open({ sending: fastSending(gate.url) });
    const a = await approvedBatch(first, 'a.csv', [row('PO-0001', '100.00')]);
    const b = await approvedBatch(second, 'b.csv', [row('PO-0001', '44000.00')]);
    await first.ok(bob, 'submitBatch', { batchId: a });
    await first.runtime.sending.run({ batchIds: [a], wait: true });
    await second.ok(bob, 'submitBatch', { batchId: b });
    await second.runtime.sending.run({ batchIds: [b], wait: true });

    expect((await first.ok(null, 'batchStatus', { batchId: a })).rows[0]).toMatchObject({
      status: 'success',
    });
    const [payout] = (await second.ok(null, 'batchStatus', { batchId: b })).rows;
    expect(payout).toMatchObject({
      payment_id: 'PO-0001',
      status: 'needs_attention',
      code: 'PROVIDER_MISMATCH',
    });
    expect(payout?.message).toBe(
      'the provider reports another payment: amount: provider 100.00, journal 44,000.00',
    );
    expect(payout?.reason).toContain('100.00');
    // The provider has one payment under that id: the first, at 100.00.
    expect(gate.ledger().filter((entry) => entry.payment_id === 'PO-0001')).toEqual([
      expect.objectContaining({ amount: 10_000 }),
    ]);
  });

  it('ids the console generates carry the installation’s id: two databases never generate the same', async () => {
    const header = 'amount,currency,card_number,bank_id,region_id,last_name,first_name';
    const file = {
      name: 'noids.csv',
      bytes: new TextEncoder().encode(`${header}\n100.00,CNY,6228481234567890128,1,5,张,伟\n`),
    };
    const ids: string[] = [];
    for (const c of [await open(), await open()]) {
      const report = await c.ok(alice, 'validateFile', { file });
      const installation = new BetterSqlite3(c.dbPath, { readonly: true });
      const id = installation
        .prepare(`SELECT value FROM meta WHERE key = 'installation_id'`)
        .pluck()
        .get() as string;
      installation.close();
      const generated = report.rows[0]?.payment_id ?? '';
      expect(generated).toMatch(new RegExp(`^CUP-${id.toUpperCase()}-\\d{8}-[0-9A-F]{10}-000002$`));
      ids.push(generated.split('-')[1] as string);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('3. what is sent is what was approved', () => {
  it('a payout changed in the database after approval: nothing is sent, the batch is blocked and audited', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await approvedBatch(c, 'edit.csv', [row('EDIT-1', '100.00'), row('EDIT-2', '200.00')]);
    // Someone edits the file: more money, another card.
    const db = new BetterSqlite3(c.dbPath);
    db.prepare(
      `UPDATE payouts SET amount_fen = 4499900, card_number = '6228480000000000017' WHERE payment_id = 'EDIT-2'`,
    ).run();
    db.close();

    await c.ok(bob, 'submitBatch', { batchId });
    const summary = await c.runtime.sending.run({ batchIds: [batchId], wait: false });
    expect(summary).toMatchObject({ sent: 0, blockedBatches: [batchId] });
    expect(gate.ledger().filter((entry) => entry.payment_id.startsWith('EDIT-'))).toEqual([]);
    const status = await c.ok(null, 'batchStatus', { batchId });
    expect(status).toMatchObject({ batch_status: 'blocked', counts: { queued: 2 } });
    const blocked = (await auditTrail(c, batchId)).find((entry) => entry.action === 'batch.blocked');
    expect(blocked).toMatchObject({
      actor: 'console',
      details: {
        code: 'APPROVAL_CONTENT_CHANGED',
        approved: { payout_count: 2, total_fen: 30_000 },
        found: { payout_count: 2, total_fen: 4_509_900 },
      },
    });
    expect(c.events).toContainEqual({
      type: 'engine.error',
      code: 'APPROVAL_CONTENT_CHANGED',
      message: expect.stringContaining(`Batch ${batchId} changed after it was approved`),
    });
    // A blocked batch can only be cancelled; it is never sent.
    expect((await c.ok('carol', 'cancelBatch', { batchId })).cancelled_payouts).toBe(2);
  });
});

describe('4. a damaged or foreign database is refused', () => {
  it('another application’s SQLite file is refused untouched', async () => {
    const c = await open();
    await c.runtime.close();
    const foreign = `${c.dir}/other.sqlite`;
    const other = new BetterSqlite3(foreign);
    other.exec(
      `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')`,
    );
    other.close();
    const before = readFileSync(foreign);
    const refused = await open({ dir: c.dir, databaseFile: 'other.sqlite' }).then(
      () => null,
      (error: unknown) => describeKnownError(error, 'en'),
    );
    expect(refused).toMatchObject({ code: 'NOT_A_CONSOLE_DATABASE', kind: 'unavailable' });
    expect(refused?.message).toContain('Nothing was changed');
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });

  it('a damaged file is refused at open, saying what to do', async () => {
    const c = await open();
    await c.ok(alice, 'importFile', { file: rowsFile('d.csv', [row('DMG-1', '100.00')]) });
    await c.runtime.close();
    damage(c.dbPath);
    const refused = await open({ dir: c.dir }).then(
      () => null,
      (error: unknown) => describeKnownError(error, 'en'),
    );
    expect(refused).toMatchObject({ code: 'DATABASE_DAMAGED' });
    expect(refused?.message).toContain('Nothing was changed and nothing was sent. Restore the last backup');
  });

  it('a backup is a whole console database; it never overwrites a file', async () => {
    const c = await open();
    const batchId = (await c.ok(alice, 'importFile', { file: rowsFile('b.csv', [row('BAK-1', '100.00')]) }))
      .batch_id;
    const destination = `${c.dir}/backup.sqlite`;
    const made = await c.ok('carol', 'backupDatabase', { destination });
    expect(made.destination).toBe(destination);
    expect(made.pages).toBeGreaterThan(0);
    expect(await c.call('carol', 'backupDatabase', { destination })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_EXISTS' },
    });
    const copy = await open({ dir: c.dir, databaseFile: 'backup.sqlite' });
    expect((await copy.ok(null, 'listBatches', undefined)).map((b) => b.id)).toEqual([batchId]);
    expect((await auditTrail(c)).at(-1)).toMatchObject({ actor: 'carol', action: 'database.backup' });
  });
});

describe('5. outcomes are told plainly', () => {
  it('a provider that cannot be reached at all stops the run; nothing is lost, the batch resumes later', async () => {
    const closed = await startSandbox({ port: 0 });
    const url = closed.url;
    await closed.close();
    const c = await open({ sending: fastSending(url) });
    const batchId = await approvedBatch(c, 'down.csv', [row('DOWN-1', '100.00'), row('DOWN-2', '200.00')]);
    await c.ok(bob, 'submitBatch', { batchId });
    const summary = await c.runtime.sending.run({ batchIds: [batchId], wait: true });
    expect(summary).toMatchObject({
      stoppedBy: 'unreachable',
      unreachable: expect.stringContaining('ECONNREFUSED'),
    });
    // Not "unknown": the requests never left, so the payouts are simply still to be sent.
    expect((await c.ok(null, 'batchStatus', { batchId })).counts).toEqual({ queued: 2 });
    expect(c.events).toContainEqual(
      expect.objectContaining({ type: 'engine.error', code: 'PROVIDER_UNREACHABLE' }),
    );

    // The provider is back at the same address: the batch resumes and is paid.
    const back = await startSandbox({ port: Number(new URL(url).port), finalAfterMs: 50 });
    try {
      await c.runtime.sending.run({ batchIds: [batchId], wait: true });
      expect((await c.ok(null, 'batchStatus', { batchId })).counts).toEqual({ success: 2 });
      expect(back.ledger().map((entry) => entry.requests)).toEqual([1, 1]);
    } finally {
      await back.close();
    }
  });
});

/** Overwrites the type byte of a b-tree page in the middle of the file: SQLite's quick check then fails. */
function damage(file: string): void {
  const checkpoint = new BetterSqlite3(file);
  checkpoint.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = checkpoint.pragma('page_size', { simple: true }) as number;
  const pages = checkpoint.pragma('page_count', { simple: true }) as number;
  checkpoint.close();
  const fd = openSync(file, 'r+');
  try {
    // Every page after the first starts with its b-tree type; 0x00 is no valid type.
    for (let page = 2; page <= pages; page++)
      writeSync(fd, Buffer.from([0x00, 0xff, 0xff]), 0, 3, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
