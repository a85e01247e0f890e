import { beforeAll, describe, expect, it } from 'vitest';
import { describeIssue, fieldLabel } from '../../electron/core/i18n/rowIssues.js';
import { maskIdNumber, maskPan } from '../../electron/core/i18n/mask.js';
import { validateRows, type ValidationContext } from '../../electron/core/validation/validate.js';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import type { IssueCode, Lang, PayoutField, RowIssue } from '../../electron/core/types.js';

const LANGS: Lang[] = ['en', 'zh-CN'];
const PAN = '6222021234567890128';
const GOOD: Partial<Record<PayoutField, string>> = {
  payment_id: 'PO-1',
  amount: '100.00',
  currency: 'CNY',
  card_number: PAN,
  bank_id: '1',
  region_id: '5',
  last_name: '王',
  first_name: '小明',
};

let reference: ReferenceData;
beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
});

function context(): ValidationContext {
  return {
    method: reference.methods.get('cup-p2p')!,
    regions: reference.regions,
    hasPaymentIdColumn: true,
    generatePaymentId: (line) => `gen-${line}`,
    isPaymentIdUsed: (ids) => new Set(ids.filter((id) => id === 'USED-1')),
  };
}

/** The first issue with `code` found when validating the good row changed by `change` (after `before` rows). */
function issueFor(
  code: IssueCode,
  change: Partial<Record<PayoutField, string>>,
  before: (typeof change)[] = [],
): RowIssue {
  const rows = [...before, change].map((c, i) => ({ line: i + 2, values: { ...GOOD, ...c } }));
  const issue = validateRows(rows, context())
    .at(-1)
    ?.issues.find((i) => i.code === code);
  if (!issue) throw new Error(`no ${code} issue`);
  return issue;
}

/** Each scenario: the issue, the values its message must show (per language when they differ). */
const SCENARIOS: Array<{
  code: IssueCode;
  change: Partial<Record<PayoutField, string>>;
  before?: (typeof GOOD)[];
  shows: string[];
}> = [
  { code: 'AMOUNT_INVALID', change: { amount: '12,34' }, shows: ['12,34'] },
  { code: 'AMOUNT_BELOW_MIN', change: { amount: '5' }, shows: ['5.00', '10.00'] },
  { code: 'AMOUNT_ABOVE_MAX', change: { amount: '50000' }, shows: ['50,000.00', '44,999.00'] },
  { code: 'REQUIRED_MISSING', change: { region_id: '' }, shows: [] },
  { code: 'CURRENCY_UNSUPPORTED', change: { currency: 'USD' }, shows: ['USD'] },
  { code: 'BANK_UNKNOWN', change: { bank_id: '99999' }, shows: ['99999'] },
  { code: 'BANK_AMBIGUOUS', change: { bank_id: 'Luzhou Bank' }, shows: ['Luzhou Bank', '340, 391'] },
  { code: 'REGION_UNKNOWN', change: { region_id: 'Atlantis' }, shows: ['Atlantis'] },
  { code: 'PAN_INVALID', change: { card_number: '622202123456789' }, shows: ['622202******6789', '15'] },
  { code: 'PAN_EXCEL_DAMAGED', change: { card_number: '6.22202E+18' }, shows: ['6.22202E+18'] },
  { code: 'PAN_EXCEL_DAMAGED', change: { card_number: '6222021234567890000' }, shows: ['622202******0000'] },
  { code: 'PAN_LUHN', change: { card_number: '6222021234567890127' }, shows: ['622202******0127'] },
  { code: 'PAN_PREFIX', change: { card_number: '4111111111111111' }, shows: ['411111******1111', '41'] },
  { code: 'NAME_NOT_CHINESE', change: { first_name: 'Xiaoming' }, shows: ['Xiaoming'] },
  // Masked like every payee phone the console shows: the line tells which row to fix.
  { code: 'PHONE_INVALID', change: { phone: '12345' }, shows: ['***45'] },
  { code: 'EMAIL_INVALID', change: { email: 'someone@' }, shows: ['someone@'] },
  { code: 'DOC_NUMBER_INVALID', change: { id_number: '110105194912310021' }, shows: ['110105********0021'] },
  {
    code: 'PAYMENT_ID_DUPLICATE',
    change: { payment_id: 'DUP' },
    before: [{ payment_id: 'DUP', card_number: '6222021234567894' }],
    shows: ['DUP', '2'],
  },
  { code: 'PAYMENT_ID_USED', change: { payment_id: 'USED-1' }, shows: ['USED-1'] },
  { code: 'PAYMENT_ID_INVALID', change: { payment_id: 'PO 1' }, shows: ['PO 1'] },
  { code: 'PAYMENT_ID_INVALID', change: { payment_id: 'y'.repeat(300) }, shows: ['300', '255'] },
  {
    code: 'ROW_DUPLICATE',
    change: { payment_id: 'PO-2' },
    before: [{ payment_id: 'PO-1' }],
    shows: ['622202******0128', '100.00', '2'],
  },
];

