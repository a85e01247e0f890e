/**
 * Finding a bank as a person writes it: by ID, English or Chinese name (spaces and full-width forms ignored),
 * "did you mean" for an unknown cell, the warning for table entries that are region names, and the bank a
 * row resolved to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolvedBankNames } from '../../electron/core/app/banks.js';
import { validatedRowView } from '../../electron/core/app/views.js';
import { describeIssue } from '../../electron/core/i18n/rowIssues.js';
import { validatePayoutFile } from '../../electron/core/intake.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import { buildBankIndex, checkBank, type BankIndex } from '../../electron/core/validation/bank.js';
import {
  createBankSuggester,
  editDistance,
  similarity,
} from '../../electron/core/validation/bankSuggestions.js';
import type { MethodId, RowIssue, ValidatedRow } from '../../electron/core/types.js';
import { EN_HEADER, utf8 } from '../fixtures/csv/samples.js';

const P2P = { method: 'CUP P2P', method_zh: '银联 P2P' };
const QUICKPAY = { method: 'CUP QuickPay', method_zh: '银联快捷' };
let reference: ReferenceData;
let p2p: BankIndex;
let quickpay: BankIndex;

beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  p2p = buildBankIndex(reference.methods.get('cup-p2p')!.banks);
  quickpay = buildBankIndex(reference.methods.get('cup-quickpay')!.banks);
});

function bank(value: string, index = p2p, names = P2P) {
  const issues: RowIssue[] = [];
  return { id: checkBank(value, index, names, issues), issues };
}

/** The suggestions an unknown cell gets, as the English and Chinese params list them. */
function suggestionsFor(value: string, index = p2p) {
  const { id, issues } = bank(value, index);
  expect(id).toBeNull();
  expect(issues.map((issue) => issue.code)).toEqual(['BANK_UNKNOWN']);
  const params = issues[0]!.params;
  return { en: params['suggestions'], zh: params['suggestions_zh'], issue: issues[0]! };
}

describe('checkBank: ID, English or Chinese name', () => {
  it.each([
    ['中国工商银行', 23],
    ['中国 工商银行', 23],
    ['中国\u3000工商银行', 23],
    [' 中国工商银行 ', 23],
    ['２３', 23],
    ['ＨＺＢ', 22],
    ['ｂａｎｋ　ｏｆ　ｃｈｉｎａ', 6],
    ['BankOfChina', 6],
    ['Bank  Of China', 6],
    ['KEB Bank (China)', 1941],
    ['KEB Bank（China）', 1941],
    ['中国银行', 6],
    ['招商银行', 13],
    ['广发银行', 178],
    ['广东发展银行', 17],
    ['青海银行', 55501],
    ['德州银行', 366],
  ])('P2P resolves %j to %i without an issue', (value, id) => {
    expect(bank(value)).toEqual({ id, issues: [] });
  });

  it('resolves names in the method’s own table: QuickPay spells ICBC’s neighbours differently', () => {
    expect(bank('China Merchant Bank', quickpay, QUICKPAY)).toEqual({ id: 13, issues: [] });
    expect(bank('深圳发展银行', quickpay, QUICKPAY)).toEqual({ id: 29, issues: [] });
    expect(bank('汇丰银行', quickpay, QUICKPAY)).toEqual({ id: 116, issues: [] });
    expect(bank('汇丰银行')).toEqual({ id: 1911, issues: [] });
    expect(bank('深圳发展银行').issues[0]?.code).toBe('BANK_UNKNOWN');
  });
});

describe('BANK_LOOKS_LIKE_REGION', () => {
  it.each([
    ['16', 16, 'Jilin Sheng'],
    ['18', 18, 'Jiangxi Sheng'],
    ['29', 29, 'Tianjin Shi'],
    ['30', 30, 'Taiwan Sheng'],
    ['１６', 16, 'Jilin Sheng'],
    ['jilin  sheng', 16, 'Jilin Sheng'],
  ])('P2P %j resolves to %i with a warning naming %s', (value, id, name) => {
    expect(bank(value)).toEqual({
      id,
      issues: [
        {
          code: 'BANK_LOOKS_LIKE_REGION',
          severity: 'warning',
          field: 'bank_id',
          params: { value, id, name, method: 'CUP P2P', method_zh: '银联 P2P' },
        },
      ],
    });
  });

  it('29 in QuickPay is a bank (ShenZhen Development Bank): no warning', () => {
    expect(bank('29', quickpay, QUICKPAY)).toEqual({ id: 29, issues: [] });
  });

  it('says in both languages that the entry is a region name, naming it, its ID and the method', () => {
    const issue = bank('29').issues[0]!;
    expect(describeIssue(issue, 'en')).toBe(
      'Bank 29 is "Tianjin Shi" in the CUP P2P bank list: that is a region name, not a bank. Check the payee\'s bank before sending.',
    );
    expect(describeIssue(issue, 'zh-CN')).toBe(
      '银行 29 在 银联 P2P 的银行列表中为“Tianjin Shi”，这是地区名称而不是银行：请在付款前核对收款人的开户银行。',
    );
  });
});

