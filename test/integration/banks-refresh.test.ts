import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestBankList, refreshBankList } from '../../electron/core/banks/index.js';
import { sandboxEndpoint } from '../../electron/core/environments.js';
import { GateClient } from '../../electron/core/gate/client.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { listAudit } from '../../electron/core/store/audit.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { METHOD_IDS } from '../../electron/core/types.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';

const PAYOUT_DEFAULTS = { customerIp: '127.0.0.1', country: 'CN' };
const reference = loadReferenceData(SOURCE_REFERENCE_DIR);

let sandbox: RunningSandbox;
let dir: string;
let dbPath: string;
let db: Database;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-banks-'));
  dbPath = join(dir, 'console.sqlite');
  db = openDatabase(dbPath);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port nothing listens on any more. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('bank list refresh against the sandbox', () => {
  it('stores each method’s list; the sandbox serves the shipped tables, so every diff is empty', async () => {
    const client = new GateClient(sandboxEndpoint(sandbox.url), { payoutDefaults: PAYOUT_DEFAULTS });
    try {
      for (const method of METHOD_IDS) {
        const shipped = reference.methods.get(method)!.banks;
        const result = await refreshBankList(db, client, reference, method, {
          user: 'bob',
          environment: 'sandbox',
        });
        expect(result).toMatchObject({ ok: true, method, count: shipped.length, skipped: 0 });
        expect(result.ok && result.diff).toEqual({ added: [], removed: [], renamed: [] });

        const stored = latestBankList(db, method)!;
        expect(stored.banks.map(({ id, name }) => ({ id, name }))).toEqual(shipped);
        expect(stored).toMatchObject({ fetchedBy: 'bob', environment: 'sandbox' });
        expect(stored.fetchedAt).toBe(result.ok && result.fetchedAt);
      }
    } finally {
      client.close();
    }

    // Read back through a second connection: the rows are committed to the file.
    const again = openDatabase(dbPath);
    try {
      const rows = again
        .prepare(
          'SELECT method, fetched_by, environment, json_array_length(banks) AS n FROM bank_lists ORDER BY id',
        )
        .all();
      expect(rows).toEqual(
        METHOD_IDS.map((method) => ({
          method,
          fetched_by: 'bob',
          environment: 'sandbox',
          n: reference.methods.get(method)!.banks.length,
        })),
      );
    } finally {
      again.close();
    }
    const audit = listAudit(db);
    expect(audit.map((entry) => [entry.action, entry.details['method'], entry.details['added']])).toEqual(
      METHOD_IDS.map((method) => ['banks.refresh', method, 0]),
    );
  });

  it('keeps nothing when the fetch fails, and returns the detail', async () => {
    const client = new GateClient(sandboxEndpoint(await closedPortUrl()), {
      payoutDefaults: PAYOUT_DEFAULTS,
      timeoutMs: 5_000,
    });
    try {
      const result = await refreshBankList(db, client, reference, 'cup-p2p', {
        user: 'bob',
        environment: 'sandbox',
      });
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ method: 'cup-p2p', detail: expect.stringMatching(/\S/) });
    } finally {
      client.close();
    }
    expect(db.prepare('SELECT count(*) FROM bank_lists').pluck().get()).toBe(0);
    expect(listAudit(db)).toEqual([]);
    expect(latestBankList(db, 'cup-p2p')).toBeNull();
  });
});
