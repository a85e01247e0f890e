import { describe, expect, it } from 'vitest';
import { describeIssue, fieldLabel } from '../../electron/core/i18n/rowIssues.js';
import {
  validateRefundRows,
  type RefundCells,
  type RefundField,
  type RefundRowIssue,
} from '../../electron/core/refunds/index.js';
import type { IssueCode, Lang } from '../../electron/core/types.js';

const PAY_A = '0123456789abcdef0123456789abcdef';
const LANGS: Lang[] = ['en', 'zh-CN'];

type Cells = Partial<Record<RefundField, string>>;

/** The issue `code` on the last of the rows (each a change of a good row), validated against `used`/`known`. */
function issueFor(code: IssueCode, ...changes: Cells[]): RefundRowIssue {
  const rows: RefundCells[] = changes.map((change, i) => ({
    line: i + 2,
    cells: {
      pay_id: PAY_A,
      trans_id: '',
      amount: `${i + 1}.00`,
      currency: '',
      reason: '',
      ref_nr: '',
      captured_amount: '',
      ...change,
    },
    shape: null,
  }));
  const validated = validateRefundRows(rows, {
    usedTransIds: (ids) => new Set(ids.filter((id) => id === 'USED-1')),
    knownPayments: (ids) =>
      new Map(
        ids.filter((id) => id === PAY_A).map((id) => [id, { capturedFen: 50_000, refundedFen: 45_000 }]),
      ),
    newTransId: () => `GEN-${Math.random()}`,
  });
  const issue = validated.at(-1)!.issues.find((i) => i.code === code);
  if (!issue) throw new Error(`no ${code} issue`);
  return issue;
}

/** Each new code (and each reason of one), the rows that produce it, the values its message must show. */
const SCENARIOS: Array<{ name: string; code: IssueCode; rows: Cells[]; shows: Record<Lang, string[]> }> = [
  {
    name: 'PAY_ID_INVALID (length)',
    code: 'PAY_ID_INVALID',
    rows: [{ pay_id: 'abc123' }],
    shows: {
      en: ['PayID', '"abc123"', '6 characters', 'exactly 32'],
      'zh-CN': ['支付号', '“abc123”', '6 个字符', '32 位'],
    },
  },
  {
    name: 'PAY_ID_INVALID (charset)',
    code: 'PAY_ID_INVALID',
    rows: [{ pay_id: `${PAY_A.slice(0, 31)}-` }],
    shows: {
      en: ['PayID', `${PAY_A.slice(0, 31)}-`, 'letters A–Z and digits'],
      'zh-CN': ['支付号', '字母 A–Z 和数字'],
    },
  },
  {
    name: 'TRANS_ID_INVALID (charset)',
    code: 'TRANS_ID_INVALID',
    rows: [{ trans_id: 'R&1' }],
    shows: {
      en: ['TransID', '"R&1"', '& = % +', 'leave it empty'],
      'zh-CN': ['退款交易号', '“R&1”', '& = % +', '留空'],
    },
  },
  {
    name: 'TRANS_ID_INVALID (length)',
    code: 'TRANS_ID_INVALID',
    rows: [{ trans_id: 'T'.repeat(70) }],
    shows: { en: ['70 characters', 'at most 64'], 'zh-CN': ['70 个字符', '最多允许 64'] },
  },
  {
    name: 'TRANS_ID_DUPLICATE',
    code: 'TRANS_ID_DUPLICATE',
    rows: [{ trans_id: 'R1' }, { trans_id: 'R1' }],
    shows: { en: ['TransID', '"R1"', 'line 2'], 'zh-CN': ['退款交易号', '“R1”', '第 2 行'] },
  },
  {
    name: 'TRANS_ID_USED',
    code: 'TRANS_ID_USED',
    rows: [{ trans_id: 'USED-1' }],
    shows: {
      en: ['"USED-1"', 'earlier refund', 'only once'],
      'zh-CN': ['“USED-1”', '之前的退款', '只能使用一次'],
    },
  },
  {
    name: 'AMOUNT_TOO_LARGE',
    code: 'AMOUNT_TOO_LARGE',
    rows: [{ amount: '123456789.00' }],
    shows: {
      en: ['Amount', '123,456,789.00', '99,999,999.99'],
      'zh-CN': ['金额', '123,456,789.00', '99,999,999.99'],
    },
  },
  {
    name: 'REF_NR_INVALID (charset)',
    code: 'REF_NR_INVALID',
    rows: [{ ref_nr: 'INV-1' }],
    shows: {
      en: ['Reference number', '"INV-1"', 'letters and digits'],
      'zh-CN': ['商户参考号', '“INV-1”', '字母和数字'],
    },
  },
  {
    name: 'REF_NR_INVALID (length)',
    code: 'REF_NR_INVALID',
    rows: [{ ref_nr: 'A'.repeat(40) }],
    shows: { en: ['40 characters', 'at most 32'], 'zh-CN': ['40 个字符', '最多允许 32'] },
  },
  {
    name: 'CAPTURED_AMOUNT_INVALID (format)',
    code: 'CAPTURED_AMOUNT_INVALID',
    rows: [{ captured_amount: '12.345' }],
    shows: {
      en: ['Captured amount', '"12.345"', 'leave the cell empty'],
      'zh-CN': ['原支付金额', '“12.345”', '留空'],
    },
  },
  {
    name: 'CAPTURED_AMOUNT_INVALID (too large)',
    code: 'CAPTURED_AMOUNT_INVALID',
    rows: [{ captured_amount: '200000000' }],
    shows: {
      en: ['"200000000"', 'too large', '99,999,999.99'],
      'zh-CN': ['“200000000”', '过大', '99,999,999.99'],
    },
  },
  {
    name: 'CAPTURED_AMOUNT_CONFLICT',
    code: 'CAPTURED_AMOUNT_CONFLICT',
    rows: [{ captured_amount: '500' }, { captured_amount: '600' }],
    shows: { en: ['600.00', '500.00', PAY_A, 'line 2'], 'zh-CN': ['600.00', '500.00', PAY_A, '第 2 行'] },
  },
  {
    name: 'REFUND_DUPLICATE (with a reference number)',
    code: 'REFUND_DUPLICATE',
    rows: [
      { amount: '7.00', ref_nr: 'INV9' },
      { amount: '7.00', ref_nr: 'INV9' },
    ],
    shows: { en: [PAY_A, '7.00', 'INV9', 'Line 2'], 'zh-CN': [PAY_A, '7.00', 'INV9', '第 2 行'] },
  },
  {
    name: 'REFUND_DUPLICATE (without one)',
    code: 'REFUND_DUPLICATE',
    rows: [{ amount: '7.00' }, { amount: '7.00' }],
    shows: { en: ['without a reference number'], 'zh-CN': ['无商户参考号'] },
  },
  {
    name: 'REFUND_ABOVE_CAPTURE (known capture)',
    code: 'REFUND_ABOVE_CAPTURE',
    rows: [{ amount: '40.00' }, { amount: '20.00' }],
    shows: {
      en: ['20.00', PAY_A, '500.00', 'earlier refunds', '450.00', '40.00', 'at most 10.00'],
      'zh-CN': ['20.00', PAY_A, '500.00', '之前的退款', '已退款 450.00', '40.00', '最多还可退 10.00'],
    },
  },
  {
    name: 'REFUND_ABOVE_CAPTURE (captured amount from the file)',
    code: 'REFUND_ABOVE_CAPTURE',
    rows: [{ pay_id: 'b'.repeat(32), amount: '120.00', captured_amount: '100.00' }],
    shows: { en: ['120.00', '100.00', 'as this file gives it'], 'zh-CN': ['120.00', '100.00', '本文件填写'] },
  },
  {
    name: 'CURRENCY_UNSUPPORTED on a refund',
    code: 'CURRENCY_UNSUPPORTED',
    rows: [{ currency: 'EUR' }],
    shows: {
      en: ['"EUR"', 'refunds can only be made in CNY'],
      'zh-CN': ['“EUR”', '只能以人民币（CNY）退款'],
    },
  },
  {
    name: 'FIELD_TOO_LONG on the reason',
    code: 'FIELD_TOO_LONG',
    rows: [{ reason: '因'.repeat(300) }],
    shows: { en: ['Reason', '300', '255'], 'zh-CN': ['退款原因', '300', '255'] },
  },
];

