/**
 * The rules issue 8 added, one function at a time, with their boundaries: mandatory fields and their
 * defaults, postal codes and provinces, text hygiene, currency words, account numbers and earlier payouts.
 */
import { describe, expect, it } from 'vitest';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import type { RowIssue, ValidatedRow } from '../../electron/core/types.js';
import {
  checkProvince,
  checkZip,
  DEFAULT_OPTION,
  requiredWithDefault,
} from '../../electron/core/validation/address.js';
import { checkAccountNumber } from '../../electron/core/validation/card.js';
import { checkCurrency } from '../../electron/core/validation/currency.js';
import { flagHistoryDuplicates } from '../../electron/core/validation/history.js';
import {
  checkTextHygiene,
  escapeUnsafe,
  FIELD_MAX_LENGTH,
  keepHygieneIssuesOnly,
  textMayHoldUnsafeCharacters,
} from '../../electron/core/validation/hygiene.js';
import { buildRegionIndex } from '../../electron/core/validation/region.js';
import {
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
} from '../../electron/core/security/index.js';

const regions = buildRegionIndex(loadReferenceData(SOURCE_REFERENCE_DIR).regions);

function run<T>(rule: (issues: RowIssue[]) => T): { value: T; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  return { value: rule(issues), issues };
}

describe('requiredWithDefault', () => {
  it('takes the cell, else the default, else reports REQUIRED_MISSING with where it was missing', () => {
    expect(run((i) => requiredWithDefault('zip', '510620', '100000', true, i))).toEqual({
      value: '510620',
      issues: [],
    });
    expect(run((i) => requiredWithDefault('zip', '', '100000', true, i))).toEqual({
      value: '100000',
      issues: [],
    });
    expect(run((i) => requiredWithDefault('zip', '', '', false, i))).toEqual({
      value: '',
      issues: [
        {
          code: 'REQUIRED_MISSING',
          severity: 'error',
          field: 'zip',
          params: { source: 'no_column', option: '--payout-zip' },
        },
      ],
    });
    // A field no default can fill names no option.
    expect(run((i) => requiredWithDefault('branch', '', undefined, true, i)).issues[0]?.params).toEqual({
      source: 'empty',
    });
  });

  it('names the option of every field a default can fill', () => {
    expect(DEFAULT_OPTION).toEqual({
      email: '--payout-email',
      description: '--payout-description',
      city: '--payout-city',
      street: '--payout-street',
      zip: '--payout-zip',
      phone: '--payout-phone',
    });
  });
});

describe('checkZip', () => {
  it.each([
    ['510620', '510620'],
    ['５１０６２０', '510620'],
    ['', ''],
  ])('accepts %j as %j', (cell, zip) => {
    expect(run((i) => checkZip(cell, i))).toEqual({ value: zip, issues: [] });
  });

  it.each(['51062', '5106201', 'a10620', '51062a', 'x510620', '510620x', '51 620'])('refuses %j', (cell) => {
    const { value, issues } = run((i) => checkZip(cell, i));
    expect(value).toBe(cell);
    expect(issues).toEqual([
      { code: 'ZIP_INVALID', severity: 'error', field: 'zip', params: { value: cell } },
    ]);
  });
});

describe('checkProvince', () => {
  it('takes the region’s Chinese name when the cell is empty, nothing when the region is unknown too', () => {
    expect(run((i) => checkProvince('', 5, regions, i))).toEqual({ value: '广东省', issues: [] });
    expect(run((i) => checkProvince('', null, regions, i))).toEqual({ value: '', issues: [] });
  });

  it.each(['广东', '广东省', 'Guangdong Sheng', 'guangdong', '5', '廣東省'])('reads %j as 广东省', (cell) => {
    expect(run((i) => checkProvince(cell, 2, regions, i))).toEqual({ value: '广东省', issues: [] });
  });

  it('refuses a name that is no province, on the province field', () => {
    expect(run((i) => checkProvince('火星', 5, regions, i))).toEqual({
      value: '火星',
      issues: [{ code: 'REGION_UNKNOWN', severity: 'error', field: 'province', params: { value: '火星' } }],
    });
  });
});

