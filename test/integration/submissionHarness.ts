/**
 * Shared set-up for submission tests: a real SQLite file, a real sandbox over HTTP, the real engine behind
 * the real application layer.
 */
import { protector, storeProtection } from '../../electron/core/app/payeeProtection.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '../../electron/core/app/context.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import type { SendingOverrides } from '../../electron/core/app/sendingConfig.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { createEcommpayProvider } from '../../electron/core/providers/ecommpay/provider.js';
import { sandboxEndpoint } from '../../electron/core/providers/ecommpay/endpoints.js';
import { withSealedPayees } from '../../electron/core/providers/sealedPayees.js';
import type { PayoutProvider } from '../../electron/core/providers/types.js';
import {
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
  unwrapKeyWithPassphrase,
  type InstallationKeys,
} from '../../electron/core/security/index.js';
import { openDatabase, type Database } from '../../electron/core/store/sqlite/database.js';
import { sqliteStore } from '../../electron/core/store/sqlite/index.js';
import type { ConsoleStore } from '../../electron/core/store/ports.js';
import type { PayeeProtector } from '../../electron/core/store/types.js';
import { SubmissionEngine } from '../../electron/core/submission/engine.js';
import type { SubmissionTiming } from '../../electron/core/submission/config.js';
import type { LedgerEntry } from '../../electron/sandbox/index.js';
import { withLuhnDigit } from '../fixtures/payoutFile.js';
import { prepareDatabase, TEST_PASSPHRASE, TEST_PASSWORD } from './cliProcess.js';

export { TEST_PASSPHRASE, TEST_PASSWORD };

export const reference = loadReferenceData(SOURCE_REFERENCE_DIR);

