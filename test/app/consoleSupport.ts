/**
 * Helpers for the application-layer tests of credentials, settings, banks and errors: reading the database
 * file behind a console directly (as an attacker or a support engineer would), waiting for events, and
 * driving a batch to `sending` without running the engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { AuditEntryView } from '../../electron/contract/records.js';
import type { Caller } from '../../electron/core/app/context.js';
import type { TestConsole } from './appHarness.js';
import { payoutFile, TEST_PASSWORD } from './appHarness.js';

/** Runs `fn` on a second, plain connection to the console's database file, then closes it. */
export function withDatabase<T>(dbPath: string, fn: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(dbPath, { timeout: 5_000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The bytes of the database file and, when there is one, of its write-ahead log. */
export function databaseBytes(dbPath: string): Buffer[] {
  const files = [dbPath, `${dbPath}-wal`].filter((path) => existsSync(path));
  return files.map((path) => readFileSync(path));
}

/** The console's whole audit trail, oldest first. */
export async function auditOf(c: TestConsole): Promise<AuditEntryView[]> {
  return c.ok(null, 'auditTrail', undefined);
}

/** What the harness writes setting a console up: the key, the accounts it makes and their sign-ins. */
const SETUP_ACTIONS = new Set([
  'key.create',
  'users.init',
  'users.add',
  'auth.sign_in',
  'auth.sign_in_failed',
]);

/** The audit trail (of one batch, or all) without the harness's setup entries: what the operations wrote. */
export async function changesOf(c: TestConsole, batchId?: number): Promise<AuditEntryView[]> {
  const trail = await c.ok(null, 'auditTrail', batchId === undefined ? undefined : { batchId });
  return trail.filter((entry) => !SETUP_ACTIONS.has(entry.action));
}

/** Nobody signed in, reading as the command line does. */
export const reader = (lang: Caller['lang'] = 'en'): Caller => ({
  lang,
  session: null,
  readsWithoutSession: true,
});

/** `name` signed in (an account of every role, made by the harness on first use): a caller with its session. */
export async function signedIn(c: TestConsole, name: string, lang: Caller['lang'] = 'en'): Promise<Caller> {
  await c.ok(name, 'currentSession', undefined);
  const signIn = await c.runtime.app.call(
    'signIn',
    { name, password: TEST_PASSWORD },
    { lang, session: null },
  );
  if (!signIn.ok) throw new Error(`signIn ${name}: ${signIn.error.code}`);
  return { lang, session: signIn.value.token };
}

/** The error log's entries (one JSON object a line); empty when nothing was logged. */
export function errorLogEntries(c: TestConsole): Array<Record<string, unknown>> {
  const path = c.runtime.errors.path;
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The error log's text; '' when nothing was logged. */
export function errorLogText(c: TestConsole): string {
  const path = c.runtime.errors.path;
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true; fails after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Imports (alice), approves (bob) and submits (alice) a batch of `rows` rows with payment ids `${prefix}-n`;
 * returns its id. Nothing is sent: the engine does not run unless a test runs it.
 */
export async function submittedBatch(c: TestConsole, prefix: string, rows = 3): Promise<number> {
  const imported = await c.ok('alice', 'importFile', { file: payoutFile(rows, prefix) });
  const batchId = imported.batch_id;
  if (batchId === null) throw new Error(`import refused: ${JSON.stringify(imported.refused)}`);
  await c.ok('bob', 'approveBatch', { batchId });
  await c.ok('alice', 'submitBatch', { batchId });
  return batchId;
}