describe('text hygiene', () => {
  it('returns null and leaves the values alone when every cell is clean and within its limit', () => {
    const values = {
      last_name: '张',
      first_name: '伟'.repeat(FIELD_MAX_LENGTH.first_name),
      street: '路 1 号  ',
    };
    expect(run((i) => checkTextHygiene(values, i))).toEqual({ value: null, issues: [] });
    expect(values.first_name).toHaveLength(50);
  });

  it('counts the trimmed text against the limit, one character over is too long', () => {
    const atLimit = { first_name: `  ${'伟'.repeat(50)}  ` };
    expect(run((i) => checkTextHygiene(atLimit, i)).value).toBeNull();
    const over = { first_name: '伟'.repeat(51) };
    const { value, issues } = run((i) => checkTextHygiene(over, i));
    expect([...(value ?? [])]).toEqual(['first_name']);
    expect(issues).toEqual([
      { code: 'FIELD_TOO_LONG', severity: 'error', field: 'first_name', params: { length: 51, max: 50 } },
    ]);
    expect(over.first_name).toBe(`${'伟'.repeat(24)}…`);
  });

  it.each([
    ['\u202e', 'bidi'],
    ['\u200e', 'bidi'],
    ['\u2066', 'bidi'],
    ['\u200b', 'invisible'],
    ['\ufeff', 'invisible'],
    ['\u00ad', 'invisible'],
    ['\u2060', 'invisible'],
    ['\u0001', 'control'],
    ['\t', 'control'],
    ['\n', 'control'],
    ['\u007f', 'control'],
    ['\u0085', 'control'],
  ])('flags %j as %s, naming its code point and position', (ch, kind) => {
    const values = { description: `佣金${ch}三月` };
    const { value, issues } = run((i) => checkTextHygiene(values, i));
    expect([...(value ?? [])]).toEqual(['description']);
    const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    expect(issues).toEqual([
      {
        code: 'TEXT_CONTROL_CHARS',
        severity: 'error',
        field: 'description',
        params: { kind, char: code, position: 3, value: `佣金<${code}>三月` },
      },
    ]);
    expect(values.description).toBe(`佣金<${code}>三月`);
  });

  it.each(Object.entries(FIELD_MAX_LENGTH))(
    'finds %s too long also when the whole text was found clean',
    (field, max) => {
      const values = { [field]: 'x'.repeat(max + 1) };
      expect(run((i) => checkTextHygiene(values, i, false)).issues).toEqual([
        { code: 'FIELD_TOO_LONG', severity: 'error', field, params: { length: max + 1, max } },
      ]);
    },
  );

  it('takes whitespace around a value for padding, not for a control character, and counts positions in the trimmed value', () => {
    expect(
      run((i) => checkTextHygiene({ description: ' 佣金\t', branch: '\n天河支行 ' }, i)).value,
    ).toBeNull();
    const { issues } = run((i) => checkTextHygiene({ description: '  佣\u0007金' }, i));
    expect(issues[0]?.params).toMatchObject({ position: 2, value: '佣<U+0007>金' });
  });

  it('checks only lengths when the whole text was found clean', () => {
    expect(run((i) => checkTextHygiene({ description: '佣金\u202e' }, i, false)).value).toBeNull();
    expect(run((i) => checkTextHygiene({ description: '佣'.repeat(256) }, i, false)).issues[0]?.code).toBe(
      'FIELD_TOO_LONG',
    );
  });

  it('escapes each unsafe character as <U+XXXX>, upper case and four digits', () => {
    expect(escapeUnsafe('a\u0007b\u202ec\u00add')).toBe('a<U+0007>b<U+202E>c<U+00AD>d');
    expect(escapeUnsafe('张伟 ok')).toBe('张伟 ok');
  });

  it('scans a whole file for unsafe characters, line breaks aside, and tabs only where they are not the delimiter', () => {
    expect(textMayHoldUnsafeCharacters('a,b\r\nc,d\n', false)).toBe(false);
    expect(textMayHoldUnsafeCharacters('a,b\tc\n', false)).toBe(true);
    expect(textMayHoldUnsafeCharacters('a\tb\n', true)).toBe(false);
    expect(textMayHoldUnsafeCharacters('a\tb\u202e\n', true)).toBe(true);
    expect(textMayHoldUnsafeCharacters('a,\u000b\n', false)).toBe(true);
  });

  it('keeps the hygiene issues of flagged fields and every issue of the others', () => {
    const issue = (code: RowIssue['code'], field: RowIssue['field']): RowIssue => ({
      code,
      severity: 'error',
      field,
      params: {},
    });
    const issues = [
      issue('FIELD_TOO_LONG', 'first_name'),
      issue('NAME_NOT_CHINESE', 'first_name'),
      issue('TEXT_CONTROL_CHARS', 'branch'),
      issue('REQUIRED_MISSING', 'branch'),
      issue('NAME_NOT_CHINESE', 'last_name'),
      issue('ROW_SHAPE', null),
    ];
    expect(keepHygieneIssuesOnly(issues, new Set(['first_name', 'branch'])).map((i) => i.code)).toEqual([
      'FIELD_TOO_LONG',
      'TEXT_CONTROL_CHARS',
      'NAME_NOT_CHINESE',
      'ROW_SHAPE',
    ]);
  });
});