/** Fast timing for tests against the sandbox (production waits ≥ 10 s before a status query). */
export const FAST_TIMING: SubmissionTiming = {
  statusDelayMs: 100,
  pollInitialMs: 50,
  pollMaxMs: 300,
  notFoundGraceMs: 1_000,
  notFoundConfirmations: 2,
  thresholdMs: 120_000,
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The cells after the name in payoutCsv(): the payee's phone and email, bank branch and city, address. */
const PAYEE_TAIL = '13800138000,zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金';

/**
 * A payout file of `count` valid rows, each complete for the provider (payee contact, bank branch and
 * address: seeds 000-002). Every 10th row pays 400.00 or 404.00 CNY, which the sandbox declines (the
 * seeds' test rule); the rest succeed.
 */
export function payoutCsv(count: number, prefix: string): string {
  const lines = [
    'payment_id,amount,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
  ];
  for (let i = 1; i <= count; i++) {
    const amount =
      i % 20 === 0
        ? '400.00'
        : i % 10 === 0
          ? '404.00'
          : `${10 + (i % 4000)}.${String(i % 100).padStart(2, '0')}`;
    const pan = withLuhnDigit(`622848${String(i).padStart(12, '0')}`);
    lines.push(
      `${prefix}-${String(i).padStart(6, '0')},${amount},${pan},1,${1 + (i % 34)},张,伟,${PAYEE_TAIL}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The console a shell would open on `dbPath` (unlocked with TEST_PASSPHRASE), with this run's sending options. */
export function openTestConsole(dbPath: string, sending: SendingOverrides = {}): Promise<ConsoleRuntime> {
  return openConsole({
    databasePath: dbPath,
    version: 'test',
    logDir: join(dbPath, '..', 'logs'),
    keySources: { passphrase: async () => TEST_PASSPHRASE, passphraseAvailable: () => true },
    sending,
  });
}

/** `name` signed in on `runtime` (every prepared account has TEST_PASSWORD): the caller to act as them. */
export async function signedIn(runtime: ConsoleRuntime, name: string): Promise<Caller> {
  const result = await runtime.app.call(
    'signIn',
    { name, password: TEST_PASSWORD },
    { lang: 'en', session: null },
  );
  if (!result.ok) throw new Error(`signIn ${name}: ${result.error.code} ${result.error.message}`);
  return { lang: 'en', session: result.value.token };
}

/**
 * Makes a console database with its accounts (prepareDatabase: alice an operator, bob an approver), then
 * imports (alice), approves (bob, the second person) and submits (alice) a batch through the application
 * layer; returns its id. The batch is bound to `gateUrl` (a sandbox's address), where every later run sends
 * it; submitting builds the provider adapter but sends nothing.
 */
export async function sendingBatch(
  dbPath: string,
  count: number,
  prefix: string,
  gateUrl = 'http://127.0.0.1:9',
): Promise<number> {
  await prepareDatabase(dbPath);
  const runtime = await openTestConsole(dbPath, { gateUrl });
  try {
    const alice = await signedIn(runtime, 'alice');
    const bob = await signedIn(runtime, 'bob');
    const bytes = new TextEncoder().encode(payoutCsv(count, prefix));
    const imported = await runtime.app.call('importFile', { file: { name: `${prefix}.csv`, bytes } }, alice);
    if (!imported.ok || imported.value.batch_id === null)
      throw new Error(`import refused: ${JSON.stringify(imported)}`);
    const batchId = imported.value.batch_id;
    for (const [name, caller] of [
      ['approveBatch', bob],
      ['submitBatch', alice],
    ] as const) {
      const result = await runtime.app.call(name, { batchId }, caller);
      if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
    }
    return batchId;
  } finally {
    await runtime.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The installation key, for tests that use the store and the engine without the application layer

/** An installation key's derived keys and the payee-data cipher over them. */
export interface TestKeys {
  keys: InstallationKeys;
  fields: ReturnType<typeof createFieldCipher>;
}

/** A fresh installation key (store tests on a database no console made). */
export function newTestKeys(): TestKeys {
  const keys = deriveKeys(generateInstallationKey());
  return { keys, fields: createFieldCipher(keys) };
}

/** The key of a database made by prepareDatabase (or `init`), unwrapped with its passphrase. */
export async function keysOf(store: ConsoleStore, passphrase = TEST_PASSPHRASE): Promise<TestKeys> {
  const wraps = await store.security.keyWraps();
  if (wraps.passphrase === null)
    throw new Error('this database has no installation key wrapped by a passphrase');
  const keys = deriveKeys(await unwrapKeyWithPassphrase(wraps.passphrase, passphrase));
  return { keys, fields: createFieldCipher(keys) };
}

/**
 * Unlocks the store with `keys` as the console does (app/keyring.ts adopt): audit entries are chained from
 * now on (nothing audited can be written before), and data stored before protection existed is protected.
 */
export async function unlockStore(store: ConsoleStore, { keys, fields }: TestKeys): Promise<void> {
  const { chainer, protection } = storeProtection(keys, fields);
  await store.security.unlock(chainer, protection);
}

/** unlockStore for a test that works on a raw connection (the store functions over `db`). */
export async function unlockDatabase(db: Database, keys: TestKeys): Promise<void> {
  await unlockStore(sqliteStore(db, 'test'), keys);
}

/** The store over the database at `dbPath`, unlocked with the key its passphrase opens (prepareDatabase). */
export async function openUnlockedStore(dbPath: string): Promise<{ store: ConsoleStore; keys: TestKeys }> {
  const db = openDatabase(dbPath);
  const store = sqliteStore(db, dbPath);
  try {
    const keys = await keysOf(store);
    await unlockStore(store, keys);
    return { store, keys };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** How the import seals payee data as the store writes each row (app/payeeProtection.ts protector). */
export function protectorOf({ fields }: TestKeys): PayeeProtector {
  return protector({ fields });
}

/** The ecommpay adapter pointed at a sandbox, as the composition root builds it. */
export function sandboxProvider(sandboxUrl: string, concurrency = 8): PayoutProvider {
  return createEcommpayProvider(sandboxEndpoint(sandboxUrl), {
    concurrency,
    // The grace before trusting "not found" is at least the request timeout (a late request may still land).
    timeoutMs: 1_000,
    payoutDefaults: { customerIp: '127.0.0.1', country: 'CN' },
    regions: new Map(reference.regions.map((r) => [r.id, r])),
  });
}

/**
 * The real engine over a store's journal and a provider, wired as the application wires it (app/sending.ts
 * connect): the provider opens each payout's sealed payee data just before building its request, and
 * approvals are checked under the key's approval key.
 */
export function engineFor(
  store: ConsoleStore,
  provider: PayoutProvider,
  { keys, fields }: TestKeys,
  timing: SubmissionTiming = FAST_TIMING,
  concurrency = 8,
): SubmissionEngine {
  return new SubmissionEngine({
    journal: store.journal,
    provider: withSealedPayees(provider, fields),
    approvalKey: keys.approval,
    timing,
    concurrency,
  });
}

export interface JournalRow {
  payment_id: string;
  state: string;
  amount_fen: number;
  send_attempts: number;
}

export function journalRows(db: Database, batchId: number): JournalRow[] {
  return db
    .prepare(
      'SELECT payment_id, state, amount_fen, send_attempts FROM payouts WHERE batch_id = ? ORDER BY id',
    )
    .all(batchId) as JournalRow[];
}

/** A second, read-and-inspect connection to the test's database file. */
export function openDb(dir: string): Database {
  return openDatabase(join(dir, 'console.sqlite'));
}

/** Sum of amounts per status, from either side. */
export function sumsByStatus(
  rows: Array<{ status: string; amount: number }>,
): Record<string, { count: number; fen: number }> {
  const sums: Record<string, { count: number; fen: number }> = {};
  for (const { status, amount } of rows) {
    const entry = (sums[status] ??= { count: 0, fen: 0 });
    entry.count++;
    entry.fen += amount;
  }
  return sums;
}

/** The never-pay-twice invariants between the console's journal and the provider's ledger. */
export function checkAgainstLedger(rows: JournalRow[], ledger: LedgerEntry[]) {
  const byId = new Map(ledger.map((entry) => [entry.payment_id, entry]));
  return {
    /** Console rows the provider does not have. */
    lost: rows.filter((row) => !byId.has(row.payment_id)).map((row) => row.payment_id),
    /** Payment ids the provider received a payout request for after it already had them. */
    duplicates: ledger
      .filter((entry) => entry.requests_after_registered > 0)
      .map((entry) => entry.payment_id),
    /** Rows whose final status differs from the provider's. */
    mismatched: rows
      .filter((row) => byId.get(row.payment_id)?.status !== row.state)
      .map((row) => row.payment_id),
    console: sumsByStatus(rows.map((row) => ({ status: row.state, amount: row.amount_fen }))),
    provider: sumsByStatus(ledger.map((entry) => ({ status: entry.status, amount: entry.amount }))),
  };
}
