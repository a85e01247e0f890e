import { execFile, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { payoutCsv, tempDir } from './submissionHarness.js';
import { asUser, FAST_SENDING, prepareDatabase } from './cliProcess.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
const FAST = FAST_SENDING;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      // Every test account's password and the database's passphrase: the commands that act sign in with them.
      { env: { ...process.env, LANG: 'C', ...asUser() } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, finalAfterMs: 50 });
  dir = tempDir('cup-cli-submit-');
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A new database (alice an operator, bob and carol approvers, unless `users` says otherwise) with a draft
 * batch of `count` payouts that alice imported; returns its id. Alice submits what bob approved.
 */
async function importBatch(
  db: string,
  prefix: string,
  count: number,
  users?: Parameters<typeof prepareDatabase>[1],
): Promise<number> {
  await prepareDatabase(db, users);
  const file = join(dir, `${prefix}.csv`);
  writeFileSync(file, payoutCsv(count, prefix));
  const result = await cli(['import', file, '--db', db, '--user', 'alice', '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).batch_id as number;
}

describe('approve, submit, status', () => {
  it('needs a second person, sends with --wait, and reports the documented status JSON', async () => {
    const db = join(dir, 'a.sqlite');
    // alice may approve too, only not what she imported herself.
    const batch = await importBatch(db, 'CLI-A', 20, {
      alice: ['operator', 'approver'],
      bob: ['approver'],
    });

    const notYet = await cli(['submit', String(batch), '--db', db, '--user', 'alice', '--gate', sandbox.url]);
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toMatch(/BATCH_WRONG_STATUS/);

    const self = await cli(['approve', String(batch), '--db', db, '--user', 'alice']);
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/SAME_USER_APPROVAL/);
    expect((await cli(['approve', String(batch), '--db', db, '--user', 'bob'])).code).toBe(0);

    const sent = await cli([
      'submit',
      String(batch),
      '--db',
      db,
      '--user',
      'alice',
      '--gate',
      sandbox.url,
      '--wait',
      '--json',
      ...FAST,
    ]);
    // With --wait the exit code says whether people were paid: two were declined, so 1.
    expect(sent.code).toBe(1);
    expect(JSON.parse(sent.stdout)).toMatchObject({ batch_status: 'completed', run: { stoppedBy: 'done' } });

    const status = await cli(['status', String(batch), '--db', db, '--json']);
    expect(status.code).toBe(0);
    const doc = JSON.parse(status.stdout);
    expect(doc.batch_id).toBe(batch);
    // Row 10 pays 404.00 and row 20 pays 400.00: the test project declines those amounts.
    expect(doc.counts).toEqual({ success: 18, decline: 2 });
    expect(doc.sums_fen.decline).toBe(80_400);
    expect(Object.keys(doc.rows[0])).toEqual(
      expect.arrayContaining(['payment_id', 'status', 'code', 'message']),
    );
    expect(doc.rows.find((row: { payment_id: string }) => row.payment_id === 'CLI-A-000020')).toMatchObject({
      status: 'decline',
      code: '20105',
    });
  });

  it('cancels the unsent rest of a paused batch and keeps what was sent', async () => {
    const db = join(dir, 'b.sqlite');
    const batch = await importBatch(db, 'CLI-B', 5);
    expect((await cli(['approve', String(batch), '--db', db, '--user', 'bob'])).code).toBe(0);
    expect((await cli(['cancel', String(batch), '--db', db, '--user', 'carol'])).code).toBe(0);
    const doc = JSON.parse((await cli(['status', String(batch), '--db', db, '--json'])).stdout);
    expect(doc).toMatchObject({ batch_status: 'cancelled', counts: { cancelled: 5 } });
    const again = await cli(['submit', String(batch), '--db', db, '--user', 'alice', '--gate', sandbox.url]);
    expect(again.code).toBe(1);
    expect(sandbox.ledger().some((entry) => entry.payment_id.startsWith('CLI-B'))).toBe(false);
  });

  it('runs the embedded sandbox in-process when no --gate is given, and status still reads afterwards', async () => {
    const db = join(dir, 'c.sqlite');
    const batch = await importBatch(db, 'CLI-C', 3);
    await cli(['approve', String(batch), '--db', db, '--user', 'bob']);
    const sent = await cli(['submit', String(batch), '--db', db, '--user', 'alice', '--wait', ...FAST]);
    expect(sent.code).toBe(0);
    const doc = JSON.parse((await cli(['status', String(batch), '--db', db, '--json'])).stdout);
    expect(doc.counts).toEqual({ success: 3 });
  });
});

describe('recheck', () => {
  it('records a reversal after success, and sends nothing', async () => {
    const db = join(dir, 'r.sqlite');
    const batch = await importBatch(db, 'CLI-R', 3);
    await cli(['approve', String(batch), '--db', db, '--user', 'bob']);
    expect(
      (
        await cli([
          'submit',
          String(batch),
          '--db',
          db,
          '--user',
          'alice',
          '--gate',
          sandbox.url,
          '--wait',
          ...FAST,
        ])
      ).code,
    ).toBe(0);
    const reversed = await fetch(`${sandbox.url}/__sandbox/reverse`, {
      method: 'POST',
      body: JSON.stringify({ payment_id: 'CLI-R-000002' }),
    });
    expect(reversed.status).toBe(200);
    const requestsBefore = sandbox.stats().requests.payout;

    const result = await cli([
      'recheck',
      String(batch),
      '--db',
      db,
      '--user',
      'carol',
      '--gate',
      sandbox.url,
      '--json',
      ...FAST,
    ]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.counts).toEqual({ success: 2, reversed: 1 });
    expect(sandbox.stats().requests.payout).toBe(requestsBefore);

    const sqlite = openDatabase(db);
    try {
      const event = sqlite
        .prepare(
          `SELECT e.from_state, e.to_state, e.detail FROM payout_events e JOIN payouts p ON p.id = e.payout_id
           WHERE p.payment_id = 'CLI-R-000002' ORDER BY e.id DESC LIMIT 1`,
        )
        .get() as { from_state: string; to_state: string; detail: string };
      expect(event).toMatchObject({ from_state: 'success', to_state: 'reversed' });
      expect(JSON.parse(event.detail).reversed_after_success).toBe(true);
    } finally {
      sqlite.close();
    }
  });
});

describe('timing guards', () => {
  it('refuses to trust "not found" sooner than a request can time out', async () => {
    const db = join(dir, 'd.sqlite');
    const batch = await importBatch(db, 'CLI-D', 1);
    await cli(['approve', String(batch), '--db', db, '--user', 'bob']);
    const result = await cli([
      'submit',
      String(batch),
      '--db',
      db,
      '--user',
      'alice',
      '--gate',
      sandbox.url,
      '--not-found-grace-ms',
      '100',
      '--timeout-ms',
      '1000',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not-found-grace-ms/);
  });
});

describe('cup-payouts sandbox', () => {
  it('prints its base URL as the first line and serves until killed', async () => {
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0', '--seed', '7']);
    const firstLine = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).once('line', resolve);
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ledger = await fetch(`${firstLine}/__sandbox/ledger`).then((r) => r.json());
    expect(ledger).toEqual([]);
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
  });
});
