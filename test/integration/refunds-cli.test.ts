/**
 * Refund batches on the command line as whole processes, against a sandbox Paygate over real HTTP with the
 * real encryption and MAC: `import --kind refund`, the existing approve / submit / status / list / cancel on
 * the refund batch with their JSON shapes, `--paygate`, `credentials set --provider computop` with
 * `--env production`, and a refund above the capture refused before approval.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_MERCHANT_BLOWFISH_PASSWORD,
  TEST_MERCHANT_HMAC_PASSWORD,
  TEST_MERCHANT_ID,
} from '../../electron/core/providers/computop/testMerchant.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { asUser, FAST_SENDING, prepareDatabase, runCli, type CliResult } from './cliProcess.js';
import { tempDir } from './submissionHarness.js';

const PAY_500 = '0123456789abcdef0123456789abcdef'; // captured ¥500.00 in every sandbox Paygate
const PAY_1288 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'; // captured ¥1,288.00

let paygate: RunningSandbox;
let dir: string;

beforeAll(async () => {
  paygate = await startSandbox({ port: 0, finalAfterMs: 50 });
  dir = tempDir('cup-cli-refund-');
});
afterAll(async () => {
  await paygate?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], stdin = ''): Promise<CliResult> => runCli(args, asUser(), stdin);

function refundFile(name: string, rows: string[]): string {
  const file = join(dir, name);
  const header = 'pay_id,trans_id,amount,currency,reason,ref_nr,captured_amount';
  writeFileSync(file, [header, ...rows].join('\r\n') + '\r\n');
  return file;
}

async function importRefunds(db: string, file: string): Promise<number> {
  const imported = await cli(['import', file, '--kind', 'refund', '--db', db, '--user', 'alice', '--json']);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  return JSON.parse(imported.stdout).batch_id as number;
}

/** What the sandbox Paygate credited, per TransID (its ledger as the control route lists it). */
async function paygateCredits(): Promise<Array<{ trans_id: string; status: string; amount_fen: number }>> {
  const answer = await fetch(`${paygate.url}/__sandbox/paygate/ledger`);
  const ledger = (await answer.json()) as {
    credits: Array<{ trans_id: string; status: string; amount_fen: number }>;
  };
  return ledger.credits;
}

