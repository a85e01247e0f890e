/**
 * Issue 8 through the command line as a whole process, on a real database file: files imported before
 * under other bytes, payees paid before, mandatory fields and their defaults, the request preview, hostile
 * cells and what reaches the terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { encodeBig5, encodeShiftJis } from '../fixtures/csv/legacyEncodings.js';
import { withLuhnDigit } from '../fixtures/payoutFile.js';
import { asUser, prepareDatabase, runCli } from './cliProcess.js';

/** Every command with the test accounts' password and the passphrase (those that act sign in with them). */
const cli = (...args: string[]) => runCli(args, asUser());

let dir: string;
let files = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, content);
  return path;
}
function db(): string {
  return join(dir, `c${++files}.db`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-intake8-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  'payment_id,amount,currency,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,province,city,street,zip,description';
function row(id: string, amount: string, card: string, name = '张,伟'): string {
  return `${id},${amount},CNY,${card},23,5,${name},13800138000,wei@example.com,天河支行,广州,广东省,广州,天河路385号,510620,佣金`;
}
const CARD_A = withLuhnDigit('622848000000000011');
const CARD_B = withLuhnDigit('622848000000000022');

describe('a file imported before, saved with other bytes', () => {
  it('is refused with FILE_ALREADY_IMPORTED whether re-saved with CRLF, a BOM or in GB18030', async () => {
    const database = db();
    // Two operators: the second tries the first one's file again.
    await prepareDatabase(database, { alice: ['operator'], bob: ['operator'] });
    const lines = [HEADER, row('R-1', '100.00', CARD_A), row('R-2', '200.00', CARD_B)];
    const first = await cli(
      'import',
      file(lines.join('\n') + '\n'),
      '--db',
      database,
      '--user',
      'alice',
      '--json',
    );
    expect(first.code).toBe(0);
    for (const variant of [
      lines.join('\r\n') + '\r\n',
      '\ufeff' + lines.join('\n') + '\n',
      encodeGbk(lines.join('\r\n') + '\r\n'),
    ]) {
      const again = await cli('import', file(variant), '--db', database, '--user', 'bob', '--json');
      expect(again.code).toBe(1);
      const report = JSON.parse(again.stdout);
      expect(report.refused.code).toBe('FILE_ALREADY_IMPORTED');
      expect(report.refused.message).toContain('same rows');
      expect(report.file.duplicate_of).toEqual([1]);
    }
    const listed = JSON.parse((await cli('list', '--db', database, '--json')).stdout);
    expect(listed.batches).toHaveLength(1);
  });
});

describe('the same payee and amount in an earlier batch', () => {
  it('warns PAYOUT_DUPLICATE_HISTORY naming the batch, its date and status; the window is a setting', async () => {
    const database = db();
    await prepareDatabase(database);
    expect(
      (
        await cli(
          'import',
          file(`${HEADER}\n${row('H-1', '100.00', CARD_A)}\n`),
          '--db',
          database,
          '--user',
          'alice',
        )
      ).code,
    ).toBe(0);
    const next = file(`${HEADER}\n${row('H-2', '100.00', CARD_A)}\n${row('H-3', '100.00', CARD_B)}\n`);
    const checked = await cli('validate', next, '--db', database, '--json');
    expect(checked.code).toBe(0);
    const rows = JSON.parse(checked.stdout).rows;
    const today = new Date().toISOString().slice(0, 10);
    expect(rows[0].issues).toEqual([
      expect.objectContaining({
        code: 'PAYOUT_DUPLICATE_HISTORY',
        severity: 'warning',
        message: expect.stringContaining(`in batch 1 (imported ${today}, status draft)`),
      }),
    ]);
    expect(rows[1].issues).toEqual([]);

    expect(
      (await cli('settings', 'set', 'duplicate-window-days', '0', '--db', database, '--user', 'admin')).code,
    ).toBe(0);
    const off = JSON.parse((await cli('validate', next, '--db', database, '--json')).stdout);
    expect(off.rows[0].issues).toEqual([]);
  });
});

describe('mandatory fields and organisation defaults', () => {
  const minimal = 'amount,card_number,bank_id,region_id,last_name,first_name,phone,branch,bank_city';
  const line = `100.00,${CARD_A},23,5,张,伟,13800138000,天河支行,广州`;

  it('reports REQUIRED_MISSING naming the option, and validates once --payout-* fill the gaps', async () => {
    const path = file(`${minimal}\n${line}\n`);
    const missing = await cli('validate', path);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Postal code is required, but the file has no such column');
    expect(missing.stdout).toContain('--payout-zip');

    const filled = await cli(
      'validate',
      path,
      '--json',
      '--payout-zip',
      '510620',
      '--payout-street',
      '天河路385号',
      '--payout-email',
      'pay@corp.example',
      '--payout-description',
      '佣金',
    );
    expect(filled.code).toBe(0);
    expect(JSON.parse(filled.stdout).rows[0].payout).toMatchObject({
      zip: '510620',
      street: '天河路385号',
      email: 'pay@corp.example',
      description: '佣金',
      province: '广东省',
    });
  });

  it('takes the defaults saved in the settings at import, and stores them with the payout', async () => {
    const database = db();
    await prepareDatabase(database);
    for (const [key, value] of [
      ['payout.zip', '510620'],
      ['payout.street', '天河路385号'],
      ['payout.email', 'pay@corp.example'],
      ['payout.description', '佣金'],
    ]) {
      expect((await cli('settings', 'set', key!, value!, '--db', database, '--user', 'admin')).code).toBe(0);
    }
    const imported = await cli(
      'import',
      file(`${minimal}\n${line}\n`),
      '--db',
      database,
      '--user',
      'alice',
      '--json',
    );
    expect(imported.code).toBe(0);
  });
});

describe('validate --preview', () => {
  it('shows the exact body that would be sent: every mandatory field, family name in first_name, card masked', async () => {
    const path = file(`${HEADER}\n${row('V-1', '1234.56', CARD_A, '伍,倩文')}\n`);
    const result = await cli('validate', path, '--preview', '1', '--json');
    expect(result.code).toBe(0);
    const [preview] = JSON.parse(result.stdout).requests;
    expect(preview).toMatchObject({ line: 2, payment_id: 'V-1', path: '/v2/payment/banks/cup-p2p/payout' });
    expect(preview.body).toEqual({
      general: { project_id: expect.any(Number), payment_id: 'V-1' },
      payment: { amount: 123456, currency: 'CNY', description: '佣金' },
      customer: {
        id: 'V-1',
        ip_address: '127.0.0.1',
        email: 'wei@example.com',
        state: '广东省',
        city: '广州',
        country: 'CN',
        // Payee data is shown masked wherever the console shows it, the phone as the card.
        phone: '138****8000',
        zip: '510620',
        street: '天河路385号',
        first_name: '伍',
        last_name: '倩文',
      },
      card: { pan: `${CARD_A.slice(0, 6)}******${CARD_A.slice(-4)}` },
      account: { bank_id: 23, region_id: 5, branch: '天河支行', city: '广州' },
    });
    expect(JSON.stringify(JSON.parse(result.stdout).requests)).not.toContain(CARD_A);
    expect(JSON.stringify(JSON.parse(result.stdout).requests)).not.toContain('13800138000');

    const human = await cli('validate', path, '--preview', '1');
    expect(human.stdout).toContain('Request for line 2 (POST /v2/payment/banks/cup-p2p/payout');
    expect(human.stdout).toContain('"first_name": "伍"');
  });
});

describe('hostile cells', () => {
  it('refuses a 16-million-character name with FIELD_TOO_LONG instead of crashing', async () => {
    const long = '张'.repeat(16_000_000);
    const result = await cli(
      'validate',
      file(`${HEADER}\n${row('L-1', '100.00', CARD_A, `张,${long}`)}\n`),
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const [reported] = JSON.parse(result.stdout).rows;
    expect(reported.issues.map((i: { code: string }) => i.code)).toEqual(['FIELD_TOO_LONG']);
    expect(result.stdout.length).toBeLessThan(10_000);
  }, 120_000);

  it('never writes a raw control or bidi character from the file to the terminal', async () => {
    const path = file(
      `${HEADER}\n${row('C-1', '100.00', CARD_A, '张\u202e,伟\u0007')}\n${row('C-2', '1.00', CARD_B).replace('23', '\u001b[31mBank')}\n`,
    );
    for (const args of [[], ['--json']]) {
      const result = await cli('validate', path, ...args);
      expect(result.code).toBe(1);
      // eslint-disable-next-line no-control-regex
      expect(result.stdout + result.stderr).not.toMatch(/[\u0007\u001b\u202e]/);
    }
    const human = await cli('validate', path);
    expect(human.stdout).toContain('<U+202E>');
  });
});

describe('bank account numbers for a method set to take them', () => {
  it('accepts an account number once pan.METHOD is account, and refuses letters with ACCOUNT_NUMBER_INVALID', async () => {
    const database = db();
    await prepareDatabase(database);
    const path = file(
      `${HEADER}\n${row('A-1', '100.00', '440012345678901')}\n${row('A-2', '100.00', '44001234X678')}\n`,
    );
    const asCards = JSON.parse((await cli('validate', path, '--db', database, '--json')).stdout);
    expect(asCards.rows[0].issues.map((i: { code: string }) => i.code)).toEqual(['PAN_INVALID']);

    expect(
      (await cli('settings', 'set', 'pan.cup-p2p', 'account', '--db', database, '--user', 'admin')).code,
    ).toBe(0);
    const asAccounts = JSON.parse((await cli('validate', path, '--db', database, '--json')).stdout);
    expect(asAccounts.rows[0].issues).toEqual([]);
    expect(asAccounts.rows[1].issues.map((i: { code: string }) => i.code)).toEqual([
      'ACCOUNT_NUMBER_INVALID',
    ]);
  });
});

describe('encodings automatic detection cannot tell', () => {
  const traditional = `${HEADER}\nT-1,100.00,CNY,${CARD_A},23,5,陳,大文,13800138000,chan@example.com,中環分行,廣州,,廣州,天河路385號,510620,佣金\n`;
  const japanese = `${HEADER}\nJ-1,100.00,CNY,${CARD_A},23,5,田中,太郎,13800138000,tanaka@example.com,支店,東京,,東京,銀座,510620,給与\n`;

  it('refuses a Big5 or Shift-JIS file with FILE_ENCODING_UNCERTAIN, naming the --encoding choices', async () => {
    for (const bytes of [encodeBig5(traditional), encodeShiftJis(japanese)]) {
      const result = await cli('validate', file(bytes));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^FILE_ENCODING_UNCERTAIN: /);
      expect(result.stderr).toContain('big5');
    }
  });

  it('reads the Big5 file with --encoding big5', async () => {
    const result = await cli('validate', file(encodeBig5(traditional)), '--encoding', 'big5', '--json');
    const report = JSON.parse(result.stdout);
    expect(report.file.encoding).toBe('big5');
    expect(report.rows[0].payout).toMatchObject({
      last_name: '陳',
      first_name: '大文',
      branch: '中環分行',
      province: '广东省',
    });
  });
});