describe('checkCurrency', () => {
  it.each(['', 'CNY', 'cny', 'RMB', 'Rmb', '人民币', '元', '人民币元', '¥', '￥', 'ＣＮＹ', 'CN¥'])(
    'reads %j as CNY',
    (cell) => {
      expect(run((i) => checkCurrency(cell, i))).toEqual({ value: 'CNY', issues: [] });
    },
  );

  it.each([
    ['usd', 'USD'],
    ['RMBB', 'RMBB'],
    ['美元', '美元'],
  ])('refuses %j, keeping the cell as written in the message', (cell, shown) => {
    expect(run((i) => checkCurrency(cell, i))).toEqual({
      value: shown,
      issues: [
        { code: 'CURRENCY_UNSUPPORTED', severity: 'error', field: 'currency', params: { value: cell } },
      ],
    });
  });
});

describe('checkAccountNumber', () => {
  it.each([
    ['12345678', '12345678'],
    ['1'.repeat(32), '1'.repeat(32)],
    ['6222 0212-3456 7890', '6222021234567890'],
    ['１２３４５６７８９', '123456789'],
  ])('accepts %j as %j', (cell, digits) => {
    expect(run((i) => checkAccountNumber(cell, i))).toEqual({ value: digits, issues: [] });
  });

  it.each([
    ['1234567', 7],
    ['1'.repeat(33), 33],
    ['12345678X', 9],
  ])('refuses %j (%d characters)', (cell, length) => {
    const { issues } = run((i) => checkAccountNumber(cell, i));
    expect(issues).toEqual([
      {
        code: 'ACCOUNT_NUMBER_INVALID',
        severity: 'error',
        field: 'card_number',
        params: expect.objectContaining({ length, min: 8, max: 32 }),
      },
    ]);
  });

  it('refuses scientific notation as Excel damage and an empty cell as missing', () => {
    expect(run((i) => checkAccountNumber('6.22202E+18', i)).issues[0]).toMatchObject({
      code: 'EXCEL_DAMAGED',
      field: 'card_number',
    });
    expect(run((i) => checkAccountNumber('', i)).issues[0]).toMatchObject({ code: 'REQUIRED_MISSING' });
  });
});

describe('flagHistoryDuplicates', () => {
  // Earlier payouts are known by the keyed hash of their card, as the store keeps them.
  const { cardHash } = createFieldCipher(deriveKeys(generateInstallationKey()));
  const row = (amount: number): ValidatedRow =>
    ({ line: 2, status: 'ok', issues: [], payout: { amount_fen: amount } }) as unknown as ValidatedRow;
  const earlier = (
    batch: number,
    amount: number,
    at: string,
    card: string | null = '6222021234567890128',
  ) => ({
    card_hash: card === null ? null : cardHash(card),
    amount_fen: amount,
    batch_id: batch,
    created_at: at,
    status: 'completed',
  });

  it('names the newest batch with the same card and amount, and how many others', () => {
    const rows = [row(10_000)];
    flagHistoryDuplicates(
      rows,
      ['6222021234567890128'],
      [
        earlier(3, 10_000, '2026-11-30T00:00:00Z'),
        earlier(4, 10_000, '2026-12-01T00:00:00Z'),
        earlier(2, 10_000, '2026-11-01T00:00:00Z'),
      ],
      30,
      cardHash,
    );
    expect(rows[0]?.issues).toEqual([
      {
        code: 'PAYOUT_DUPLICATE_HISTORY',
        severity: 'warning',
        field: null,
        params: expect.objectContaining({
          batch_id: 4,
          date: '2026-12-01',
          status: 'completed',
          others: 2,
          days: 30,
          // The row's own card, masked: the stored one is never in clear.
          pan: '622202******0128',
        }),
      },
    ]);
  });

  it('says nothing for another amount, another card, or a row without a comparable card', () => {
    const rows = [row(10_001), row(10_000), row(10_000)];
    flagHistoryDuplicates(
      rows,
      ['6222021234567890128', '6222021234567890129', null],
      [earlier(3, 10_000, '2026-11-30T00:00:00Z')],
      30,
      cardHash,
    );
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
  });

  it('finds nothing under another installation key, nor for an earlier payout stored without a hash', () => {
    const other = createFieldCipher(deriveKeys(generateInstallationKey())).cardHash;
    const rows = [row(10_000), row(10_000)];
    flagHistoryDuplicates(
      rows,
      ['6222021234567890128', null],
      [earlier(3, 10_000, '2026-11-30T00:00:00Z')],
      30,
      other,
    );
    flagHistoryDuplicates(
      rows,
      ['6222021234567890128', null],
      [earlier(5, 10_000, '2026-11-30T00:00:00Z', null)],
      30,
      cardHash,
    );
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
  });
});