describe('refund batches on the command line', () => {
  it('imports, approves, submits to --paygate and reports status and list with the documented shapes', async () => {
    const db = join(dir, 'a.sqlite');
    // alice may approve too, only not what she imported herself.
    await prepareDatabase(db, { alice: ['operator', 'approver'], bob: ['approver'] });
    const batch = await importRefunds(
      db,
      refundFile('a.csv', [
        `${PAY_1288},CLI-R-1,100.00,CNY,damaged,INV1,`,
        `${PAY_1288},CLI-R-2,23.45,CNY,,,`,
      ]),
    );

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
      '--paygate',
      paygate.url,
      '--wait',
      '--json',
      ...FAST_SENDING,
    ]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ batch_status: 'completed' });

    const status = await cli(['status', String(batch), '--db', db, '--json']);
    expect(status.code).toBe(0);
    const doc = JSON.parse(status.stdout);
    expect(doc).toMatchObject({
      batch_id: batch,
      kind: 'refund',
      batch_status: 'completed',
      counts: { success: 2 },
    });
    expect(doc.sums_fen.success).toBe(12_345);
    // A refund row's payment_id is its TransID.
    expect(doc.rows.map((row: { payment_id: string }) => row.payment_id)).toEqual(['CLI-R-1', 'CLI-R-2']);

    // The human report speaks of refunds.
    const human = await cli(['status', String(batch), '--db', db, '--lang', 'zh-CN']);
    expect(human.stdout).toContain('所有退款均已完成。');
    expect(human.stdout).not.toMatch(/付款/);

    const listed = JSON.parse((await cli(['list', '--db', db, '--json'])).stdout).batches;
    expect(listed).toEqual([
      expect.objectContaining({ id: batch, kind: 'refund', method: 'chinapay', status: 'completed' }),
    ]);

    // The Paygate credited each TransID once, for the journaled amount.
    const credits = (await paygateCredits()).filter((c) => c.trans_id.startsWith('CLI-R-'));
    expect(credits.map((c) => [c.trans_id, c.status, c.amount_fen]).sort()).toEqual([
      ['CLI-R-1', 'OK', 10_000],
      ['CLI-R-2', 'OK', 2_345],
    ]);
  });

  it('refuses a refund file above the captured amount before approval (exit 1, nothing stored)', async () => {
    const db = join(dir, 'b.sqlite');
    await prepareDatabase(db);
    const file = refundFile('over.csv', [
      `${PAY_500},OV-1,400.00,CNY,,,500.00`,
      `${PAY_500},OV-2,100.01,CNY,,,500.00`,
    ]);
    const refused = await cli(['import', file, '--kind', 'refund', '--db', db, '--user', 'alice', '--json']);
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report).toMatchObject({ batch_id: null, stored: null, refused: { code: 'ROWS_HAVE_ERRORS' } });
    expect(report.error_rows).toHaveLength(1);
    expect(report.error_rows[0]).toMatchObject({ line: 3, payment_id: 'OV-2' });
    expect(report.error_rows[0].issues.map((i: { code: string }) => i.code)).toContain(
      'REFUND_ABOVE_CAPTURE',
    );
    expect(JSON.parse((await cli(['list', '--db', db, '--json'])).stdout).batches).toEqual([]);

    // In Chinese, without a stack trace.
    const zh = await cli([
      'import',
      file,
      '--kind',
      'refund',
      '--db',
      db,
      '--user',
      'alice',
      '--lang',
      'zh-CN',
    ]);
    expect(zh.code).toBe(1);
    expect(zh.stdout + zh.stderr).toMatch(/REFUND_ABOVE_CAPTURE: 退款 100.01/);
    expect(zh.stdout + zh.stderr).not.toMatch(/\n\s+at /);
  });

  it('sends as the stored merchant with --env production --paygate, and cancel works on a refund batch', async () => {
    const db = join(dir, 'c.sqlite');
    await prepareDatabase(db);
    const set = await cli(
      [
        'credentials',
        'set',
        '--provider',
        'computop',
        '--merchant-id',
        TEST_MERCHANT_ID,
        '--db',
        db,
        '--user',
        'admin',
      ],
      `${TEST_MERCHANT_HMAC_PASSWORD}\n${TEST_MERCHANT_BLOWFISH_PASSWORD}\n`,
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);

    const batch = await importRefunds(db, refundFile('c.csv', [`${PAY_1288},PROD-R-1,1.00,CNY,,,`]));
    await cli(['approve', String(batch), '--db', db, '--user', 'bob']);
    const sent = await cli([
      'submit',
      String(batch),
      '--db',
      db,
      '--user',
      'alice',
      '--env',
      'production',
      '--paygate',
      paygate.url,
      '--wait',
      ...FAST_SENDING,
      // Production never asks sooner than the provider allows.
      '--status-delay-ms',
      '10000',
    ]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const raw = openDatabase(db);
    try {
      expect(
        raw.prepare('SELECT environment, gate_url, merchant_id FROM batches WHERE id = ?').get(batch),
      ).toEqual({
        environment: 'production',
        gate_url: paygate.url,
        merchant_id: TEST_MERCHANT_ID,
      });
    } finally {
      raw.close();
    }

    const second = await importRefunds(db, refundFile('c2.csv', [`${PAY_1288},PROD-R-2,2.00,CNY,,,`]));
    expect((await cli(['approve', String(second), '--db', db, '--user', 'bob'])).code).toBe(0);
    expect((await cli(['cancel', String(second), '--db', db, '--user', 'carol'])).code).toBe(0);
    const doc = JSON.parse((await cli(['status', String(second), '--db', db, '--json'])).stdout);
    expect(doc).toMatchObject({ batch_status: 'cancelled', counts: { cancelled: 1 } });
  }, 60_000);
});