describe('BANK_UNKNOWN: did you mean', () => {
  it('工商银行 suggests 中国工商银行 (23), in both languages', () => {
    const { en, zh, issue } = suggestionsFor('工商银行');
    expect(en).toBe('23 Industrial and Commercial Bank of China (中国工商银行)');
    expect(zh).toBe('23 中国工商银行');
    expect(describeIssue(issue, 'en')).toBe(
      'Bank "工商银行" is not in the CUP P2P bank list: enter its bank ID or exact name. Did you mean 23 Industrial and Commercial Bank of China (中国工商银行)?',
    );
    expect(describeIssue(issue, 'zh-CN')).toBe(
      '银行“工商银行”不在 银联 P2P 的银行列表中：请填写银行 ID 或准确的银行名称。您是否要填：23 中国工商银行？',
    );
  });

  it.each([
    ['邮储银行', '28 中国邮政储蓄银行'],
    ['鞍山银行', '276 鞍山市商业银行'],
    ['建设银行', '9 中国建设银行'],
    ['中国工商银行股份有限公司', '23 中国工商银行'],
    ['中国公商银行', '23 中国工商银行'],
  ])('%j suggests %j first', (value, first) => {
    expect(suggestionsFor(value).zh?.toString().split('、')[0]).toBe(first);
  });

  it.each([
    ['Bank of Chian', '6 Bank Of China (中国银行)'],
    ['China Merchant Bank', '13 China Merchants Bank (招商银行)'],
    [
      'Industrial and Commercial Bank of China Ltd',
      '23 Industrial and Commercial Bank of China (中国工商银行)',
    ],
    ['Tianjin', '363 Bank of Tianjin (天津银行)'],
    ['ping an', '27 Ping An Bank (平安银行)'],
  ])('%j suggests %j first', (value, first) => {
    expect(suggestionsFor(value).en?.toString().split('; ')[0]).toBe(first);
  });

  it('suggests at most three banks, and names them in each language', () => {
    const { en, zh } = suggestionsFor('中行');
    expect(String(en).split('; ')).toHaveLength(3);
    expect(String(zh).split('、')).toEqual(['6 中国银行', '12 中信银行', '1 中国农业银行']);
  });

  it('a bank without a Chinese name is suggested by its English name in the Chinese message', () => {
    expect(suggestionsFor('HZBB').zh).toBe('22 HZB');
  });

  it('never suggests a table entry that is a region name', () => {
    const table = [
      { id: 16, name: 'Jilin Sheng', looks_like_region: true },
      { id: 323, name: 'Jilin Bank', name_zh: '吉林银行' },
    ];
    const ids = (banks: readonly { id: number }[]) => banks.map((b) => b.id);
    expect(ids(createBankSuggester(table)('Jilin Shen'))).toEqual([]);
    expect(ids(createBankSuggester(table)('Jilin Bnk'))).toEqual([323]);
    // The same entry unflagged would be suggested: the flag is what keeps it out.
    expect(ids(createBankSuggester([{ id: 16, name: 'Jilin Sheng' }])('Jilin Shen'))).toEqual([16]);
    expect(String(suggestionsFor('Tianjin Shii').en ?? '')).not.toMatch(/\b29 /);
  });

  it.each(['99999', '55502', 'ICBC', '1.0', 'x', '6222021234567890128'])(
    '%j gets no suggestion: the message stays as it was',
    (value) => {
      const { issue } = suggestionsFor(value);
      expect(issue.params).toEqual({ value, method: 'CUP P2P', method_zh: '银联 P2P' });
      expect(describeIssue(issue, 'en')).not.toContain('Did you mean');
      expect(describeIssue(issue, 'zh-CN')).not.toContain('您是否要填');
    },
  );

  it('suggests from the method’s own table', () => {
    expect(suggestionsFor('鞍山银行', quickpay).en).toBeUndefined();
    expect(suggestionsFor('Shenzhen Developmnt Bank', quickpay).en).toBe(
      '29 ShenZhen Development Bank (深圳发展银行)',
    );
  });
});

