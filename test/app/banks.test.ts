/**
 * Bank lists through the application layer: the shipped tables, and refreshing the lists from a real HTTP
 * Gate (the emulated provider, which serves the shipped tables) into a real SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankView, MethodId } from '../../electron/contract/records.js';
import { SOURCE_RESOURCES_DIR } from '../../electron/core/paths.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { changesOf, withDatabase } from './consoleSupport.js';

const METHODS: MethodId[] = ['cup-p2p', 'cup-quickpay', 'cup-banks'];

/**
 * The shipped table of a method, read from the file itself: each bank's ID and name, as the Gate lists
 * them (the file's own Chinese names, `name_zh`, are not the provider's).
 */
function shippedTable(method: MethodId): BankView[] {
  const path = join(SOURCE_RESOURCES_DIR, 'reference', `banks-${method}.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as { banks: BankView[] }).banks.map(({ id, name }) => ({
    id,
    name,
  }));
}

const EMPTY_DIFF = { added: [], removed: [], renamed: [] };

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const open = consolesPerTest();

const bankListRequests = () => sandbox.stats().requests['bank_list'] ?? 0;

function storedListRows(c: TestConsole) {
  return withDatabase(c.dbPath, (db) =>
    db
      .prepare<[], { method: string; fetched_by: string; environment: string; banks: string; diff: string }>(
        'SELECT method, fetched_by, environment, banks, diff FROM bank_lists ORDER BY id',
      )
      .all(),
  );
}

describe('shippedBanks', () => {
  it.each([
    ['cup-p2p', 169],
    ['cup-quickpay', 18],
  ] as const)('gives the shipped table of %s (%i banks)', async (method, count) => {
    const c = await open();
    const { method: named, banks } = await c.ok(null, 'shippedBanks', { method });
    expect(named).toBe(method);
    expect(banks).toHaveLength(count);
    expect(banks).toEqual(shippedTable(method).map(({ id, name }) => ({ id, name })));
    expect(new Set(banks.map((bank) => bank.id)).size).toBe(count);
  });

  it('refuses a method it does not know, naming the field', async () => {
    const c = await open();
    expect(await c.call(null, 'shippedBanks', { method: 'visa' as MethodId })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Invalid method: expected one of cup-p2p, cup-quickpay, cup-banks.',
      },
    });
  });
});

describe('refreshBanks', () => {
  it('stores each method’s list from the Gate, with an empty diff, and reads them back', async () => {
    // The embedded sandbox is ours: it is asked method by method, each with its own list.
    const c = await open();
    const result = await c.ok('bob', 'refreshBanks', undefined);

    expect(result.environment).toBe('sandbox');
    expect(result.failed).toEqual([]);
    expect(result.methods.map((entry) => entry.method)).toEqual(METHODS);
    const fetchedAt = result.methods[0]!.fetched_at;
    expect(fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const entry of result.methods) {
      expect(entry).toEqual({
        method: entry.method,
        fetched_at: fetchedAt,
        count: shippedTable(entry.method).length,
        skipped: 0,
        diff: EMPTY_DIFF,
      });
    }

    // What the file holds: each list as the Gate sent it, who fetched it, where from.
    const rows = storedListRows(c);
    expect(rows.map((row) => [row.method, row.fetched_by, row.environment])).toEqual(
      METHODS.map((method) => [method, 'bob', 'sandbox']),
    );
    for (const [i, method] of METHODS.entries()) {
      const banks = JSON.parse(rows[i]!.banks) as BankView[];
      expect(banks.map(({ id, name }) => ({ id, name }))).toEqual(shippedTable(method));
      expect(JSON.parse(rows[i]!.diff)).toEqual(EMPTY_DIFF);
    }

    expect(await c.ok(null, 'fetchedBanks', undefined)).toEqual({
      lists: METHODS.map((method) => ({
        method,
        fetched_at: fetchedAt,
        fetched_by: 'bob',
        environment: 'sandbox',
        count: shippedTable(method).length,
        diff: EMPTY_DIFF,
      })),
      missing: [],
    });
  });

  it('writes one banks.refresh audit entry with counts only, no bank names', async () => {
    // The embedded sandbox is ours: it is asked method by method, each with its own list.
    const c = await open();
    await c.ok('bob', 'refreshBanks', undefined);
    const audit = await changesOf(c);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'bob', action: 'banks.refresh', batch_id: null });
    expect(audit[0]!.details).toEqual({
      environment: 'sandbox',
      fetched: METHODS.map((method) => ({
        method,
        count: shippedTable(method).length,
        skipped: 0,
        added: 0,
        removed: 0,
        renamed: 0,
      })),
      failed: [],
    });
    const raw = JSON.stringify(audit);
    for (const method of METHODS)
      for (const bank of shippedTable(method)) expect(raw).not.toContain(bank.name);
  });

  it('lists the methods never fetched as missing', async () => {
    // The embedded sandbox is ours: it is asked method by method, each with its own list.
    const c = await open();
    expect(await c.ok(null, 'fetchedBanks', undefined)).toEqual({ lists: [], missing: METHODS });

    const result = await c.ok('bob', 'refreshBanks', { methods: ['cup-quickpay'] });
    expect(result.methods.map((entry) => entry.method)).toEqual(['cup-quickpay']);

    const all = await c.ok(null, 'fetchedBanks', undefined);
    expect(all.lists.map((list) => [list.method, list.count])).toEqual([['cup-quickpay', 18]]);
    expect(all.missing).toEqual(['cup-p2p', 'cup-banks']);
    expect(await c.ok(null, 'fetchedBanks', { methods: ['cup-p2p'] })).toEqual({
      lists: [],
      missing: ['cup-p2p'],
    });
  });

  it('asks a Gate named by URL at the documented path: it may be any emulation of the test project', async () => {
    // This project's documented path lists QuickPay's banks; the per-method path for P2P would list P2P's.
    const project = await startSandbox({ port: 0, chinaunionpayMethod: 'cup-quickpay' });
    try {
      const c = await open({ sending: { gateUrl: project.url } });
      const result = await c.ok('bob', 'refreshBanks', { methods: ['cup-p2p'] });
      expect(result.failed).toEqual([]);
      expect(result.methods.map((entry) => [entry.method, entry.count])).toEqual([
        ['cup-p2p', shippedTable('cup-quickpay').length],
      ]);
    } finally {
      await project.close();
    }
  });

  it('asks the Gate nothing without a signed-in person (SIGN_IN_REQUIRED)', async () => {
    const c = await open({ sending: { gateUrl: sandbox.url } });
    const before = bankListRequests();
    const result = await c.call(null, 'refreshBanks', undefined);
    expect(!result.ok && result.error.code).toBe('SIGN_IN_REQUIRED');
    expect(bankListRequests()).toBe(before);
    expect(storedListRows(c)).toEqual([]);
    expect(await changesOf(c)).toEqual([]);
  });

  it('asks the Gate nothing for a signed-in person who is not an admin (ROLE_REQUIRED)', async () => {
    const c = await open({ sending: { gateUrl: sandbox.url } });
    await c.ok(TEST_ADMIN, 'addUser', {
      name: 'olga',
      roles: ['operator', 'approver', 'viewer'],
      password: TEST_PASSWORD,
    });
    const before = bankListRequests();
    const result = await c.call('olga', 'refreshBanks', undefined);
    expect(!result.ok && result.error.code).toBe('ROLE_REQUIRED');
    expect(bankListRequests()).toBe(before);
    expect(storedListRows(c)).toEqual([]);
    expect(await changesOf(c)).toEqual([]);
  });

  it('returns every method as failed and stores no list when the Gate cannot be reached', async () => {
    const c = await open({
      sending: { gateUrl: 'http://127.0.0.1:9', timeoutMs: 1_000, timing: { notFoundGraceMs: 1_000 } },
    });
    const result = await c.ok('bob', 'refreshBanks', undefined);
    expect(result.methods).toEqual([]);
    expect(result.failed.map((entry) => entry.method)).toEqual(METHODS);
    for (const entry of result.failed) expect(entry.detail).toMatch(/\S/);

    expect(storedListRows(c)).toEqual([]);
    expect(await c.ok(null, 'fetchedBanks', undefined)).toEqual({ lists: [], missing: METHODS });
    // The attempt itself is on record, with what failed.
    const audit = await changesOf(c);
    expect(audit.map((entry) => [entry.action, entry.details])).toEqual([
      ['banks.refresh', { environment: 'sandbox', fetched: [], failed: METHODS }],
    ]);
  });
});
