import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { generatePayoutCsv } from '../fixtures/payoutFile.js';
import { asUser, prepareDatabase } from './cliProcess.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      // Every test account's password and the database's passphrase: importing is signed in.
      env: { ...process.env, LANG: 'C', ...asUser() },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The columns every request needs besides payment, card, bank and name (seeds 000-002), and their cells. */
const PAYEE_COLUMNS = 'phone,email,branch,bank_city,street,zip,description';
const PAYEE_CELLS = '13800138000,zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金';
const HEADER = `payment_id,amount,currency,card_number,bank_id,region_id,last_name,first_name,${PAYEE_COLUMNS}`;
const GOOD_ROW = `P-1,1234.56,CNY,6228481234567890128,1,5,张,伟,${PAYEE_CELLS}`;

describe('cup-payouts validate', () => {
  it('prints one JSON document with the documented shape and exits 0 when no row has an error', async () => {
    const path = file('ok.csv', `${HEADER}\n${GOOD_ROW}\n`);
    const result = await cli('validate', path, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.file).toMatchObject({ encoding: 'utf-8', delimiter: ',', rows: 1 });
    expect(doc.summary).toEqual({
      rows: 1,
      ok: 1,
      warnings: 0,
      errors: 0,
      total_fen: 123456,
      file_total_fen: 123456,
    });
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]).toMatchObject({ line: 2, payment_id: 'P-1', status: 'ok', issues: [] });
    // The file's payee data goes back masked, like what the database holds.
    expect(doc.rows[0].payout).toMatchObject({
      amount_fen: 123456,
      currency: 'CNY',
      card_number: '622848******0128',
      bank_id: 1,
      region_id: 5,
      last_name: '张',
      first_name: '伟',
    });
  });

  it('exits 1 when a row has an error, with code, severity, field and a message in the chosen language', async () => {
    const path = file(
      'bad.csv',
      `amount,card_number,bank_id,region_id,last_name,first_name,${PAYEE_COLUMNS}\n` +
        `5.00,6228481234567890128,1,5,张,伟,${PAYEE_CELLS}\n`,
    );
    const en = await cli('validate', path, '--json', '--method', 'cup-banks');
    expect(en.code).toBe(1);
    const issues = JSON.parse(en.stdout).rows[0].issues;
    expect(issues).toHaveLength(1);
    const issue = issues[0];
    expect(issue).toMatchObject({ code: 'AMOUNT_BELOW_MIN', severity: 'error', field: 'amount' });
    expect(issue.message).toContain('100.00');
    const zh = await cli('validate', path, '--json', '--method', 'cup-banks', '--lang', 'zh-CN');
    expect(JSON.parse(zh.stdout).rows[0].issues[0].message).toMatch(/金额/);
  });

  it('reads a GB18030 file with Chinese headers and resolves bank and region names', async () => {
    const text =
      '订单号,金额,币种,卡号,银行编号,地区编号,收款人姓名,手机号,邮箱,支行,开户城市,地址,邮编,备注\r\n' +
      'G-1,"1,000.00",cny,6228481234567890128,Bank Of China,广东,欧阳娜娜,13800138000,ouyang@example.com,' +
      '天河支行,广州,天河路385号,510620,佣金\r\n';
    const path = file('gbk.csv', encodeGbk(text));
    const result = await cli('validate', path, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.file.encoding).toBe('gb18030');
    expect(doc.rows[0].payout).toMatchObject({
      payment_id: 'G-1',
      amount_fen: 100000,
      bank_id: 6,
      region_id: 5,
      last_name: '欧阳',
      first_name: '娜娜',
      branch: '天河支行',
      bank_city: '广州',
      street: '天河路385号',
      zip: '510620',
      description: '佣金',
    });
  });

  it('maps other headers with --map', async () => {
    const path = file(
      'mapped.csv',
      'Betrag,Karte,Bank,Region,Nachname,Vorname,Telefon,Filiale,Bankort\n' +
        '88,6228481234567890128,1,26,王,芳,13800138000,天河支行,广州\n',
    );
    const result = await cli(
      'validate',
      path,
      '--json',
      '--map',
      'Betrag=amount,Karte=card_number,Bank=bank_id,Region=region_id,Nachname=last_name,Vorname=first_name,' +
        'Telefon=phone,Filiale=branch,Bankort=bank_city',
      // The mandatory fields this file has no column for, as the organisation's defaults.
      '--payout-email',
      'payouts@example.com',
      '--payout-street',
      '天河路385号',
      '--payout-zip',
      '510620',
      '--payout-description',
      '佣金',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).rows[0].payout).toMatchObject({
      amount_fen: 8800,
      region_id: 26,
      phone: '138****8000',
      branch: '天河支行',
      bank_city: '广州',
      email: 'payouts@example.com',
      zip: '510620',
    });
  });

  it('exits 2 with a message on stderr and nothing on stdout when the file cannot be imported', async () => {
    const missing = file('missing.csv', 'amount,card_number\n10,6228481234567890128\n');
    const result = await cli('validate', missing, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bank_id/);
    expect((await cli('validate', file('empty.csv', ''))).code).toBe(2);
    expect((await cli('validate', join(dir, 'no-such-file.csv'))).code).toBe(2);
    expect((await cli('validate', missing, '--method', 'alipay')).code).toBe(2);
    const noDb = await cli('validate', missing, '--db', join(dir, 'typo', 'console.sqlite'));
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/No console database/);
  });
});

