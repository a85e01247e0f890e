import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import type { CliIo } from '../../electron/cli/io.js';
import { openSealedSecret } from '../../electron/core/credentials/index.js';
import { installationKeyCipher } from '../../electron/core/security/index.js';
import { listAudit } from '../../electron/core/store/sqlite/audit.js';
import { getCredentials } from '../../electron/core/store/sqlite/credentials.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { sqliteStore } from '../../electron/core/store/sqlite/index.js';
import { asUser, prepareDatabase, TEST_PASSPHRASE, TEST_PASSWORD } from './cliProcess.js';
import { keysOf } from './submissionHarness.js';

const SECRET = 'cli-secret-Yb83kQe0wPz1';
const PASSPHRASE = TEST_PASSPHRASE;

let dir: string;
let dbPath: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-credentials-cli-'));
  dbPath = join(dir, 'console.sqlite');
  // Only init creates a database; credentials go into an existing one, set and deleted by admins.
  await prepareDatabase(dbPath, { alice: ['admin'], bob: ['admin'], olga: ['operator'] });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An admin's password and the database's passphrase. */
const defaultEnv = asUser({ LANG: 'en_US.UTF-8' });

async function run(
  argv: string[],
  options: { stdin?: string | Buffer | (string | Buffer)[]; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const chunks = options.stdin === undefined ? [] : [options.stdin].flat();
  const stdin = Readable.from(chunks) as CliIo['stdin'];
  if (options.tty) stdin.isTTY = true;
  // The app data folder is the test's own: a command without --db must never find a real database.
  const env = { XDG_DATA_HOME: dir, CUP_PAYOUTS_LOG_DIR: join(dir, 'logs'), ...(options.env ?? defaultEnv) };
  const code = await main(['credentials', ...argv], {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}

const setArgs = () => ['set', '--db', dbPath, '--user', 'alice', '--project-id', '4211'];

/** The stored production credentials, opened with the database's installation key (null: none). */
async function stored() {
  if (!existsSync(dbPath)) return null;
  const db = openDatabase(dbPath);
  try {
    const sealed = getCredentials(db, 'production');
    if (!sealed) return sealed;
    const { keys } = await keysOf(sqliteStore(db, dbPath));
    return { projectId: sealed.projectId, secretKey: openSealedSecret(sealed, installationKeyCipher(keys)) };
  } finally {
    db.close();
  }
}

/** The audit trail without signing in and the database's set-up (the key, the first admin, the accounts). */
const SETUP_ACTIONS = new Set(['key.create', 'users.init', 'users.add']);
const auditActions = (entries: ReturnType<typeof listAudit>) =>
  entries.map((e) => e.action).filter((action) => !action.startsWith('auth.') && !SETUP_ACTIONS.has(action));

function expectNoSecret(...outputs: RunResult[]) {
  for (const { stdout, stderr } of outputs) {
    expect(stdout).not.toContain(SECRET);
    expect(stderr).not.toContain(SECRET);
    expect(stdout).not.toContain(PASSPHRASE);
    expect(stderr).not.toContain(PASSPHRASE);
  }
}

describe('cup-payouts credentials', () => {
  it('set reads the secret from stdin (dropping the trailing newline); show never prints it', async () => {
    const set = await run(setArgs(), { stdin: `${SECRET}\n` });
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toContain('4211');
    expect(await stored()).toEqual({ projectId: 4211, secretKey: SECRET });

    const show = await run(['show', '--db', dbPath]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('4211');
    // Sealed under the database's installation key (which the passphrase unlocks).
    expect(show.stdout).toContain('installation-key-aes-256-gcm');
    expect(show.stdout).toContain('alice');

    const json = await run(['show', '--db', dbPath, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      environment: 'production',
      stored: true,
      project_id: 4211,
      cipher_kind: 'installation-key-aes-256-gcm',
      updated_by: 'alice',
    });
    expectNoSecret(set, show, json);
  });

  it('accepts a CRLF line ending and a secret split across chunks', async () => {
    const bytes = Buffer.from(`${SECRET}\r\n`);
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 12), bytes.subarray(12)];
    expect((await run(setArgs(), { stdin: chunks })).code).toBe(0);
    expect((await stored())?.secretKey).toBe(SECRET);
  });

  it('show works without the passphrase and exits 1 when nothing is stored', async () => {
    expect((await run(setArgs(), { stdin: SECRET })).code).toBe(0);
    const show = await run(['show', '--db', dbPath], { env: {} });
    expect(show.code).toBe(0);

    expect((await run(['delete', '--db', dbPath, '--user', 'bob'])).code).toBe(0);
    const none = await run(['show', '--db', dbPath, '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual({ environment: 'production', stored: false });
  });

  it('refuses an empty secret (exit 2) and stores nothing', async () => {
    for (const stdin of ['', '\n']) {
      const result = await run(setArgs(), { stdin });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/empty/);
    }
    expect(await stored()).toBeNull();
  });

  it('refuses a secret with surrounding whitespace without echoing it', async () => {
    const result = await run(setArgs(), { stdin: `  ${SECRET}  \n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/spaces or line breaks/);
    expectNoSecret(result);
    expect(await stored()).toBeNull();
  });

  it('refuses to read the secret from a terminal', async () => {
    const result = await run(setArgs(), { stdin: SECRET, tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/standard input/);
    expect(await stored()).toBeNull();
  });

  it('refuses oversized stdin', async () => {
    const result = await run(setArgs(), { stdin: Buffer.alloc(5000, 'a') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/more than 4096 bytes/);
  });

  it('needs CUP_PAYOUTS_PASSPHRASE for set (exit 2, clear message)', async () => {
    // The admin's password is given: only the passphrase is missing.
    const result = await run(setArgs(), { stdin: SECRET, env: { LANG: 'C', CUP_PASSWORD: TEST_PASSWORD } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CUP_PAYOUTS_PASSPHRASE');
    expect(await stored()).toBeNull();
  });

  // One installation key seals everything in a database: another passphrase does not unlock it at all, so it
  // cannot replace what the database's own key sealed.
  it('will not replace credentials with a passphrase that does not unlock the database (exit 2)', async () => {
    expect((await run(setArgs(), { stdin: SECRET })).code).toBe(0);
    const other = await run(setArgs(), {
      stdin: 'replacement-secret',
      env: asUser({ CUP_PAYOUTS_PASSPHRASE: 'another passphrase' }),
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^CREDENTIALS_LOCKED: .*CUP_PAYOUTS_PASSPHRASE.*Nothing was changed/);
    expectNoSecret(other);
    expect((await stored())?.secretKey).toBe(SECRET);
  });

  it('never accepts the secret on the command line, nor echoes a stray argument', async () => {
    const positional = await run([...setArgs(), SECRET], { stdin: SECRET });
    expect(positional.code).toBe(2);
    const option = await run([...setArgs(), `--secret-key=${SECRET}`], { stdin: SECRET });
    expect(option.code).toBe(2);
    expectNoSecret(positional, option);
    expect(await stored()).toBeNull();
  });

  it('is for admins: an operator gets ROLE_REQUIRED (exit 1) and nothing is stored', async () => {
    const result = await run(['set', '--db', dbPath, '--user', 'olga', '--project-id', '4211'], {
      stdin: SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ROLE_REQUIRED: /);
    expectNoSecret(result);
    expect(await stored()).toBeNull();
  });

  it('validates the command line (exit 2)', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['rotate', '--db', dbPath])).code).toBe(2);
    expect((await run(['set', '--db', dbPath, '--project-id', '1'], { stdin: SECRET })).code).toBe(2);
    for (const id of ['0', '-3', '1.5', 'abc', '99999999999999999999']) {
      const result = await run(['set', '--db', dbPath, '--user', 'a', '--project-id', id], { stdin: SECRET });
      expect(result.code).toBe(2);
    }
    expect((await run(['show'])).code).toBe(2);
    expect((await run(['show', '--db', join(dir, 'missing.sqlite')])).code).toBe(2);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    expect((await run(['delete', '--db', dbPath])).code).toBe(2);
  });

  it('delete audits the removal; deleting nothing exits 1', async () => {
    expect((await run(setArgs(), { stdin: SECRET })).code).toBe(0);
    const deleted = await run(['delete', '--db', dbPath, '--user', 'bob']);
    expect(deleted.code).toBe(0);
    expect((await run(['delete', '--db', dbPath, '--user', 'bob'])).code).toBe(1);

    const db = openDatabase(dbPath);
    const audit = listAudit(db);
    db.close();
    expect(auditActions(audit)).toEqual(['credentials.set', 'credentials.delete']);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('speaks zh-CN with --lang zh-CN or a Chinese LANG', async () => {
    const flag = await run([...setArgs(), '--lang', 'zh-CN'], { stdin: SECRET });
    expect(flag.stdout).toContain('已保存');
    const env = await run(['show', '--db', dbPath], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(env.stdout).toContain('项目 ID');
    const missing = await run(setArgs(), {
      stdin: SECRET,
      env: { LANG: 'zh_CN.UTF-8', CUP_PASSWORD: TEST_PASSWORD },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('请设置 CUP_PAYOUTS_PASSPHRASE');
  });

  it('never creates a database: set on a path without one is NO_DATABASE (exit 2)', async () => {
    const elsewhere = join(dir, 'typo', 'console.sqlite');
    const result = await run(['set', '--db', elsewhere, '--user', 'alice', '--project-id', '4211'], {
      stdin: SECRET,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`NO_DATABASE: No console database at ${elsewhere}`);
    expect(existsSync(elsewhere)).toBe(false);
    expectNoSecret(result);
  });

  it('leaves no clear secret in the database file', async () => {
    expect((await run(setArgs(), { stdin: SECRET })).code).toBe(0);
    for (const path of [dbPath, `${dbPath}-wal`]) {
      if (existsSync(path)) expect(readFileSync(path).includes(SECRET)).toBe(false);
    }
  });
});
