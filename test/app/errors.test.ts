/**
 * How failures come out of the application layer: unknown operations, bad input, unexpected failures (logged
 * with a reference, shown without details), known errors of the lower layers keeping their codes, and the
 * sending service's background loop reporting an engine failure once.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/result.js';
import { rolePolicy, type AccessPolicy } from '../../electron/core/app/access.js';
import { AppError, describeKnownError, errorKind } from '../../electron/core/app/errors.js';
import { openConsole } from '../../electron/core/app/runtime.js';
import { passphraseFromEnv } from '../../electron/core/credentials/index.js';
import { StoreError } from '../../electron/core/store/errors.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import {
  openTestConsole,
  payoutFile,
  TEST_ADMIN,
  TEST_PASSPHRASE,
  TEST_PASSWORD,
  type TestConsole,
  type TestConsoleOptions,
} from './appHarness.js';
import {
  changesOf,
  errorLogEntries,
  reader,
  signedIn,
  sleep,
  submittedBatch,
  waitUntil,
} from './consoleSupport.js';

const opened: TestConsole[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) {
    await c.runtime.close().catch(() => {});
    rmSync(c.dir, { recursive: true, force: true });
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(options: TestConsoleOptions = {}): Promise<TestConsole> {
  const c = await openTestConsole({ keep: true, ...options });
  opened.push(c);
  return c;
}

/** A console opened in a folder made beforehand: the harness then leaves its first admin to the test. */
async function initialise(c: TestConsole): Promise<void> {
  const init = await c.runtime.app.call(
    'initialise',
    { admin: TEST_ADMIN, password: TEST_PASSWORD, passphrase: TEST_PASSPHRASE },
    { lang: 'en', session: null },
  );
  if (!init.ok) throw new Error(`initialise: ${init.error.code}`);
}

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('operation names and input', () => {
  it.each(['noSuchThing', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses %s with UNKNOWN_OPERATION',
    async (name) => {
      const c = await open();
      const result = await c.runtime.app.callByName(name, {}, await signedIn(c, 'alice'));
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_OPERATION', message: `There is no operation "${name}".` },
      });
    },
  );

  it('names the operation in the caller’s language', async () => {
    const c = await open();
    const result = await c.runtime.app.callByName('launch', undefined, { lang: 'zh-CN', session: null });
    expect(failure(result)).toEqual({ code: 'UNKNOWN_OPERATION', message: '没有名为“launch”的操作。' });
  });

  it.each([
    ['a number', 7],
    ['a text', 'batch 1'],
    ['a list', [1]],
  ])('refuses %s as input with INVALID_INPUT naming the input', async (_, input) => {
    const c = await open();
    const result = await c.runtime.app.callByName('batchStatus', input, reader());
    expect(failure(result)).toEqual({ code: 'INVALID_INPUT', message: 'Invalid input: expected an object.' });
  });

  it('refuses a bad field with INVALID_INPUT naming the field, before anything changes', async () => {
    const c = await open();
    const result = await c.runtime.app.callByName('approveBatch', { batchId: '1' }, await signedIn(c, 'bob'));
    expect(failure(result)).toEqual({
      code: 'INVALID_INPUT',
      message: 'Invalid batchId: expected a positive whole number.',
    });
    const zh = await c.runtime.app.callByName(
      'importFile',
      { file: { name: 'x.csv', bytes: 'not bytes' } },
      await signedIn(c, 'alice', 'zh-CN'),
    );
    expect(failure(zh).code).toBe('INVALID_INPUT');
    expect(failure(zh).message).toMatch(/^file\.bytes 无效：应为/);
    expect(await changesOf(c)).toEqual([]);
  });
});