describe('cup-payouts import', () => {
  it('stores a draft batch, refuses error rows unless --drop-errors, and reports used payment ids', async () => {
    const db = join(dir, 'import.sqlite');
    await prepareDatabase(db);
    const header = `payment_id,amount,card_number,bank_id,region_id,last_name,first_name,${PAYEE_COLUMNS}`;
    const mixed = file(
      'mixed.csv',
      `${header}\nM-1,10.00,6228481234567890128,1,5,张,伟,${PAYEE_CELLS}\n` +
        `M-2,abc,6228481234567890128,1,5,李,娜,${PAYEE_CELLS}\n`,
    );

    const refused = await cli('import', mixed, '--db', db, '--user', 'alice', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      batch_id: null,
      refused: { code: 'ROWS_HAVE_ERRORS' },
    });

    const stored = await cli('import', mixed, '--db', db, '--user', 'alice', '--json', '--drop-errors');
    expect(stored.code).toBe(0);
    const doc = JSON.parse(stored.stdout);
    expect(doc.batch_id).toBe(1);
    expect(doc.summary).toMatchObject({ rows: 2, ok: 1, errors: 1, total_fen: 1000 });

    const again = file('again.csv', `${header}\nM-1,20.00,6228481234567890128,1,5,张,伟,${PAYEE_CELLS}\n`);
    const validated = await cli('validate', again, '--db', db, '--json');
    expect(validated.code).toBe(1);
    expect(JSON.parse(validated.stdout).rows[0].issues[0].code).toBe('PAYMENT_ID_USED');

    const sqlite = new Database(db, { readonly: true });
    try {
      // The card is stored masked (its clear digits only sealed).
      expect(sqlite.prepare('SELECT payment_id, amount_fen, card_number FROM payouts').all()).toEqual([
        { payment_id: 'M-1', amount_fen: 1000, card_number: '622848******0128' },
      ]);
      const batch = sqlite
        .prepare('SELECT payout_count, total_fen, created_by FROM batches WHERE id = 1')
        .get();
      expect(batch).toEqual({ payout_count: 1, total_fen: 1000, created_by: 'alice' });
      const audit = sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'batch.import'").all();
      expect(audit).toEqual([{ actor: 'alice' }]);
    } finally {
      sqlite.close();
    }
  });

  it('refuses the same file twice unless --allow-duplicate-file', async () => {
    const db = join(dir, 'dup.sqlite');
    await prepareDatabase(db, { bob: ['operator'] });
    const path = file(
      'dup.csv',
      `amount,card_number,bank_id,region_id,last_name,first_name,${PAYEE_COLUMNS}\n` +
        `10.00,6228481234567890128,1,5,张,伟,${PAYEE_CELLS}\n`,
    );
    expect((await cli('import', path, '--db', db, '--user', 'bob')).code).toBe(0);
    const second = await cli('import', path, '--db', db, '--user', 'bob', '--json');
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).refused.code).toBe('FILE_ALREADY_IMPORTED');
    const forced = await cli('import', path, '--db', db, '--user', 'bob', '--json', '--allow-duplicate-file');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).file.duplicate_of).toEqual([1]);
  });

  it('needs --db and --user', async () => {
    const path = file('x.csv', `${HEADER}\n${GOOD_ROW}\n`);
    expect((await cli('import', path, '--user', 'a')).code).toBe(2);
    expect((await cli('import', path, '--db', join(dir, 'y.sqlite'))).code).toBe(2);
  });

  it('imports a 100,000-row file in one transaction with exact control totals', async () => {
    const db = join(dir, 'big.sqlite');
    await prepareDatabase(db, { carol: ['operator'] });
    const path = file('big.csv', generatePayoutCsv({ rows: 100_000, seed: 7, invalidShare: 0.05 }));
    const result = await cli('import', path, '--db', db, '--user', 'carol', '--drop-errors', '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.summary.rows).toBe(100_000);
    expect(doc.summary.errors).toBeGreaterThan(0);
    const sqlite = new Database(db, { readonly: true });
    try {
      const sums = sqlite.prepare('SELECT COUNT(*) AS n, SUM(amount_fen) AS fen FROM payouts').get();
      expect(sums).toEqual({ n: doc.summary.ok + doc.summary.warnings, fen: doc.summary.total_fen });
      expect(doc.stored).toEqual({
        payouts: sums && (sums as { n: number }).n,
        total_fen: doc.summary.total_fen,
      });
    } finally {
      sqlite.close();
    }
  }, 120_000);
});
