/**
 * Opens the console for one command: which database (--db, else CUP_PAYOUTS_DB, else the app data folder),
 * which cipher (the passphrase in CUP_PAYOUTS_PASSPHRASE, asked for only when a secret is needed), where
 * unexpected errors are logged, and who is asking in which language.
 */
import { passphraseCipher, passphraseFromEnv } from '../core/credentials/cipher.js';
import { defaultDatabasePath, defaultLogDir } from '../core/paths.js';
import { openConsole, type ConsoleRuntime } from '../core/app/runtime.js';
import type { SendingOverrides } from '../core/app/sendingConfig.js';
import type { Caller } from '../core/app/context.js';
import type { Lang } from '../core/types.js';
import { UsageError, type Values } from './args.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

/**
 * How a command uses the database: `create` opens or creates it; `existing` refuses a path with no database
 * (read-only commands must not create one at a typo); `optional` uses one only when a path is given.
 */
export type DatabaseUse = 'create' | 'existing' | 'optional';

export interface Session {
  runtime: ConsoleRuntime;
  caller: Caller;
  close(): Promise<void>;
}

/** --db, else CUP_PAYOUTS_DB; a command that needs a database and has neither is a usage error. */
export function databasePathOf(values: Values, use: DatabaseUse, env: NodeJS.ProcessEnv): string | null {
  const given =
    typeof values['db'] === 'string' && values['db'].trim() !== '' ? values['db'].trim() : undefined;
  const fromEnv = env['CUP_PAYOUTS_DB']?.trim() || undefined;
  const path = given ?? fromEnv ?? null;
  if (path === null && use !== 'optional') {
    throw new UsageError(
      `--db PATH is required, or CUP_PAYOUTS_DB (the desktop app's database is ${defaultDatabasePath({ env })}).`,
    );
  }
  return path;
}

export async function openSession(
  io: CliIo,
  options: { values: Values; lang: Lang; use: DatabaseUse; sending?: SendingOverrides },
): Promise<Session> {
  const { values, lang, use } = options;
  const databasePath = databasePathOf(values, use, io.env);
  const runtime = await openConsole({
    databasePath,
    mustExist: use !== 'create',
    version: cliVersion(),
    logDir: defaultLogDir({ env: io.env }),
    cipher: () => passphraseCipher(passphraseFromEnv(io.env)),
    sending: options.sending,
    lang: () => lang,
  });
  const actor = typeof values['user'] === 'string' ? values['user'].trim() : null;
  return { runtime, caller: { actor, lang }, close: () => runtime.close() };
}

/** Runs `work` with an open session and always closes it (stopping the engine and the database cleanly). */
export async function withSession<T>(
  io: CliIo,
  options: Parameters<typeof openSession>[1],
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(io, options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