describe('an unexpected failure inside an operation', () => {
  const BOOM = 'boom 6228481234567890128 secret-xyz';
  const exploding: AccessPolicy = {
    authorize(request) {
      if (request.action === 'batch.import') throw new Error(BOOM);
      rolePolicy.authorize(request);
    },
  };
  const REFERENCE = /E-\d{8}-[0-9A-F]{6}/;

  it('is INTERNAL with a reference and the log’s path, in the caller’s language, and no details', async () => {
    const c = await open({ access: exploding });
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    for (const lang of ['en', 'zh-CN'] as const) {
      const error = failure(await c.call('alice', 'importFile', { file: payoutFile(1) }, lang));
      expect(error.code).toBe('INTERNAL');
      expect(error.reference).toMatch(new RegExp(`^E-${today}-[0-9A-F]{6}$`));
      expect(error.message).toContain(error.reference);
      expect(error.message).toContain(join(c.logDir, 'errors.log'));
      expect(error.message).toMatch(
        lang === 'en' ? /^Something went wrong inside the console/ : /^控制台内部出错/,
      );
      for (const leak of ['boom', '6228481234567890128', 'secret-xyz', 'Error:', '    at ', '.ts:']) {
        expect(error.message).not.toContain(leak);
      }
    }
    // Nothing was imported.
    expect(await c.ok(null, 'listBatches', undefined)).toEqual([]);
  });

  it('is written to the error log once, with its reference, its stack, and the card number masked', async () => {
    const c = await open({ access: exploding });
    const error = failure(await c.call('alice', 'importFile', { file: payoutFile(1) }));
    const entries = errorLogEntries(c);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({
      reference: error.reference,
      where: 'operation importFile',
      error: 'Error',
      message: 'boom 622848******0128 secret-xyz',
    });
    expect(entry['reference']).toMatch(REFERENCE);
    expect(String(entry['stack'])).toMatch(/^Error: boom 622848\*{6}0128 secret-xyz\n\s+at /);
    expect(String(entry['stack'])).toContain('errors.test.ts');
    expect(JSON.stringify(entry)).not.toContain('6228481234567890128');
    // Only its owner may read it.
    expect(statSync(c.runtime.errors.path).mode & 0o077).toBe(0);
  });

  it('still shows a reference when the log cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-app-'));
    writeFileSync(join(dir, 'logs'), 'a file where the log folder should be');
    const c = await open({ dir, access: exploding });
    await initialise(c);
    const error = failure(await c.call('alice', 'importFile', { file: payoutFile(1) }));
    expect(error.code).toBe('INTERNAL');
    expect(error.reference).toMatch(REFERENCE);
    expect(error.message).toContain(error.reference);
  });
});

describe('known errors of the lower layers', () => {
  it('keeps StoreError SCHEMA_TOO_NEW: opening a newer database fails, and the code and message follow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-app-'));
    dirs.push(dir);
    const databasePath = join(dir, 'console.sqlite');
    // A console database, as a newer console left it.
    const made = await openConsole({
      databasePath,
      version: 'test',
      logDir: join(dir, 'logs'),
      keySources: { passphrase: async () => 'unused passphrase' },
    });
    await made.close();
    const db = new BetterSqlite3(databasePath);
    db.pragma('user_version = 999');
    db.close();

    let thrown: unknown;
    try {
      await openConsole({
        databasePath,
        version: 'test',
        logDir: join(dir, 'logs'),
        keySources: { passphrase: async () => 'unused passphrase' },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    expect(describeKnownError(thrown, 'en')).toEqual({
      code: 'SCHEMA_TOO_NEW',
      kind: 'unavailable',
      message:
        'This database was written by a newer version of the console. Update the console; do not open it with an older one.',
    });
    expect(describeKnownError(thrown, 'zh-CN')).toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      message: '该数据库由更新版本的控制台写入。请升级控制台，不要用旧版本打开。',
    });
    // The newer database is left as it was.
    const again = new BetterSqlite3(databasePath, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('refuses a database that must exist but does not, with NO_DATABASE, creating nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-app-'));
    dirs.push(dir);
    const databasePath = join(dir, 'missing.sqlite');
    const attempt = openConsole({
      databasePath,
      mustExist: true,
      version: 'test',
      logDir: join(dir, 'logs'),
      keySources: { passphrase: async () => 'unused passphrase' },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const error = await attempt.catch((e: unknown) => e);
    expect(describeKnownError(error, 'en')).toEqual({
      code: 'NO_DATABASE',
      kind: 'unavailable',
      message: `No console database at ${databasePath}: check the --db path (or CUP_PAYOUTS_DB).`,
    });
  });

  it('gives a shell the kind of every code, and internal for one it does not know', () => {
    expect(errorKind('INVALID_INPUT')).toBe('invalid');
    expect(errorKind('BATCH_NOT_FOUND')).toBe('not_found');
    expect(errorKind('APPROVAL_CONTENT_CHANGED')).toBe('refused');
    expect(errorKind('ENVIRONMENT_MISMATCH')).toBe('invalid');
    expect(errorKind('CREDENTIALS_MISSING')).toBe('unavailable');
    expect(errorKind('FILE_EMPTY')).toBe('invalid');
    expect(errorKind('SOMETHING_NEW')).toBe('internal');
  });

  it('gives internal for inherited object keys too', () => {
    expect(['constructor', 'toString', '__proto__'].map((code) => errorKind(code))).toEqual([
      'internal',
      'internal',
      'internal',
    ]);
  });
});

