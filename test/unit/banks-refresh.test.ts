import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestBankList, refreshBankList } from '../../electron/core/banks/index.js';
import { sandboxEndpoint } from '../../electron/core/environments.js';
import { GateClient } from '../../electron/core/gate/client.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import { listAudit } from '../../electron/core/store/audit.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';

let sandbox: RunningSandbox;
let client: GateClient;
let dir: string;
let db: Database;
const reference = loadReferenceData(SOURCE_REFERENCE_DIR);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  client = new GateClient(sandboxEndpoint(sandbox.url), {
    payoutDefaults: { customerIp: '127.0.0.1', country: 'CN' },
  });
});
afterAll(async () => {
  client.close();
  await sandbox.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-banks-unit-'));
  db = openDatabase(join(dir, 'console.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The shipped quickpay table as a console with an older table would have it: one bank Gate now lists is
 * missing, one bank Gate no longer lists is still there, one bank carries an old name.
 */
function olderReference(): ReferenceData {
  const quickpay = reference.methods.get('cup-quickpay')!;
  // The first bank is left out.
  const [, second, ...rest] = quickpay.banks;
  const banks = [{ ...second!, name: 'Old Name Bank' }, ...rest, { id: 99_999, name: 'Closed Village Bank' }];
  const methods = new Map(reference.methods);
  methods.set('cup-quickpay', { ...quickpay, banks });
  return { ...reference, methods };
}

describe('refreshBankList', () => {
  it('diffs Gate’s list against the shipped table it is given and stores both', async () => {
    const shipped = reference.methods.get('cup-quickpay')!.banks;
    const [first, second] = shipped;
    const result = await refreshBankList(db, client, olderReference(), 'cup-quickpay', {
      user: 'alice',
      environment: 'sandbox',
      now: () => Date.parse('2025-03-01T08:00:00.000Z'),
    });

    expect(result).toMatchObject({
      ok: true,
      method: 'cup-quickpay',
      fetchedAt: '2025-03-01T08:00:00.000Z',
      count: shipped.length,
      skipped: 0,
      diff: {
        added: [{ id: first!.id, name: first!.name }],
        removed: [{ id: 99_999, name: 'Closed Village Bank' }],
        renamed: [{ id: second!.id, from: 'Old Name Bank', to: second!.name }],
      },
    });

    const stored = latestBankList(db, 'cup-quickpay');
    expect(stored).toMatchObject({
      method: 'cup-quickpay',
      fetchedBy: 'alice',
      environment: 'sandbox',
      fetchedAt: '2025-03-01T08:00:00.000Z',
    });
    expect(stored!.diff).toEqual(result.ok && result.diff);
    // The stored shape: no currency, no empty abbr; the sandbox's limits read as min/max.
    expect(stored!.banks[0]).toEqual({
      id: first!.id,
      name: first!.name,
      nativeName: first!.name,
      minAmount: 1000,
      maxAmount: 4_499_900,
    });
  });

  it('writes one banks.refresh audit row with counts only', async () => {
    await refreshBankList(db, client, olderReference(), 'cup-quickpay', {
      user: 'alice',
      environment: 'sandbox',
    });
    const audit = listAudit(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'alice', action: 'banks.refresh', batch_id: null });
    expect(audit[0]!.details).toEqual({
      bank_list_id: latestBankList(db, 'cup-quickpay')!.id,
      method: 'cup-quickpay',
      environment: 'sandbox',
      count: reference.methods.get('cup-quickpay')!.banks.length,
      skipped: 0,
      added: 1,
      removed: 1,
      renamed: 1,
    });
    expect(JSON.stringify(audit[0]!.details)).not.toContain('Closed Village Bank');
  });

  it('latestBankList returns the newest fetch of the method, and null before any', async () => {
    expect(latestBankList(db, 'cup-p2p')).toBeNull();
    const at = (iso: string) => ({
      user: 'alice',
      environment: 'sandbox' as const,
      now: () => Date.parse(iso),
    });
    await refreshBankList(db, client, reference, 'cup-p2p', at('2025-03-02T00:00:00.000Z'));
    await refreshBankList(db, client, olderReference(), 'cup-quickpay', at('2025-03-03T00:00:00.000Z'));
    await refreshBankList(db, client, reference, 'cup-p2p', at('2025-03-01T00:00:00.000Z'));

    expect(latestBankList(db, 'cup-p2p')?.fetchedAt).toBe('2025-03-02T00:00:00.000Z');
    expect(latestBankList(db, 'cup-quickpay')?.fetchedAt).toBe('2025-03-03T00:00:00.000Z');
    expect(latestBankList(db, 'cup-banks')).toBeNull();
  });

  it('refuses a refresh without a user before asking Gate', async () => {
    await expect(
      refreshBankList(db, client, reference, 'cup-p2p', { user: '  ', environment: 'sandbox' }),
    ).rejects.toThrow(/user/);
    expect(db.prepare('SELECT count(*) FROM bank_lists').pluck().get()).toBe(0);
  });
});
