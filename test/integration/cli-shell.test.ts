import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, MANUAL } from '../../electron/cli/commands/index.js';
import { generatePayoutCsv } from '../fixtures/payoutFile.js';
import { asUser, prepareDatabase, TEST_PASSWORD } from './cliProcess.js';

/**
 * The command line as a shell: help, version, usage errors, languages, where the database comes from, how
 * failures and lists are printed, pipes. (What the operations do is tested once, at the application layer.)
 */
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let env: NodeJS.ProcessEnv;

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...env, ...extraEnv } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Complete rows: the payee's contact, bank branch and address are in every request (seeds 000-002). */
const CSV = [
  'payment_id,amount,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
  'SH-1,100.00,6228481234567890128,1,5,张,伟,13800138000,zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金',
  'SH-2,400.00,6228481234567890128,1,5,李,娜,13900139000,li.na@example.com,天河支行,广州,天河路385号,510620,佣金',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-cli-shell-'));
  // LANG=C: English unless a test says otherwise; the app data folder and the error log are the test's own.
  // Every test account's password and the databases' passphrase: the commands that act sign in with them.
  env = {
    ...process.env,
    LANG: 'C',
    XDG_DATA_HOME: dir,
    CUP_PAYOUTS_LOG_DIR: join(dir, 'logs'),
    ...asUser(),
  };
  delete env['CUP_PAYOUTS_DB'];
  delete env['LC_ALL'];
  writeFileSync(join(dir, 'payouts.csv'), CSV + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help, version and usage', () => {
  it('--help prints the manual with every command, exit 0; no command prints it on stderr, exit 2', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.trim()).toBe(MANUAL);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`  ${name} `);
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Commands:');
  });

  it.each(Object.keys(COMMANDS))('%s --help prints that command’s usage and exits 0', async (name) => {
    const result = await cli([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Usage:\n  cup-payouts ${COMMANDS[name]?.usage}\n`);
    expect(result.stdout).not.toContain('Commands:');
  });

  it('--version prints the package version', async () => {
    const result = await cli(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a usage error prints its one reason and that command’s usage, not the whole manual', async () => {
    const result = await cli(['status', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [reason, blank, usage] = result.stderr.split('\n');
    expect(reason).toBe("Unknown option '--bogus'.");
    expect(blank).toBe('');
    expect(usage).toBe('Usage:');
    expect(result.stderr).toContain(`cup-payouts ${COMMANDS['status']?.usage}`);
    expect(result.stderr).not.toContain('Commands:');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an unknown command names itself and points to --help', async () => {
    const result = await cli(['frobnicate']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('stops quietly when its output is piped into head', () => {
    // Megabytes of JSON into a reader that leaves after 100 bytes: the closed pipe must not end in a stack trace.
    const file = join(dir, 'big.csv');
    writeFileSync(file, generatePayoutCsv({ rows: 20_000, seed: 3, invalidShare: 0.1 }));
    const command = `"${process.execPath}" "${CLI}" validate "${file}" --json | head -c 100`;
    const result = spawnSync('sh', ['-c', command], { env, encoding: 'utf8' });
    expect(result.stdout).toHaveLength(100);
    expect(result.stdout.startsWith('{"file":')).toBe(true);
    expect(result.stderr).toBe('');
  });
});

describe('database, language and failures', () => {
  it('needs --db or CUP_PAYOUTS_DB, and CUP_PAYOUTS_DB works for every command', async () => {
    const missing = await cli(['import', join(dir, 'payouts.csv'), '--user', 'alice']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--db PATH is required, or CUP_PAYOUTS_DB');

    const fromEnv = { CUP_PAYOUTS_DB: join(dir, 'env.sqlite') };
    await prepareDatabase(join(dir, 'env.sqlite'));
    const imported = await cli(['import', join(dir, 'payouts.csv'), '--user', 'alice', '--json'], fromEnv);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).batch_id).toBe(1);
    expect((await cli(['approve', '1', '--user', 'bob'], fromEnv)).code).toBe(0);
    const status = await cli(['status', '1', '--json'], fromEnv);
    expect(JSON.parse(status.stdout)).toMatchObject({ batch_id: 1, batch_status: 'approved' });
    // --db wins over the environment.
    const other = await cli(['list', '--db', join(dir, 'env.sqlite'), '--json'], {
      CUP_PAYOUTS_DB: join(dir, 'nowhere.sqlite'),
    });
    expect(JSON.parse(other.stdout).batches).toHaveLength(1);
  });

  it('read-only commands never create a database at a mistyped path', async () => {
    for (const args of [['list'], ['status', '1'], ['show', '1'], ['audit', 'show'], ['settings', 'show']]) {
      const result = await cli([...args, '--db', join(dir, 'typo.sqlite')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`NO_DATABASE: No console database at ${join(dir, 'typo.sqlite')}`);
    }
  });

  it('speaks the language of --lang on every command, else of LANG', async () => {
    const db = join(dir, 'lang.sqlite');
    // alice may approve batches, only not one she imported.
    await prepareDatabase(db, { alice: ['operator', 'approver'] });
    await cli(['import', join(dir, 'payouts.csv'), '--db', db, '--user', 'alice']);
    const zh = await cli(['approve', '1', '--db', db, '--user', 'alice', '--lang', 'zh-CN']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('SAME_USER_APPROVAL: 批次 1 由 alice 导入，必须由另一人审批。');
    const fromLocale = await cli(['status', '2', '--db', db], { LANG: 'zh_CN.UTF-8' });
    expect(fromLocale.stderr).toContain('BATCH_NOT_FOUND: 批次 2 不存在。');
    for (const command of ['submit', 'resume', 'recheck', 'pause', 'cancel', 'list', 'show', 'banks']) {
      const args = command === 'banks' ? ['banks', 'show'] : [command];
      const result = await cli([...args, '--lang', 'fr', '--db', db]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--lang must be en or zh-CN, not "fr"');
    }
  });

  it('prints a failure as CODE: message on stderr; with --json a refusal is also the one JSON document', async () => {
    const db = join(dir, 'lang.sqlite');
    const plain = await cli(['status', '9', '--db', db]);
    expect(plain).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'BATCH_NOT_FOUND: Batch 9 does not exist.\n',
    });
    // Exit 1 is an outcome: under --json stdout carries its one document.
    const json = await cli(['status', '9', '--db', db, '--json']);
    expect(json).toMatchObject({ code: 1, stderr: 'BATCH_NOT_FOUND: Batch 9 does not exist.\n' });
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'BATCH_NOT_FOUND', message: 'Batch 9 does not exist.' },
    });
    // Exit 2 (the command cannot be used at all) prints nothing on stdout, --json or not.
    const unusable = await cli(['status', '9', '--db', join(dir, 'nowhere.sqlite'), '--json']);
    expect(unusable).toMatchObject({ code: 2, stdout: '' });
    expect(unusable.stderr).toContain('NO_DATABASE');
  });
});

describe('lists and reports', () => {
  it('list prints every batch with status, counts, sums, importer and approver', async () => {
    const db = join(dir, 'list.sqlite');
    await prepareDatabase(db);
    await cli(['import', join(dir, 'payouts.csv'), '--db', db, '--user', 'alice']);
    await cli(['approve', '1', '--db', db, '--user', 'bob']);
    const json = await cli(['list', '--db', db, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).batches).toEqual([
      expect.objectContaining({
        id: 1,
        status: 'approved',
        payout_count: 2,
        total_fen: 50_000,
        counts: { queued: 2 },
        sums_fen: { queued: 50_000 },
        created_by: 'alice',
        approved_by: 'bob',
      }),
    ]);
    const human = await cli(['list', '--db', db]);
    const [header, , row] = human.stdout.split('\n');
    expect(header).toMatch(
      /^Batch\s+Status\s+Method\s+Payouts\s+Total \(CNY\)\s+By state\s+Imported\s+Approved\s+File$/,
    );
    expect(row).toMatch(
      /^\s*1\s+approved\s+cup-p2p\s+2\s+500\.00\s+queued 2\s+alice \d{4}-.*bob \d{4}-.*payouts\.csv$/,
    );
  });

  it('status without --json lists the unpaid payouts with code and plain reason', async () => {
    const db = join(dir, 'status.sqlite');
    await prepareDatabase(db);
    await cli(['import', join(dir, 'payouts.csv'), '--db', db, '--user', 'alice']);
    await cli(['approve', '1', '--db', db, '--user', 'bob']);
    await cli(['cancel', '1', '--db', db, '--user', 'bob']);
    const result = await cli(['status', '1', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Batch 1 (cancelled)');
    expect(result.stdout).toContain('Not paid (2):');
    expect(result.stdout).toContain(
      'line 2 SH-1 100.00: cancelled — Cancelled before it was sent; nothing was paid.',
    );
    const zh = await cli(['status', '1', '--db', db, '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('未付款（2 笔）：');
    expect(zh.stdout).toContain('第 3 行 SH-2 400.00: 已取消 — 发送前已取消；未付款。');
  });

  it('reject needs a reason; show and audit print the batch, its payouts masked, and the trail', async () => {
    const db = join(dir, 'reject.sqlite');
    await prepareDatabase(db);
    await cli(['import', join(dir, 'payouts.csv'), '--db', db, '--user', 'alice']);
    const noReason = await cli(['reject', '1', '--db', db, '--user', 'bob']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason TEXT is required');
    const rejected = await cli(['reject', '1', '--db', db, '--user', 'bob', '--reason', 'wrong month']);
    expect(rejected).toMatchObject({ code: 0, stdout: 'Batch 1 rejected by bob.\n' });
    const show = await cli(['show', '1', '--db', db, '--json']);
    const detail = JSON.parse(show.stdout);
    expect(detail.batch).toMatchObject({
      status: 'rejected',
      rejected_by: 'bob',
      reject_reason: 'wrong month',
    });
    expect(detail.rows.map((row: { card_number: string }) => row.card_number)).toEqual([
      '622848******0128',
      '622848******0128',
    ]);
    expect(show.stdout).not.toContain('6228481234567890128');
    const audit = await cli(['audit', 'show', '--db', db, '--json']);
    // Besides the database's set-up (its key, the first admin, the accounts) and each command's sign-in.
    const setUp = new Set(['key.create', 'users.init', 'users.add']);
    const actions = JSON.parse(audit.stdout).entries.map((e: { action: string }) => e.action) as string[];
    expect(actions.filter((action) => !action.startsWith('auth.') && !setUp.has(action))).toEqual([
      'batch.import',
      'batch.reject',
    ]);
    expect(actions).toContain('auth.sign_in');
  });

  it('settings show and set, with the value checked by the application layer', async () => {
    const db = join(dir, 'settings.sqlite');
    // The first admin's password (CUP_NEW_PASSWORD) and the new database's passphrase (in env already).
    expect(
      (await cli(['init', '--db', db, '--admin', 'admin'], { CUP_NEW_PASSWORD: TEST_PASSWORD })).code,
    ).toBe(0);
    const set = await cli([
      'settings',
      'set',
      'limits.cup-p2p',
      '20.00-30,000.00',
      '--db',
      db,
      '--user',
      'admin',
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).limits).toEqual({ 'cup-p2p': { min_fen: 2000, max_fen: 3_000_000 } });
    const bad = await cli(['settings', 'set', 'payout.ip', 'not-an-ip', '--db', db, '--user', 'admin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SETTING_INVALID');
    const show = await cli(['settings', 'show', '--db', db]);
    expect(show.stdout).toMatch(/limits\.cup-p2p\s+20\.00-30,000\.00/);
  });
});