describe('the sending service’s background loop', () => {
  const KEY = 'bg-production-key-1';
  let productionGate: RunningSandbox;
  beforeAll(async () => {
    productionGate = await startSandbox({ port: 0, projectId: 4211, secretKey: KEY });
  });
  afterAll(() => productionGate.close());
  /** Production at the emulated Gate (the provider's minimum wait before a status query). */
  const production = () => ({
    environment: 'production' as const,
    gateUrl: productionGate.url,
    timing: { statusDelayMs: 10_000 },
  });

  it('reports a bound batch whose credentials are missing (CREDENTIALS_MISSING) once, not on every look', async () => {
    // A batch sent to production by an earlier run, whose credentials were deleted since…
    const first = await open({ sending: production() });
    await first.ok('admin', 'setCredentials', { environment: 'production', projectId: 4211, secretKey: KEY });
    const batchId = await submittedBatch(first, 'BG');
    await first.ok('admin', 'deleteCredentials', { environment: 'production' });
    await first.runtime.close();

    // …and the desktop app opened again: it follows the batch to production, where it cannot go on.
    const c = await open({ dir: first.dir });
    c.runtime.sending.start();
    const engineErrors = () => c.events.filter((event) => event.type === 'engine.error');
    await waitUntil(() => engineErrors().length > 0, 5_000, 'an engine.error event');
    expect(engineErrors()).toEqual([
      {
        type: 'engine.error',
        code: 'CREDENTIALS_MISSING',
        message: expect.stringMatching(/^No production credentials are stored/),
      },
    ]);

    // Wake the loop several times: it looks again each time and meets the same failure.
    for (let i = 0; i < 8; i++) {
      c.runtime.sending.wake();
      await sleep(60);
    }
    expect(engineErrors()).toHaveLength(1);
    // Nothing was sent (not to production, not to any sandbox), nothing logged as unexpected.
    expect(productionGate.ledger().filter((entry) => entry.payment_id.startsWith('BG-'))).toEqual([]);
    expect((await c.ok(null, 'batchStatus', { batchId })).counts).toEqual({ queued: 3 });
    expect(errorLogEntries(c)).toEqual([]);

    const closing = Date.now();
    await c.runtime.close();
    expect(Date.now() - closing).toBeLessThan(1_500); // not a whole idle rest (2 s)
  });

  it('looks again on every wake, and still reports the same failure (PASSPHRASE_MISSING) only once', async () => {
    const first = await open({ sending: production() });
    await first.ok('alice', 'setCredentials', { environment: 'production', projectId: 4211, secretKey: KEY });
    await submittedBatch(first, 'LOOK');
    await first.runtime.close();

    // Credentials are stored, but this run has no passphrase: each look asks for the installation key, and
    // cannot unlock it.
    let looks = 0;
    const c = await open({
      dir: first.dir,
      keySources: {
        passphrase: async () => {
          looks++;
          return passphraseFromEnv({});
        },
        passphraseAvailable: () => false,
      },
    });
    c.runtime.sending.start();
    await waitUntil(() => looks >= 1, 5_000, 'a first look');
    while (looks < 4) {
      c.runtime.sending.wake();
      await sleep(30);
    }
    const engineErrors = c.events.filter((event) => event.type === 'engine.error');
    expect(engineErrors).toEqual([
      {
        type: 'engine.error',
        code: 'PASSPHRASE_MISSING',
        message:
          'Set CUP_PAYOUTS_PASSPHRASE to the passphrase that unlocks this database (or run the command on a terminal to be asked for it).',
      },
    ]);
    await c.runtime.close();
  });
});
