import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { asUser, prepareDatabase } from './cliProcess.js';
import { payoutCsv, tempDir } from './submissionHarness.js';

/**
 * The production environment end to end, against a sandbox standing in for ecommpay with a project of its
 * own: the secret key goes in through stdin, is stored encrypted, signs real requests — and appears in no
 * output, no error, no database row and no file the console writes.
 */

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
const SECRET = 'prod-Secret-7fQ2-never-printed';
const PROJECT_ID = 4242;
/** The test accounts' password and the database's passphrase: the commands that act sign in with them. */
const ENV = { ...process.env, LANG: 'C', CUP_PAYOUTS_DB: '', ...asUser() };

let sandbox: RunningSandbox;
let dir: string;
let db: string;
const outputs: string[] = [];

async function cli(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  const child = execFile(process.execPath, [CLI, ...args], {
    env: ENV,
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  else child.stdin?.end();
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  outputs.push(out);
  return { code, out };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, projectId: PROJECT_ID, secretKey: SECRET, finalAfterMs: 50 });
  dir = tempDir('cup-prod-');
  db = join(dir, 'console.sqlite');
  const csv = join(dir, 'payouts.csv');
  await import('node:fs').then((fs) => fs.writeFileSync(csv, payoutCsv(5, 'PROD')));
  // alice (an operator) imports and submits, bob (an approver) approves, admin stores the credentials.
  await prepareDatabase(db);
  await run(process.execPath, [CLI, 'import', csv, '--db', db, '--user', 'alice'], { env: ENV });
  await run(process.execPath, [CLI, 'approve', '1', '--db', db, '--user', 'bob'], { env: ENV });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('production environment', () => {
  it('refuses to send before credentials are stored', async () => {
    const result = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--env',
      'production',
      '--gate',
      sandbox.url,
    ]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/credentials set/);
    // Nothing changed: the batch is still approved, not sending.
    const sqlite = openDatabase(db);
    try {
      expect(sqlite.prepare('SELECT status FROM batches WHERE id = 1').pluck().get()).toBe('approved');
    } finally {
      sqlite.close();
    }
  });

  it('refuses a status delay below the provider minimum in production', async () => {
    const result = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--env',
      'production',
      '--gate',
      sandbox.url,
      '--status-delay-ms',
      '100',
    ]);
    expect(result.code).toBe(2);
  });

  it('signs with the stored key and never reveals it', async () => {
    expect(
      (
        await cli(
          ['credentials', 'set', '--db', db, '--user', 'admin', '--project-id', String(PROJECT_ID)],
          `${SECRET}\n`,
        )
      ).code,
    ).toBe(0);
    expect((await cli(['credentials', 'show', '--db', db])).out).toContain(String(PROJECT_ID));

    const sent = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--env',
      'production',
      '--gate',
      sandbox.url,
      '--json',
    ]);
    expect(sent.code).toBe(0);
    // Every payout reached the provider, signed with the project's key (a wrong key would be refused with 3261).
    expect(
      sandbox
        .ledger()
        .map((entry) => entry.payment_id)
        .sort(),
    ).toEqual(['PROD-000001', 'PROD-000002', 'PROD-000003', 'PROD-000004', 'PROD-000005']);

    const sqlite = openDatabase(db);
    try {
      const dump = JSON.stringify([
        sqlite.prepare('SELECT * FROM audit_log').all(),
        sqlite.prepare('SELECT * FROM payout_events').all(),
        sqlite.prepare('SELECT * FROM payouts').all(),
      ]);
      expect(dump).not.toContain(SECRET);
    } finally {
      sqlite.close();
    }
    // Every file the console wrote, the error log's too.
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = join(dir, file);
      if (statSync(path).isFile()) expect(readFileSync(path).includes(SECRET)).toBe(false);
    }
    for (const out of outputs) expect(out).not.toContain(SECRET);
  });

  it('keeps a wrong key out of the error it reports', async () => {
    await cli(['credentials', 'delete', '--db', db, '--user', 'admin']);
    const wrong = `${SECRET}-wrong`;
    await cli(
      ['credentials', 'set', '--db', db, '--user', 'admin', '--project-id', String(PROJECT_ID)],
      wrong,
    );
    const bad = join(dir, 'second.csv');
    await import('node:fs').then((fs) => fs.writeFileSync(bad, payoutCsv(1, 'WRONGKEY')));
    await run(process.execPath, [CLI, 'import', bad, '--db', db, '--user', 'alice'], { env: ENV });
    await run(process.execPath, [CLI, 'approve', '2', '--db', db, '--user', 'bob'], { env: ENV });
    const result = await cli([
      'submit',
      '2',
      '--db',
      db,
      '--user',
      'alice',
      '--env',
      'production',
      '--gate',
      sandbox.url,
      '--json',
    ]);
    const status = JSON.parse(result.out.split('\n').find((line) => line.startsWith('{')) ?? '{}');
    expect(status.rows[0]).toMatchObject({ status: 'rejected', code: '3261' });
    for (const out of outputs) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(wrong);
    }
  });
});