describe('refund issue messages', () => {
  it.each(SCENARIOS.flatMap((s) => LANGS.map((lang) => [s.name, lang, s] as const)))(
    '%s in %s names the field and the values to fix',
    (_name, lang, scenario) => {
      const message = describeIssue(issueFor(scenario.code, ...scenario.rows), lang);
      for (const shown of scenario.shows[lang]) expect(message).toContain(shown);
      expect(message).not.toMatch(/undefined|\$\{|NaN/);
    },
  );

  it('differs between the languages', () => {
    for (const scenario of SCENARIOS) {
      const issue = issueFor(scenario.code, ...scenario.rows);
      expect(describeIssue(issue, 'en')).not.toBe(describeIssue(issue, 'zh-CN'));
    }
  });

  it('still says payouts for a payout row’s currency', () => {
    const issue = {
      code: 'CURRENCY_UNSUPPORTED',
      severity: 'error',
      field: 'currency',
      params: { value: 'USD' },
    } as const;
    expect(describeIssue(issue, 'en')).toContain('payouts can only be made in CNY');
    expect(describeIssue(issue, 'zh-CN')).toContain('只能以人民币（CNY）付款');
  });

  it('never lets a control character in a cell through to the message', () => {
    const message = describeIssue(issueFor('TRANS_ID_INVALID', { trans_id: 'R\u001b[2J1' }), 'en');
    expect(message).toContain('R<U+001B>[2J1');
    expect(message).not.toContain('\u001b');
  });

  it.each([
    ['pay_id', 'PayID', '支付号'],
    ['trans_id', 'TransID', '退款交易号'],
    ['reason', 'Reason', '退款原因'],
    ['ref_nr', 'Reference number', '商户参考号'],
    ['captured_amount', 'Captured amount', '原支付金额'],
  ] as const)('labels %s', (field, en, zh) => {
    expect(fieldLabel(field, 'en')).toBe(en);
    expect(fieldLabel(field, 'zh-CN')).toBe(zh);
  });
});
