/**
 * The bench's console databases as the console makes them: an installation key (wrapped by a passphrase),
 * a first admin, and the accounts a run acts as, each with the roles its steps need. Making them costs a few
 * scrypt derivations, so it happens before any clock starts: what the bench times is importing and sending,
 * not creating accounts.
 */
import { copyFileSync, rmSync } from 'node:fs';
import type { Role } from '../electron/contract/records.js';
import type { Caller } from '../electron/core/app/context.js';
import type { KeySources } from '../electron/core/app/keyring.js';
import { openConsole, type ConsoleRuntime } from '../electron/core/app/runtime.js';

/** Long enough for the console's rules; never containing an account name. */
export const BENCH_PASSPHRASE = 'throughput passphrase 2026';
export const BENCH_PASSWORD = 'measured password 2026';
/** The first admin of every bench database. */
export const BENCH_ADMIN = 'bench-admin';

/** How the in-process bench unlocks the key: the passphrase, as the command line has it in its environment. */
export const BENCH_KEY_SOURCES: KeySources = {
  passphrase: async () => BENCH_PASSPHRASE,
  passphraseAvailable: () => true,
};

/** The environment of a `cup-payouts` command acting as a bench account (CUP_PAYOUTS_PASSPHRASE, CUP_PASSWORD). */
export function benchCliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CUP_PAYOUTS_PASSPHRASE: BENCH_PASSPHRASE, CUP_PASSWORD: BENCH_PASSWORD };
}

const NOBODY: Caller = { lang: 'en', session: null };

function valueOf<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
  what: string,
): T {
  if (!result.ok) throw new Error(`bench setup: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * Makes the installation key and the first admin of `runtime`'s new database, adds `users` with their roles,
 * and signs each of them in: their callers, by name.
 */
export async function setUpAccounts<N extends string>(
  runtime: ConsoleRuntime,
  users: Record<N, Role[]>,
): Promise<Record<N, Caller>> {
  const { app } = runtime;
  valueOf(
    await app.call(
      'initialise',
      { admin: BENCH_ADMIN, password: BENCH_PASSWORD, passphrase: BENCH_PASSPHRASE },
      NOBODY,
    ),
    'initialise',
  );
  const signIn = async (name: string): Promise<Caller> => {
    const signedIn = valueOf(
      await app.call('signIn', { name, password: BENCH_PASSWORD }, NOBODY),
      `sign in ${name}`,
    );
    return { lang: 'en', session: signedIn.token };
  };
  const admin = await signIn(BENCH_ADMIN);
  const callers = {} as Record<N, Caller>;
  for (const [name, roles] of Object.entries(users) as Array<[N, Role[]]>) {
    valueOf(await app.call('addUser', { name, roles, password: BENCH_PASSWORD }, admin), `add ${name}`);
    callers[name] = await signIn(name);
  }
  return callers;
}

/** A closed database file at `dbPath` with the key and `users`, for the command line to use. */
export async function prepareDatabase(
  dbPath: string,
  logDir: string,
  users: Record<string, Role[]>,
): Promise<void> {
  removeDatabase(dbPath);
  const runtime = await openConsole({
    databasePath: dbPath,
    version: 'bench',
    logDir,
    keySources: BENCH_KEY_SOURCES,
  });
  try {
    await setUpAccounts(runtime, users);
  } finally {
    // Closing checkpoints the write-ahead log: the file alone is the database.
    await runtime.close();
  }
}

/** A fresh copy of a prepared database (no -wal or -shm left by the template, which is closed). */
export function copyDatabase(template: string, dbPath: string): void {
  removeDatabase(dbPath);
  copyFileSync(template, dbPath);
}

export function removeDatabase(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
}
