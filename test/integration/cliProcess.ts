/**
 * The command line as users run it: a whole `cup-payouts` process, its exit code and both streams. The
 * environment is the test's own with LANG=C (English messages) and no CUP_PAYOUTS_DB, so a test names every
 * database it uses.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, LANG: 'C', CUP_PAYOUTS_DB: '', ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

/**
 * The command line as a person with no password in the environment runs it (CUP_PASSWORD and
 * CUP_NEW_PASSWORD cleared), the database's passphrase given: `env` adds what the command acts with.
 */
export function runCliWithPassphrase(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin = '',
): Promise<CliResult> {
  return runCli(
    args,
    { CUP_PASSWORD: '', CUP_NEW_PASSWORD: '', CUP_PAYOUTS_PASSPHRASE: TEST_PASSPHRASE, ...env },
    stdin,
  );
}

/** Sending options that make `submit --wait` quick against the embedded sandbox. */
export const FAST_SENDING = [
  '--status-delay-ms',
  '100',
  '--poll-initial-ms',
  '50',
  '--poll-max-ms',
  '200',
  '--not-found-grace-ms',
  '1000',
  '--timeout-ms',
  '1000',
];

/** The passphrase every test database is created with (CUP_PAYOUTS_PASSPHRASE). */
export const TEST_PASSPHRASE = 'cli tests passphrase 2026';
/** Every test account's password: strong enough for the rules, and never containing an account name. */
export const TEST_PASSWORD = 'console tests pass 2026';
/** The first admin of every prepared database. */
export const TEST_ADMIN = 'admin';

/** The environment of a command acting as a test account (its password), with the database's passphrase. */
export function asUser(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { CUP_PAYOUTS_PASSPHRASE: TEST_PASSPHRASE, CUP_PASSWORD: TEST_PASSWORD, ...env };
}

/**
 * A console database as `init --admin` makes it, with accounts: `users` maps each name to its roles (the
 * default gives alice an operator, bob and carol approvers). Made in-process through the application layer
 * (the same operations the CLI calls), which is much faster than one process per account.
 */
export async function prepareDatabase(
  db: string,
  users: Record<string, Array<'admin' | 'operator' | 'approver' | 'viewer'>> = {
    alice: ['operator'],
    bob: ['approver'],
    carol: ['approver'],
  },
): Promise<void> {
  const { openConsole } = await import('../../electron/core/app/runtime.js');
  const runtime = await openConsole({
    databasePath: db,
    version: 'test',
    logDir: join(db, '..', 'logs'),
    keySources: { passphrase: async () => TEST_PASSPHRASE, passphraseAvailable: () => true },
  });
  const anonymous = { lang: 'en' as const, session: null };
  try {
    const init = await runtime.app.call(
      'initialise',
      { admin: TEST_ADMIN, password: TEST_PASSWORD, passphrase: TEST_PASSPHRASE },
      anonymous,
    );
    if (!init.ok) throw new Error(`initialise: ${init.error.code} ${init.error.message}`);
    const signedIn = await runtime.app.call(
      'signIn',
      { name: TEST_ADMIN, password: TEST_PASSWORD },
      anonymous,
    );
    if (!signedIn.ok) throw new Error(`signIn: ${signedIn.error.code}`);
    const admin = { lang: 'en' as const, session: signedIn.value.token };
    for (const [name, roles] of Object.entries(users)) {
      const added = await runtime.app.call('addUser', { name, roles, password: TEST_PASSWORD }, admin);
      if (!added.ok) throw new Error(`addUser ${name}: ${added.error.code} ${added.error.message}`);
    }
  } finally {
    await runtime.close();
  }
}
