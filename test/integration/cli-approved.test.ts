import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { asUser, prepareDatabase, TEST_PASSWORD } from './cliProcess.js';
import { payoutCsv } from './submissionHarness.js';

/**
 * The command line's side of "pay what was approved, to the provider it was approved for, once — or
 * nothing": the reproductions as a user runs them, whole processes against real Gates.
 */
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
const KEY = 'cli-approved-production-key';
const FAST = [
  '--poll-initial-ms',
  '50',
  '--poll-max-ms',
  '200',
  '--not-found-grace-ms',
  '1000',
  '--timeout-ms',
  '1000',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let env: NodeJS.ProcessEnv;
let gate: RunningSandbox;
let production: RunningSandbox;

function cli(args: string[], stdin?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    // A refused 2,000-row import prints every row's issues: more than execFile's default 1 MB.
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-cli-approved-'));
  env = {
    ...process.env,
    LANG: 'C',
    XDG_DATA_HOME: dir,
    CUP_PAYOUTS_LOG_DIR: join(dir, 'logs'),
    // Every test account's password and the databases' passphrase: the commands that act sign in with them.
    ...asUser(),
  };
  delete env['CUP_PAYOUTS_DB'];
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
  production = await startSandbox({ port: 0, finalAfterMs: 50, projectId: 4211, secretKey: KEY });
});
afterAll(async () => {
  await gate.close();
  await production.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A database with an approved batch of `count` payouts (imported by alice, an operator, approved by bob, an
 * approver; alice submits it); returns its path.
 */
async function approvedBatch(name: string, count: number, prefix: string): Promise<string> {
  const db = join(dir, `${name}.sqlite`);
  await prepareDatabase(db);
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, payoutCsv(count, prefix));
  expect((await cli(['import', file, '--db', db, '--user', 'alice'])).code).toBe(0);
  expect((await cli(['approve', '1', '--db', db, '--user', 'bob'])).code).toBe(0);
  return db;
}

describe('a batch remembers where it was sent', () => {
  it('submit to production, Ctrl+C, then a plain resume: the rest goes to production, not the sandbox', async () => {
    const db = await approvedBatch('bound', 30, 'BOUND');
    const credentials = await cli(
      ['credentials', 'set', '--db', db, '--user', 'admin', '--project-id', '4211'],
      KEY,
    );
    expect(credentials.code).toBe(0);

    // Paced at 20 requests a second and interrupted about half a second after its first payout reached the
    // provider (signing in takes a moment before anything is sent): part of the batch is sent.
    const submit = spawn(
      process.execPath,
      [
        CLI,
        'submit',
        '1',
        '--db',
        db,
        '--user',
        'alice',
        '--env',
        'production',
        '--gate',
        production.url,
        '--rate',
        '20',
      ],
      { env, stdio: 'ignore' },
    );
    const sent = () => production.ledger().filter((entry) => entry.payment_id.startsWith('BOUND-')).length;
    for (const started = Date.now(); sent() === 0 && Date.now() - started < 10_000;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    submit.kill('SIGINT');
    const interrupted = await new Promise<number | null>((resolve) => submit.on('exit', resolve));
    expect(interrupted).toBe(0);
    const before = production.ledger().filter((entry) => entry.payment_id.startsWith('BOUND-')).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(30);

    // Naming the sandbox for that batch is refused, and sends nothing.
    const mismatch = await cli(['resume', '--db', db, '--user', 'alice', '--gate', gate.url]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(
      'ENVIRONMENT_MISMATCH: Refused, nothing was sent: the batch was sent to production',
    );

    // A plain resume follows the batch to production.
    const resumed = await cli([
      'resume',
      '--db',
      db,
      '--user',
      'alice',
      '--wait',
      '--status-delay-ms',
      '10000',
      ...FAST,
    ]);
    expect(resumed.code).toBe(1); // rows 10, 20 and 30 are declined by the test project's rule
    expect(production.ledger().filter((entry) => entry.payment_id.startsWith('BOUND-'))).toHaveLength(30);
    expect(gate.ledger().filter((entry) => entry.payment_id.startsWith('BOUND-'))).toEqual([]);
    // Nor did anything reach the embedded sandbox (its ledger beside the database).
    expect(existsSync(`${db}.sandbox.sqlite`)).toBe(false);
    expect(resumed.stdout).toContain('Paid 27 payouts');
    expect(resumed.stdout).toContain('not paid 3.');
  }, 60_000);
});

describe('outcomes told plainly', () => {
  it('--wait exits 0 only when every payout was paid, and names how many were paid', async () => {
    const db = await approvedBatch('allpaid', 9, 'PAID'); // rows 1-9: none at 400.00 or 404.00
    const result = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--gate',
      gate.url,
      '--wait',
      '--status-delay-ms',
      '100',
      ...FAST,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Paid 9 payouts \([\d,.]+ CNY\); not paid 0\./);
  });

  it('a provider that cannot be reached exits 2 with the reason; the batch stays resumable', async () => {
    const db = await approvedBatch('down', 3, 'DOWN');
    const closed = await startSandbox({ port: 0 });
    const url = closed.url;
    await closed.close();
    const result = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--gate',
      url,
      '--wait',
      ...FAST,
      '--status-delay-ms',
      '100',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PROVIDER_UNREACHABLE: The payment provider cannot be reached (');
    expect(result.stderr).toContain('ECONNREFUSED');
    const status = JSON.parse((await cli(['status', '1', '--db', db, '--json'])).stdout);
    expect(status).toMatchObject({ batch_status: 'sending', counts: { queued: 3 } });
  });

  it('a batch changed after approval is blocked: exit 1, nothing sent', async () => {
    const db = await approvedBatch('edited', 3, 'EDITED');
    const raw = new BetterSqlite3(db);
    raw.prepare(`UPDATE payouts SET amount_fen = amount_fen + 100 WHERE payment_id = 'EDITED-000002'`).run();
    raw.close();
    const result = await cli(['submit', '1', '--db', db, '--user', 'alice', '--gate', gate.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('APPROVAL_CONTENT_CHANGED: Batch 1 changed after it was approved');
    expect(gate.ledger().filter((entry) => entry.payment_id.startsWith('EDITED-'))).toEqual([]);
  });

  it('under --json the loser of two concurrent imports prints its one JSON document too', async () => {
    const db = join(dir, 'race.sqlite');
    await prepareDatabase(db);
    const files = ['a', 'b'].map((name) => {
      const file = join(dir, `race-${name}.csv`);
      // The same payment ids in both, different amounts: only one file can be stored.
      writeFileSync(file, payoutCsv(2000, 'RACE').replaceAll(',张,伟', name === 'a' ? ',张,伟' : ',李,娜'));
      return file;
    });
    const results = await Promise.all(
      files.map((file) => cli(['import', file, '--db', db, '--user', 'alice', '--json'])),
    );
    const documents = results.map(
      (result) => JSON.parse(result.stdout) as { batch_id: number | null; refused: { code: string } | null },
    );
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(documents.filter((d) => d.batch_id !== null)).toHaveLength(1);
    // Whether the loser saw the winner's ids while validating (its rows then have errors) or only when storing
    // (the store refuses them), it says so in its document.
    expect(documents.find((d) => d.batch_id === null)?.refused?.code).toMatch(
      /^(PAYMENT_ID_USED|ROWS_HAVE_ERRORS)$/,
    );
  });

  it('a database another program keeps locked gets a message naming the lock', async () => {
    const db = await approvedBatch('locked', 1, 'LOCK');
    const holder = new BetterSqlite3(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const file = join(dir, 'locked-more.csv');
      writeFileSync(file, payoutCsv(1, 'LOCK2'));
      const result = await cli(['import', file, '--db', db, '--user', 'alice']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`DATABASE_LOCKED: Another program keeps the database ${db} locked`);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 20_000);
});

describe('a foreign, damaged or missing database', () => {
  it('status on another application’s SQLite file is refused and leaves the file as it was', async () => {
    const foreign = join(dir, 'notes.sqlite');
    const other = new BetterSqlite3(foreign);
    other.exec(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')`);
    other.close();
    const before = readFileSync(foreign);
    const result = await cli(['status', '1', '--db', foreign]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `NOT_A_CONSOLE_DATABASE: ${foreign} is not a CUP Payout Console database`,
    );
    expect(readFileSync(foreign).equals(before)).toBe(true);
    expect(existsSync(`${foreign}-wal`)).toBe(false);
  });

  it('only init creates a database: resume at a mistyped path is refused, creating nothing', async () => {
    const typo = join(dir, 'typo.sqlite');
    const result = await cli(['resume', '--db', typo, '--user', 'alice']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`NO_DATABASE: No console database at ${typo}`);
    expect(existsSync(typo)).toBe(false);
    for (const args of [
      ['settings', 'set', 'sending.rate', '5'],
      ['banks', 'refresh', '--gate', gate.url],
    ]) {
      const refused = await cli([...args, '--db', typo, '--user', 'admin']);
      expect(refused.code).toBe(2);
      expect(existsSync(typo)).toBe(false);
    }
    const imported = join(dir, 'typo.csv');
    writeFileSync(imported, payoutCsv(1, 'TYPO'));
    const importRefused = await cli(['import', imported, '--db', typo, '--user', 'alice']);
    expect(importRefused.code).toBe(2);
    expect(importRefused.stderr).toContain(`NO_DATABASE: No console database at ${typo}`);
    expect(existsSync(typo)).toBe(false);
    // init, with the first admin (the password from CUP_NEW_PASSWORD).
    const made = await cli(['init', '--db', typo, '--admin', 'admin'], undefined, {
      CUP_NEW_PASSWORD: TEST_PASSWORD,
    });
    expect(made.code).toBe(0);
    expect(made.stdout.split('\n')[0]).toBe(`Console database ready at ${typo}.`);
    expect(existsSync(typo)).toBe(true);
  });

  it('backup writes a consistent copy that opens as the same console database, and never overwrites', async () => {
    const db = await approvedBatch('backed', 2, 'BACKED');
    const copy = join(dir, 'backed-copy.sqlite');
    const made = await cli(['backup', '--db', db, '--out', copy, '--user', 'admin']);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`Backup written to ${copy}`);
    const listed = JSON.parse((await cli(['list', '--db', copy, '--json'])).stdout);
    expect(listed.batches).toEqual([expect.objectContaining({ id: 1, status: 'approved', payout_count: 2 })]);
    const again = await cli(['backup', '--db', db, '--out', copy, '--user', 'admin']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('BACKUP_EXISTS');
  });
});
