/**
 * Opens the console for one command: which database (--db, else CUP_PAYOUTS_DB, else the app data folder),
 * how the installation key is unlocked (the passphrase in CUP_PAYOUTS_PASSPHRASE, or asked for on a
 * terminal, only when the key is needed), who is acting (--user, signed in with CUP_PASSWORD or a prompt),
 * where unexpected errors are logged, and the language.
 */
import { defaultDatabasePath, defaultLogDir } from '../core/paths.js';
import { openConsole, type ConsoleRuntime } from '../core/app/runtime.js';
import type { SendingOverrides } from '../core/app/sendingConfig.js';
import type { Caller } from '../core/app/context.js';
import type { Lang } from '../core/types.js';
import { requireUser, UsageError, type Values } from './args.js';
import { valueOf } from './failure.js';
import type { CliIo } from './io.js';
import { passphraseInEnv, PASSWORD_ENV, readPassphrase, readPassword } from './secrets.js';
import { cliVersion } from './version.js';

/**
 * How a command uses the database: `create` opens or creates it; `existing` refuses a path with no database
 * (read-only commands must not create one at a typo); `optional` uses one only when a path is given.
 */
export type DatabaseUse = 'create' | 'existing' | 'optional';

/**
 * Who a command acts as: `required` (it changes something: --user and a password), `optional` (reading;
 * signed in only when --user is given), `none`.
 */
export type Identity = 'required' | 'optional' | 'none';

export interface Session {
  runtime: ConsoleRuntime;
  caller: Caller;
  /** The signed-in account's name (normalised), when signed in. */
  user: string | null;
  close(): Promise<void>;
}

const ASK = {
  en: { passphrase: 'Passphrase of the console database: ', password: (u: string) => `Password for ${u}: ` },
  'zh-CN': { passphrase: '控制台数据库口令：', password: (u: string) => `${u} 的密码：` },
};

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
  options: {
    values: Values;
    lang: Lang;
    use: DatabaseUse;
    identity?: Identity;
    sending?: SendingOverrides;
    /** JSON output: a refused sign-in prints its JSON error document. */
    json?: boolean;
  },
): Promise<Session> {
  const { values, lang, use } = options;
  const identity = options.identity ?? 'none';
  // Checked before anything opens: a command that acts needs to know as whom.
  const named =
    identity === 'required'
      ? requireUser(values)
      : typeof values['user'] === 'string'
        ? values['user']
        : null;
  const databasePath = databasePathOf(values, use, io.env);
  const runtime = await openConsole({
    databasePath,
    mustExist: use !== 'create',
    version: cliVersion(),
    logDir: defaultLogDir({ env: io.env }),
    keySources: {
      passphrase: () => readPassphrase(io, ASK[lang].passphrase),
      passphraseAvailable: () => passphraseInEnv(io),
    },
    sending: options.sending,
    lang: () => lang,
  });
  // Reading the file is governed by its own permissions on the command line.
  const caller: Caller = { lang, session: null, readsWithoutSession: true };
  let user: string | null = null;
  try {
    if (named !== null && identity !== 'none' && databasePath !== null) {
      const password = await readPassword(io, PASSWORD_ENV, ASK[lang].password(named));
      const signedIn = valueOf(
        io,
        await runtime.app.call('signIn', { name: named, password }, caller),
        options.json ?? false,
      );
      caller.session = signedIn.token;
      user = signedIn.session.user.name;
    }
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return { runtime, caller, user, close: () => runtime.close() };
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
