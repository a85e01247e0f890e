/**
 * Files that were misread without a word before: every cell must be read exactly as written, or the row
 * refused with a specific code. Each case is a file a finance operator or a hostile tester produced.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contentDigest } from '../../electron/core/csv/index.js';
import { describeIssue } from '../../electron/core/i18n/rowIssues.js';
import { readPayoutFile, validatePayoutFile, validatePayoutRows } from '../../electron/core/intake.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import type { IssueCode, ValidatedRow } from '../../electron/core/types.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { withLuhnDigit } from '../fixtures/payoutFile.js';
import {
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
} from '../../electron/core/security/index.js';

let reference: ReferenceData;
beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
});

const HEADER =
  'payment_id,currency,card_number,bank_id,region_id,phone,email,branch,bank_city,street,zip,description,last_name,first_name,amount';
const CARD = '6228481234567890128';
const TAIL_BEFORE_NAME = `CNY,${CARD},1,5,13800138000,a@example.com,天河支行,广州,天河路385号,510620,佣金`;

function file(lines: string[], eol = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(eol) + eol);
}

function validate(bytes: Uint8Array, options: Partial<Parameters<typeof validatePayoutFile>[3]> = {}) {
  return validatePayoutFile(bytes, 'payouts.csv', reference, { method: 'cup-p2p', ...options });
}

function codes(row: ValidatedRow | undefined): IssueCode[] {
  return (row?.issues ?? []).map((issue) => issue.code);
}

function issue(row: ValidatedRow | undefined, code: IssueCode) {
  const found = row?.issues.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} on the row: ${codes(row).join(', ')}`);
  return found;
}

describe('a row whose cell count differs from the header', () => {
  it('refuses 12,345.00 written without quotes instead of storing 12.00', () => {
    const result = validate(file([HEADER, `P-1,${TAIL_BEFORE_NAME},张,伟,12,345.00`]));
    const row = result.rows[0];
    expect(row?.status).toBe('error');
    const shape = issue(row, 'ROW_SHAPE');
    expect(shape.params).toEqual({ cells: 16, expected: 15 });
    expect(describeIssue(shape, 'en')).toMatch(/16 cells but the header has 15.*12,345\.00/);
    expect(describeIssue(shape, 'zh-CN')).toContain('千位分隔符');
    expect(result.summary.total_fen).toBe(0);
  });

  it('refuses a row with a cell missing', () => {
    const result = validate(file([HEADER, `P-1,${TAIL_BEFORE_NAME},张,1234.56`]));
    expect(issue(result.rows[0], 'ROW_SHAPE').params).toEqual({ cells: 14, expected: 15 });
  });

  it('reads the same value quoted as one cell, and ignores trailing blank cells', () => {
    const result = validate(
      file([HEADER, `P-1,${TAIL_BEFORE_NAME},张,伟,"12,345.00"`, `P-2,${TAIL_BEFORE_NAME},李,娜,10.00,,`]),
    );
    expect(result.rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(result.rows[0]?.payout.amount_fen).toBe(1_234_500);
    expect(codes(result.rows[1])).not.toContain('ROW_SHAPE');
  });
});

describe('the same rows saved with other bytes', () => {
  const lines = [HEADER, `P-1,${TAIL_BEFORE_NAME},张,伟,1234.56`, `P-2,${TAIL_BEFORE_NAME},李,娜,10.00`];

  const read = (bytes: Uint8Array) => readPayoutFile(bytes, 'x.csv', { contentDigest: true }).file;

  it('have the same content digest whatever the line endings, BOM or encoding', () => {
    const lf = read(file(lines));
    const crlf = read(file(lines, '\r\n'));
    const cr = read(new TextEncoder().encode(lines.join('\r') + '\r\r'));
    const bom = read(new Uint8Array([0xef, 0xbb, 0xbf, ...file(lines)]));
    const gb = read(encodeGbk(lines.join('\r\n') + '\r\n'));
    expect(new Set([lf.sha256, crlf.sha256, cr.sha256, bom.sha256, gb.sha256]).size).toBe(5);
    expect(lf.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const other of [crlf, cr, bom, gb]) expect(other.content_sha256).toBe(lf.content_sha256);
  });

  it('are hashed in chunks without splitting a CRLF at a chunk boundary', () => {
    const head = 'a'.repeat((1 << 20) - 1);
    expect(contentDigest(`${head}\r\nb\r\n`)).toBe(contentDigest(`${head}\nb`));
    expect(contentDigest(`${head}\rb`)).toBe(contentDigest(`${head}\nb`));
    expect(contentDigest(`${head}\nb`)).not.toBe(contentDigest(`${head}b`));
  });

  it('differ as soon as one cell differs', () => {
    const changed = lines.map((l) => l.replace('10.00', '10.01'));
    expect(read(file(changed)).content_sha256).not.toBe(read(file(lines)).content_sha256);
  });
});

describe('Excel damage', () => {
  it('refuses an ID number and a phone in scientific notation (EXCEL_DAMAGED on that field)', () => {
    const header = `${HEADER},id_number`;
    const result = validate(
      file(
        [header, `P-1,${TAIL_BEFORE_NAME},张,伟,100.00,4.40106E+17`].concat(
          `P-2,CNY,${withLuhnDigit('622848000000000001')},1,5,1.38001E+10,a@example.com,天河支行,广州,天河路385号,510620,佣金,张,伟,100.00,`,
        ),
      ),
    );
    expect(issue(result.rows[0], 'EXCEL_DAMAGED')).toMatchObject({ field: 'id_number', severity: 'error' });
    expect(issue(result.rows[1], 'EXCEL_DAMAGED')).toMatchObject({ field: 'phone', severity: 'error' });
    expect(codes(result.rows[1])).not.toContain('PHONE_INVALID');
  });

  it('refuses a card whose digits after the 15th are zero and which fails Luhn', () => {
    // 622848123456789 + 0000: Excel kept 15 digits.
    const damaged = '6228481234567890000';
    const result = validate(
      file([
        HEADER,
        `P-1,CNY,${damaged},1,5,13800138000,a@example.com,支行,广州,路1号,510620,佣金,张,伟,100.00`,
      ]),
    );
    expect(issue(result.rows[0], 'PAN_EXCEL_DAMAGED')).toMatchObject({ severity: 'error' });
    expect(result.rows[0]?.status).toBe('error');
  });
});

describe('text hygiene', () => {
  it('refuses a 350,000-character name with FIELD_TOO_LONG, without echoing it', () => {
    const long = '张'.repeat(350_000);
    const result = validate(file([HEADER, `P-1,${TAIL_BEFORE_NAME},张,${long},100.00`]));
    const tooLong = issue(result.rows[0], 'FIELD_TOO_LONG');
    expect(tooLong).toMatchObject({ field: 'first_name', params: { length: 350_000, max: 50 } });
    expect(codes(result.rows[0])).toEqual(['FIELD_TOO_LONG']);
    expect(describeIssue(tooLong, 'en')).toBe(
      'First name is 350000 characters long; at most 50 are allowed.',
    );
    expect(result.rows[0]!.payout.first_name.length).toBeLessThan(40);
  });

  it.each([
    ['a text-direction override', 'last_name', '张\u202e伟', 'bidi', 'U+202E'],
    ['a zero-width space', 'branch', '天河\u200b支行', 'invisible', 'U+200B'],
    ['a bell', 'description', '佣金\u0007', 'control', 'U+0007'],
  ])('refuses %s in a cell with TEXT_CONTROL_CHARS', (_what, field, value, kind, char) => {
    const cells: Record<string, string> = { last_name: '张', branch: '天河支行', description: '佣金' };
    cells[field] = value;
    const line = `P-1,CNY,${CARD},1,5,13800138000,a@example.com,${cells['branch']},广州,路1号,510620,${cells['description']},${cells['last_name']},伟,100.00`;
    const result = validate(file([HEADER, line]));
    const found = issue(result.rows[0], 'TEXT_CONTROL_CHARS');
    expect(found).toMatchObject({ field, severity: 'error', params: { kind, char } });
    const message = describeIssue(found, 'en');
    expect(message).toContain(`<${char}>`);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u200b\u202e]/);
    expect(JSON.stringify(result.rows[0]!.payout)).not.toContain(value);
  });
});

describe('a line break inside a quoted cell', () => {
  it.each([
    ['a middle row', 0],
    ['the last row', 1],
  ])('is refused with TEXT_CONTROL_CHARS in %s', (_where, index) => {
    const broken = `P-9,${TAIL_BEFORE_NAME.replace('佣金', '"佣金\n第二行"')},王,芳,100.00`;
    const good = `P-1,${TAIL_BEFORE_NAME},张,伟,200.00`;
    const rows = index === 0 ? [broken, good] : [good, broken];
    const result = validate(file([HEADER, ...rows], '\r\n'));
    const row = result.rows[index];
    expect(issue(row, 'TEXT_CONTROL_CHARS')).toMatchObject({
      field: 'description',
      params: { char: 'U+000A' },
    });
    expect(codes(result.rows[1 - index])).toEqual([]);
  });
});

describe('currency words', () => {
  it.each(['CNY', 'cny', 'Cny', 'RMB', 'rmb', '人民币', '元', 'ＣＮＹ', '￥'])('reads %s as CNY', (word) => {
    const result = validate(file([HEADER, `P-1,${TAIL_BEFORE_NAME.replace('CNY', word)},张,伟,100.00`]));
    expect(codes(result.rows[0])).toEqual([]);
    expect(result.rows[0]?.payout.currency).toBe('CNY');
  });

  it('still refuses another currency', () => {
    const result = validate(file([HEADER, `P-1,${TAIL_BEFORE_NAME.replace('CNY', 'USD')},张,伟,100.00`]));
    expect(codes(result.rows[0])).toEqual(['CURRENCY_UNSUPPORTED']);
  });
});

describe('fields every request must carry', () => {
  const minimal = 'amount,card_number,bank_id,region_id,last_name,first_name';

  it('reports REQUIRED_MISSING for each mandatory field neither the file nor a default gives', () => {
    const result = validate(file([minimal, `100.00,${CARD},1,5,张,伟`]));
    const missing = result.rows[0]!.issues.filter((i) => i.code === 'REQUIRED_MISSING').map((i) => i.field);
    expect(missing.sort()).toEqual(
      ['bank_city', 'branch', 'city', 'description', 'email', 'phone', 'street', 'zip'].sort(),
    );
    const zip = result.rows[0]!.issues.find((i) => i.field === 'zip')!;
    expect(describeIssue(zip, 'en')).toBe(
      "Postal code is required, but the file has no such column and no default is set (settings' payout defaults or --payout-zip).",
    );
  });

  it('fills them from the organisation defaults, and the province from the region', () => {
    const result = validate(
      file([
        'amount,card_number,bank_id,region_id,last_name,first_name,phone,branch,bank_city',
        `100.00,${CARD},1,5,张,伟,13800138000,天河支行,广州`,
      ]),
      { defaults: { email: 'pay@corp.example', description: '佣金', street: '天河路385号', zip: '510620' } },
    );
    expect(result.rows[0]?.issues).toEqual([]);
    expect(result.rows[0]?.payout).toMatchObject({
      email: 'pay@corp.example',
      description: '佣金',
      street: '天河路385号',
      zip: '510620',
      province: '广东省',
      city: '广州',
      bank_city: '广州',
    });
  });

  it('reads the province column in any accepted spelling as its Chinese name; a zip has 6 digits', () => {
    const header = `${HEADER},province`;
    const result = validate(
      file([
        header,
        `P-1,${TAIL_BEFORE_NAME},张,伟,100.00,Guangdong Sheng`,
        `P-2,${TAIL_BEFORE_NAME.replace('510620', '５１０６２０')},李,娜,10.00,广东`,
        `P-3,${TAIL_BEFORE_NAME.replace('510620', '51062')},王,芳,11.00,火星`,
      ]),
    );
    expect(result.rows[0]?.payout.province).toBe('广东省');
    expect(result.rows[1]?.payout).toMatchObject({ province: '广东省', zip: '510620' });
    expect(codes(result.rows[2])).toEqual(expect.arrayContaining(['ZIP_INVALID', 'REGION_UNKNOWN']));
    expect(issue(result.rows[2], 'REGION_UNKNOWN').field).toBe('province');
  });
});

describe('provinces and regions in traditional characters', () => {
  it('resolves 廣東省 and 臺灣 as Hong Kong and Taiwan files write them', () => {
    const header = `${HEADER},province`;
    const result = validate(
      file([
        header,
        `P-1,${TAIL_BEFORE_NAME},張,偉,100.00,廣東省`,
        `P-2,${TAIL_BEFORE_NAME.replace(',1,5,', ',1,臺灣,')},陳,大文,10.00,`,
      ]),
    );
    expect(result.rows[0]?.payout.province).toBe('广东省');
    expect(result.rows[1]?.payout).toMatchObject({ region_id: 30, province: '台湾省' });
  });
});

describe('bank account numbers in card.pan (a per-method setting)', () => {
  it('accepts 8-32 digits without card checks, and refuses anything else with ACCOUNT_NUMBER_INVALID', () => {
    const result = validate(
      file([
        HEADER,
        `P-1,${TAIL_BEFORE_NAME.replace(CARD, '4400 1234 5678 9012 3')},张,伟,100.00`,
        `P-2,${TAIL_BEFORE_NAME.replace(CARD, '44001234X678')},李,娜,100.00`,
      ]),
      { panKind: 'account' },
    );
    expect(result.rows[0]?.issues).toEqual([]);
    expect(result.rows[0]?.payout.card_number).toBe('440012345678901230'.slice(0, 17));
    expect(codes(result.rows[1])).toEqual(['ACCOUNT_NUMBER_INVALID']);
  });
});

describe('payouts of earlier batches', () => {
  // Earlier payouts' cards are stored only as a keyed hash; the file's card is compared by the same key.
  const { cardHash } = createFieldCipher(deriveKeys(generateInstallationKey()));

  it('warns PAYOUT_DUPLICATE_HISTORY naming the batch, its date and status', () => {
    const read = readPayoutFile(
      file([
        HEADER,
        `P-1,${TAIL_BEFORE_NAME},张,伟,100.00`,
        `P-2,${TAIL_BEFORE_NAME.replace(CARD, withLuhnDigit('622848000000000002'))},李,娜,100.00`,
      ]),
      'a.csv',
    );
    const result = validatePayoutRows(read, reference, {
      method: 'cup-p2p',
      earlierPayouts: [
        {
          card_hash: cardHash(CARD),
          amount_fen: 10_000,
          batch_id: 7,
          created_at: '2026-11-20T08:00:00.000Z',
          status: 'completed',
        },
        {
          card_hash: cardHash(CARD),
          amount_fen: 10_000,
          batch_id: 9,
          created_at: '2026-11-28T08:00:00.000Z',
          status: 'approved',
        },
        {
          card_hash: cardHash(CARD),
          amount_fen: 20_000,
          batch_id: 10,
          created_at: '2026-11-29T08:00:00.000Z',
          status: 'draft',
        },
      ],
      cardKey: cardHash,
      historyDays: 30,
    });
    const found = issue(result.rows[0], 'PAYOUT_DUPLICATE_HISTORY');
    expect(found).toMatchObject({
      severity: 'warning',
      params: { batch_id: 9, date: '2026-11-28', status: 'approved', others: 1 },
    });
    expect(describeIssue(found, 'en')).toBe(
      'Card number 622848******0128 was already paid 100.00 in batch 9 (imported 2026-11-28, status approved) and 1 more batch(es) within the last 30 days: make sure this is not the same payout twice.',
    );
    expect(codes(result.rows[1])).toEqual([]);
  });
});

describe('validating rows as they are read', () => {
  it('gives the same rows, issues and summary as validating the collected rows', () => {
    const lines = [
      HEADER,
      `P-1,${TAIL_BEFORE_NAME},张,伟,100.00`,
      `P-2,${TAIL_BEFORE_NAME.replace('佣金', '"佣金\n第二行"')},李,娜,200.00`,
      `P-1,${TAIL_BEFORE_NAME},王,芳,5.00`,
      `P-4,${TAIL_BEFORE_NAME},赵,敏,12,345.00`,
    ];
    const bytes = file(lines, '\r\n');
    const streamed = validatePayoutFile(bytes, 'x.csv', reference, { method: 'cup-p2p' });
    const collected = validatePayoutRows(readPayoutFile(bytes, 'x.csv'), reference, { method: 'cup-p2p' });
    const shape = (r: typeof streamed) => r.rows.map((row) => [row.line, row.status, codes(row)]);
    expect(shape(streamed)).toEqual(shape(collected));
    expect(shape(streamed)).toEqual([
      [2, 'ok', []],
      [3, 'error', ['TEXT_CONTROL_CHARS']],
      [5, 'error', ['AMOUNT_BELOW_MIN', 'PAYMENT_ID_DUPLICATE']],
      [6, 'error', ['ROW_SHAPE']],
    ]);
    expect(streamed.summary).toEqual(collected.summary);
    expect(streamed.file.rows).toBe(4);
  });
});
