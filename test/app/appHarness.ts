/**
 * A console opened the way every shell opens it (the composition root), on a real SQLite file in a temp
 * folder, for tests of the application layer's operations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/contract/operations.js';
import type { Result } from '../../electron/contract/result.js';
import type { AccessPolicy } from '../../electron/core/app/access.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import type { SendingOverrides } from '../../electron/core/app/sendingConfig.js';
import type { KeySources } from '../../electron/core/app/keyring.js';
import { normaliseAccountName } from '../../electron/core/security/index.js';
import type { ConsoleEvent } from '../../electron/contract/events.js';
import type { Lang } from '../../electron/core/types.js';

export const TEST_PASSPHRASE = 'app test passphrase';
/** Every account the harness makes has this password (strong enough for the rules). */
export const TEST_PASSWORD = 'harness password 2026';
/** The first admin of every test console. */
export const TEST_ADMIN = 'admin';

export interface TestConsole {
  runtime: ConsoleRuntime;
  dir: string;
  dbPath: string;
  logDir: string;
  /** Every event the console emitted, in order. */
  events: ConsoleEvent[];
  /**
   * Calls an operation as `actor` (null: nobody signed in) in `lang` (en by default). The harness makes an
   * account for each new person it is asked to act as (every role, TEST_PASSWORD) and signs them in;
   * `ａｌｉｃｅ` and `alice` are one account, as in the console.
   */
  call<K extends OperationName>(
    actor: string | null,
    name: K,
    input: OperationInput<K>,
    lang?: Lang,
  ): Promise<Result<OperationOutput<K>>>;
  /** The same, expecting success: returns the value or throws with the error. */
  ok<K extends OperationName>(
    actor: string | null,
    name: K,
    input: OperationInput<K>,
    lang?: Lang,
  ): Promise<OperationOutput<K>>;
  /** Closes the console and removes its folder. */
  close(): Promise<void>;
}

export interface TestConsoleOptions {
  sending?: SendingOverrides;
  keySources?: KeySources;
  /** Do not create the first admin and the installation key (tests of that step). */
  uninitialised?: boolean;
  access?: AccessPolicy;
  /** An existing folder to open the console in again (a restart); a new temp folder otherwise. */
  dir?: string;
  /** Keep the folder when closing (to open it again). */
  keep?: boolean;
  /** The database file's name in the folder (default console.sqlite). */
  databaseFile?: string;
}

export async function openTestConsole(options: TestConsoleOptions = {}): Promise<TestConsole> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cup-app-'));
  const dbPath = join(dir, options.databaseFile ?? 'console.sqlite');
  const logDir = join(dir, 'logs');
  const runtime = await openConsole({
    databasePath: dbPath,
    version: 'test',
    logDir,
    keySources: options.keySources ?? {
      passphrase: async () => TEST_PASSPHRASE,
      passphraseAvailable: () => true,
    },
    sending: options.sending,
    access: options.access,
  });
  const events: ConsoleEvent[] = [];
  runtime.events.subscribe((event) => events.push(event));
  const sessions = new Map<string, string>();
  const anonymous = { lang: 'en' as const, session: null };
  if (!options.uninitialised && !options.dir) {
    const init = await runtime.app.call(
      'initialise',
      { admin: TEST_ADMIN, password: TEST_PASSWORD, passphrase: TEST_PASSPHRASE },
      anonymous,
    );
    if (!init.ok) throw new Error(`initialise failed: ${init.error.code} ${init.error.message}`);
  }
  async function sessionOf(actor: string): Promise<string> {
    const name = normaliseAccountName(actor);
    const known = sessions.get(name);
    if (known) return known;
    const signIn = async () => runtime.app.call('signIn', { name, password: TEST_PASSWORD }, anonymous);
    let signedIn = await signIn();
    if (!signedIn.ok && signedIn.error.code === 'SIGN_IN_FAILED') {
      const admin = name === TEST_ADMIN ? null : await sessionOf(TEST_ADMIN);
      const added = await runtime.app.call(
        'addUser',
        { name, roles: ['admin', 'operator', 'approver', 'viewer'], password: TEST_PASSWORD },
        { lang: 'en', session: admin },
      );
      if (!added.ok) throw new Error(`addUser ${name} failed: ${added.error.code} ${added.error.message}`);
      signedIn = await signIn();
    }
    if (!signedIn.ok)
      throw new Error(`signIn ${name} failed: ${signedIn.error.code} ${signedIn.error.message}`);
    const token = signedIn.value.token as string;
    sessions.set(name, token);
    return token;
  }
  const call: TestConsole['call'] = async (actor, name, input, lang = 'en') =>
    runtime.app.call(
      name,
      input,
      // Nobody signed in reads as the command line does (the file's permissions govern reading).
      actor === null
        ? { lang, session: null, readsWithoutSession: true }
        : { lang, session: await sessionOf(actor) },
    );
  return {
    runtime,
    dir,
    dbPath,
    logDir,
    events,
    call,
    async ok(actor, name, input, lang) {
      const result = await call(actor, name, input, lang);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async close() {
      await runtime.close();
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small valid payout file: `rows` rows with payment ids `${prefix}-1…`, amounts 100.00 + row number. */
export function payoutFile(rows: number, prefix = 'P'): { name: string; bytes: Uint8Array } {
  const lines = [
    'payment_id,amount,currency,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
  ];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${prefix}-${i},${100 + i}.00,CNY,6228481234567890128,1,5,张,伟,13800138000,zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金`,
    );
  return { name: `${prefix}.csv`, bytes: new TextEncoder().encode(lines.join('\n') + '\n') };
}

/**
 * For a test file: opens consoles (each in its own folder, reopenable with `{ dir }`), and after each test
 * closes them and removes their folders.
 */
export function consolesPerTest(): (options?: TestConsoleOptions) => Promise<TestConsole> {
  const opened: TestConsole[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0).reverse()) {
      await c.runtime.close().catch(() => {});
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
  return async (options = {}) => {
    const c = await openTestConsole({ keep: true, ...options });
    opened.push(c);
    return c;
  };
}