describe('describeIssue', () => {
  it.each(SCENARIOS.map((s) => [s.code, s] as const))(
    '%s names the field and the offending value in both languages',
    (_code, scenario) => {
      const issue = issueFor(scenario.code, scenario.change, scenario.before);
      for (const lang of LANGS) {
        const message = describeIssue(issue, lang);
        if (issue.field) expect(message, lang).toContain(fieldLabel(issue.field, lang));
        else expect(message, lang).toContain(lang === 'en' ? 'Card number' : '卡号');
        for (const shown of scenario.shows) expect(message, lang).toContain(shown);
        expect(message, lang).not.toMatch(/undefined|\$\{|\[object/);
        expect(message.length).toBeGreaterThan(8);
      }
    },
  );

  it('never shows a full card number, in any message about a card', () => {
    const cards = [
      '6222021234567890127',
      '6222021234567890000',
      '4111111111111111',
      '62220212345678901',
      PAN,
    ];
    for (const card_number of cards) {
      const rows = [GOOD, { ...GOOD, payment_id: 'PO-2', card_number }].map((values, i) => ({
        line: i + 2,
        values,
      }));
      for (const row of validateRows(rows, context())) {
        for (const issue of row.issues) {
          for (const lang of LANGS) {
            const message = describeIssue(issue, lang);
            expect(message).not.toContain(card_number);
            expect(message).not.toContain(card_number.slice(6, -4));
          }
          expect(JSON.stringify(issue.params)).not.toContain(card_number.slice(6, -4));
        }
      }
    }
  });

  it('never shows a whole phone number, in any message about a phone', () => {
    for (const phone of ['12800138000', '138001380001', '+1234567890123456']) {
      const issue = issueFor('PHONE_INVALID', { phone });
      const digits = phone.replace(/\D/g, '');
      for (const lang of LANGS) {
        const message = describeIssue(issue, lang);
        expect(message, lang).not.toContain(digits);
        expect(message, lang).toContain(digits.slice(-4));
      }
      expect(JSON.stringify(issue.params)).not.toContain(digits.slice(3, -4));
    }
  });

  it('renders the limit messages as the product copy has them', () => {
    const below = issueFor('AMOUNT_BELOW_MIN', { amount: '5' });
    expect(describeIssue(below, 'en')).toBe('Amount 5.00 is below the minimum 10.00 CNY for CUP P2P.');
    expect(describeIssue(below, 'zh-CN')).toBe('金额 5.00 低于 银联 P2P 的最低限额 10.00 元。');
    const above = issueFor('AMOUNT_ABOVE_MAX', { amount: '45000' });
    expect(describeIssue(above, 'en')).toBe(
      'Amount 45,000.00 is above the maximum 44,999.00 CNY for CUP P2P.',
    );
    expect(describeIssue(above, 'zh-CN')).toBe('金额 45,000.00 高于 银联 P2P 的最高限额 44,999.00 元。');
  });

  it('names the missing field', () => {
    const issue: RowIssue = { code: 'REQUIRED_MISSING', severity: 'error', field: 'card_number', params: {} };
    expect(describeIssue(issue, 'en')).toBe('Card number is required but empty.');
    expect(describeIssue(issue, 'zh-CN')).toBe('必填项“卡号”为空。');
  });

  it('has a display name for every field in both languages', () => {
    const fields: PayoutField[] = [
      'payment_id',
      'amount',
      'currency',
      'card_number',
      'bank_id',
      'region_id',
      'last_name',
      'first_name',
      'customer_id',
      'phone',
      'email',
      'id_number',
      'branch',
      'bank_city',
      'description',
    ];
    for (const field of fields) {
      expect(fieldLabel(field, 'en')).toMatch(/^[A-Z][A-Za-z ]+$/);
      expect(fieldLabel(field, 'zh-CN')).toMatch(/^\p{Script=Han}+$/u);
    }
  });
});

describe('maskPan', () => {
  it.each([
    ['6222021234567890128', '622202******0128'],
    ['6222021234567894', '622202******7894'],
    ['6222021234567', '622202******4567'], // 13: the shortest shown as 6 + 4
    ['622202123456', '******3456'],
    ['62220212', '******0212'],
    ['6222021', '******'],
    ['', '******'],
  ])('%j → %j', (pan, masked) => {
    expect(maskPan(pan)).toBe(masked);
  });

  it('hides at least half of a string too short to be a card number', () => {
    for (let length = 1; length < 13; length++) {
      const visible = maskPan('9'.repeat(length)).replace(/\*/g, '').length;
      expect(visible * 2, `length ${length}`).toBeLessThanOrEqual(length);
    }
  });
});

describe('maskIdNumber', () => {
  it('keeps the 18-character shape, hiding birth date and sequence', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('E1234')).toBe('******');
  });
});