describe('similarity', () => {
  it('counts a swap of neighbours as one edit and gives up beyond the bound', () => {
    expect(editDistance('bankofchian', 'bankofchina', 3)).toBe(1);
    expect(editDistance('中国公商银行', '中国工商银行', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it('ranks a name holding the whole cell before a typo', () => {
    expect(similarity('工商银行', '中国工商银行', true)).toMatchObject({ whole: true });
    expect(similarity('工商银行', '招商银行', true)).toMatchObject({ whole: false });
    expect(similarity('bank', 'bankofchina', false)).toBeNull();
  });
});

describe('the bank a row resolved to', () => {
  const file = (bankCell: string) =>
    utf8(`${EN_HEADER}\nP-1,100.00,CNY,6228481234567890128,${bankCell},5,张,伟\n`);

  function validateOne(bankCell: string, method: MethodId): ValidatedRow {
    const result = validatePayoutFile(file(bankCell), 'payouts.csv', reference, { method });
    expect(result.rows).toHaveLength(1);
    return result.rows[0]!;
  }

  const bankIssues = (row: ValidatedRow) => row.issues.filter((issue) => issue.field === 'bank_id');

  it('a file whose bank cell is 中国工商银行 (or 中国 工商银行) validates to bank 23', () => {
    for (const cell of ['中国工商银行', '中国 工商银行', '２３']) {
      const row = validateOne(cell, 'cup-p2p');
      expect(row.payout.bank_id, cell).toBe(23);
      expect(bankIssues(row), cell).toEqual([]);
    }
  });

  it('29 resolves to a different bank in QuickPay than in P2P, and the row view names it', () => {
    const inQuickpay = validateOne('29', 'cup-quickpay');
    const inP2p = validateOne('29', 'cup-p2p');
    expect(inQuickpay.payout.bank_id).toBe(29);
    expect(inP2p.payout.bank_id).toBe(29);
    expect(bankIssues(inQuickpay)).toEqual([]);
    expect(bankIssues(inP2p).map((issue) => [issue.code, issue.params['name']])).toEqual([
      ['BANK_LOOKS_LIKE_REGION', 'Tianjin Shi'],
    ]);

    expect(validatedRowView(inQuickpay, 'en', resolvedBankNames(reference, 'cup-quickpay'))).toMatchObject({
      payout: { bank_id: 29 },
      bank_name: 'ShenZhen Development Bank',
      bank_name_zh: '深圳发展银行',
    });
    expect(validatedRowView(inP2p, 'en', resolvedBankNames(reference, 'cup-p2p'))).toMatchObject({
      payout: { bank_id: 29 },
      bank_name: 'Tianjin Shi',
      bank_name_zh: null,
    });
  });

  it('a row with bank 16 gets BANK_LOOKS_LIKE_REGION and stays payable (a warning)', () => {
    const row = validateOne('16', 'cup-banks');
    expect(row.payout.bank_id).toBe(16);
    expect(bankIssues(row)).toEqual([
      {
        code: 'BANK_LOOKS_LIKE_REGION',
        severity: 'warning',
        field: 'bank_id',
        params: { value: '16', id: 16, name: 'Jilin Sheng', method: 'CUP Banks', method_zh: '银联网银' },
      },
    ]);
  });

  it('an unresolved bank shows no name', () => {
    const row = validateOne('工商银行', 'cup-p2p');
    expect(row.payout.bank_id).toBeNull();
    expect(validatedRowView(row, 'zh-CN', resolvedBankNames(reference, 'cup-p2p'))).toMatchObject({
      bank_name: null,
      bank_name_zh: null,
    });
    expect(validatedRowView(row, 'zh-CN', resolvedBankNames(reference, 'cup-p2p')).issues).toContainEqual(
      expect.objectContaining({ code: 'BANK_UNKNOWN', message: expect.stringContaining('23 中国工商银行') }),
    );
  });
});
