import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  validateRows,
  type MappedRow,
  type ValidationContext,
} from '../../electron/core/validation/validate.js';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { passesLuhn } from '../../electron/core/validation/card.js';
import type { PayoutField } from '../../electron/core/types.js';

let reference: ReferenceData;
beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
});

function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    method: reference.methods.get('cup-p2p')!,
    regions: reference.regions,
    hasPaymentIdColumn: true,
    generatePaymentId: (line) => `gen-${line}`,
    ...overrides,
  };
}

const GOOD: Partial<Record<PayoutField, string>> = {
  payment_id: 'PO-1',
  amount: '100.00',
  currency: 'CNY',
  card_number: '6222021234567890128',
  bank_id: '1',
  region_id: '5',
  last_name: '王',
  first_name: '小明',
  phone: '13800138000',
  email: 'wang@example.com',
  branch: '天河支行',
  bank_city: '广州',
  street: '天河路385号',
  zip: '510620',
  description: '佣金',
};

/** A valid 19-digit UnionPay card number of its own for each n. */
function cardNumber(n: number): string {
  const body = `622202${String(n).padStart(12, '0')}`;
  for (let digit = 0; ; digit++) if (passesLuhn(body + digit)) return body + digit;
}

/**
 * Rows from line 2 on, each the good row (with its own payment_id and card) with some cells replaced;
 * undefined removes a column.
 */
function rows(...changes: Array<Partial<Record<PayoutField, string | undefined>>>): MappedRow[] {
  return changes.map((change, index) => {
    const values: Partial<Record<PayoutField, string>> = {
      ...GOOD,
      payment_id: `PO-${index + 1}`,
      card_number: cardNumber(index + 1),
    };
    for (const [field, value] of Object.entries(change) as Array<[PayoutField, string | undefined]>) {
      if (value === undefined) delete values[field];
      else values[field] = value;
    }
    return { line: index + 2, values };
  });
}

const codesOf = (row: { issues: Array<{ code: string }> }) => row.issues.map((issue) => issue.code);

describe('validateRows: drafts and status', () => {
  it('turns a clean row into an ok draft with trimmed strings and resolved IDs', () => {
    const [row] = validateRows(
      rows({
        payment_id: ' PO-7 ',
        amount: ' 1,234.50 ',
        currency: ' cny ',
        card_number: ' 6222 0212 3456 7890 128 ',
        bank_id: ' Bank Of Qinghai ',
        region_id: ' 广东 ',
        last_name: ' 王 ',
        first_name: '小明\u3000',
        customer_id: ' C-1 ',
        phone: '+86 138 0013 8000',
        email: ' a@qq.com ',
        id_number: '11010519491231002x',
        branch: ' 朝阳支行 ',
        bank_city: ' 北京 ',
        street: ' 建国路88号 ',
        zip: ' 100022 ',
        description: ' May payout ',
      }),
      context(),
    );
    expect(row).toEqual({
      line: 2,
      status: 'ok',
      issues: [],
      payout: {
        payment_id: 'PO-7',
        amount_fen: 123450,
        currency: 'CNY',
        card_number: '6222021234567890128',
        bank_id: 55501,
        region_id: 5,
        last_name: '王',
        first_name: '小明',
        customer_id: 'C-1',
        phone: '8613800138000',
        email: 'a@qq.com',
        id_number: '11010519491231002X',
        branch: '朝阳支行',
        bank_city: '北京',
        // No province column: the region's Chinese name; no city column: the bank's city.
        province: '广东省',
        city: '北京',
        street: '建国路88号',
        zip: '100022',
        description: 'May payout',
      },
    });
  });

  it('gives absent optional columns empty strings', () => {
    const [row] = validateRows(rows({}), context());
    expect(row?.payout).toMatchObject({
      customer_id: '',
      id_number: '',
    });
    expect(row?.status).toBe('ok');
  });

  it.each([
    ['phone', '--payout-phone'],
    ['email', '--payout-email'],
    ['branch', undefined],
    ['street', '--payout-street'],
    ['zip', '--payout-zip'],
    ['description', '--payout-description'],
  ] as const)(
    'reports an empty or absent %s (every request carries it) as REQUIRED_MISSING',
    (field, option) => {
      for (const [value, source] of [
        ['', 'empty'],
        ['   ', 'empty'],
        [undefined, 'no_column'],
      ] as const) {
        const [row] = validateRows(rows({ [field]: value }), context());
        expect(row?.status).toBe('error');
        expect(row?.issues).toEqual([
          {
            code: 'REQUIRED_MISSING',
            severity: 'error',
            field,
            params: { source, ...(option ? { option } : {}) },
          },
        ]);
      }
    },
  );

  it('fills an absent bank_city from the city column, and reports both missing when neither is there', () => {
    const [fromCity] = validateRows(rows({ bank_city: undefined, city: '深圳' }), context());
    expect(fromCity?.status).toBe('ok');
    expect(fromCity?.payout).toMatchObject({ bank_city: '深圳', city: '深圳' });
    const [neither] = validateRows(rows({ bank_city: undefined }), context());
    expect(neither?.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['REQUIRED_MISSING', 'bank_city'],
      ['REQUIRED_MISSING', 'city'],
    ]);
  });

  it('derives the status: warnings only → warning; any error → error', () => {
    const result = validateRows(
      rows(
        { card_number: '6222021234567890127' },
        { card_number: '6222021234567890126', bank_id: '99999' },
        {},
      ),
      context(),
    );
    expect(result.map((r) => r.status)).toEqual(['warning', 'error', 'ok']);
    expect(codesOf(result[1]!)).toEqual(['PAN_LUHN', 'BANK_UNKNOWN']);
  });

  it('keeps unresolved values null in the draft', () => {
    const [row] = validateRows(
      rows({ amount: 'abc', bank_id: 'Luzhou Bank', region_id: 'Atlantis' }),
      context(),
    );
    expect(row?.payout).toMatchObject({ amount_fen: null, bank_id: null, region_id: null });
    // The region is read before the bank: the province (customer.state) is the region's name.
    expect(codesOf(row!)).toEqual(['AMOUNT_INVALID', 'REGION_UNKNOWN', 'BANK_AMBIGUOUS']);
  });

  it.each(['amount', 'card_number', 'bank_id', 'region_id', 'last_name', 'first_name'] as const)(
    'reports an empty or absent %s as REQUIRED_MISSING naming the field',
    (field) => {
      for (const value of ['', '   ', undefined]) {
        const [row] = validateRows(rows({ [field]: value }), context());
        expect(row?.status).toBe('error');
        expect(row?.issues).toEqual([{ code: 'REQUIRED_MISSING', severity: 'error', field, params: {} }]);
      }
    },
  );

  it('reports every problem of a row, one issue per field', () => {
    const [row] = validateRows(
      rows({
        amount: '5',
        currency: 'USD',
        card_number: '6.22202E+18',
        last_name: 'Wang',
        first_name: 'Xiaoming',
        phone: '123',
        email: 'nope',
        id_number: '110105194912310021',
      }),
      context(),
    );
    expect(codesOf(row!)).toEqual([
      'AMOUNT_BELOW_MIN',
      'CURRENCY_UNSUPPORTED',
      'PAN_EXCEL_DAMAGED',
      'NAME_NOT_CHINESE',
      'NAME_NOT_CHINESE',
      'PHONE_INVALID',
      'EMAIL_INVALID',
      'DOC_NUMBER_INVALID',
    ]);
    expect(row?.issues.filter((i) => i.code === 'NAME_NOT_CHINESE').map((i) => i.field)).toEqual([
      'last_name',
      'first_name',
    ]);
  });

  it('checks amounts against the method limits, or the admin override when given', () => {
    const amounts = rows(
      { amount: '10.00' },
      { amount: '9.99' },
      { amount: '44999' },
      { amount: '44999.01' },
    );
    expect(validateRows(amounts, context()).map((r) => r.status)).toEqual(['ok', 'error', 'ok', 'error']);
    const override = context({ limits: { min_fen: 500, max_fen: 5000000 } });
    expect(validateRows(amounts, override).map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const banks = context({ method: reference.methods.get('cup-banks')! });
    expect(validateRows(rows({ amount: '99.99' }, { amount: '100' }), banks).map((r) => r.status)).toEqual([
      'error',
      'ok',
    ]);
  });
});

describe('validateRows: payment ids', () => {
  it('generates an id for every row when the file has no payment_id column', () => {
    const generate = vi.fn((line: number) => `gen-${line}`);
    const isUsed = vi.fn(() => new Set<string>());
    const result = validateRows(rows({ payment_id: 'ignored' }, {}), {
      ...context(),
      hasPaymentIdColumn: false,
      generatePaymentId: generate,
      isPaymentIdUsed: isUsed,
    });
    expect(result.map((r) => r.payout.payment_id)).toEqual(['gen-2', 'gen-3']);
    expect(generate).toHaveBeenCalledTimes(2);
    expect(isUsed).not.toHaveBeenCalled();
  });

  it('generates an id for a row whose payment_id cell is empty, keeping the others', () => {
    const result = validateRows(
      rows({ payment_id: 'A-1' }, { payment_id: '  ' }, { payment_id: undefined }),
      context(),
    );
    expect(result.map((r) => r.payout.payment_id)).toEqual(['A-1', 'gen-3', 'gen-4']);
    expect(result.every((r) => r.status === 'ok')).toBe(true);
  });

  it('flags the 2nd and later occurrences of a payment_id, naming the first line', () => {
    const result = validateRows(
      rows(
        { payment_id: 'A' },
        { payment_id: 'B' },
        { payment_id: 'A' },
        { payment_id: ' A ' },
        { payment_id: 'a' },
      ),
      context(),
    );
    expect(result.map((r) => r.status)).toEqual(['ok', 'ok', 'error', 'error', 'ok']);
    expect(result[2]?.issues).toEqual([
      {
        code: 'PAYMENT_ID_DUPLICATE',
        severity: 'error',
        field: 'payment_id',
        params: { value: 'A', first_line: 2 },
      },
    ]);
    expect(result[3]?.issues[0]?.params).toEqual({ value: 'A', first_line: 2 });
  });

  it('asks the store once, with every distinct id taken from the file, and flags the used ones', () => {
    const isUsed = vi.fn((ids: string[]) => new Set(ids.filter((id) => id.startsWith('OLD'))));
    const result = validateRows(
      rows({ payment_id: 'OLD-1' }, { payment_id: 'NEW-1' }, { payment_id: '' }, { payment_id: 'OLD-1' }),
      context({ isPaymentIdUsed: isUsed }),
    );
    expect(isUsed).toHaveBeenCalledTimes(1);
    expect(isUsed).toHaveBeenCalledWith(['OLD-1', 'NEW-1']);
    expect(codesOf(result[0]!)).toEqual(['PAYMENT_ID_USED']);
    expect(result[0]?.issues[0]).toEqual({
      code: 'PAYMENT_ID_USED',
      severity: 'error',
      field: 'payment_id',
      params: { value: 'OLD-1' },
    });
    expect(result[1]?.status).toBe('ok');
    expect(result[2]?.status).toBe('ok');
    expect(codesOf(result[3]!)).toEqual(['PAYMENT_ID_DUPLICATE', 'PAYMENT_ID_USED']);
  });

  it('does not ask the store when no row supplies an id', () => {
    const isUsed = vi.fn(() => new Set<string>());
    validateRows(rows({ payment_id: '' }), context({ isPaymentIdUsed: isUsed }));
    expect(isUsed).not.toHaveBeenCalled();
  });

  it.each([
    ['PO 1', 'charset'],
    ['订单1', 'charset'],
    ['ＰＯ１', 'charset'],
    ['PO\u00a01', 'charset'],
    ['x'.repeat(256), 'length'],
  ])('refuses payment_id %j (%s) and keeps it out of duplicate and store checks', (id, reason) => {
    const isUsed = vi.fn(() => new Set<string>());
    const result = validateRows(
      rows({ payment_id: id }, { payment_id: id }),
      context({ isPaymentIdUsed: isUsed }),
    );
    for (const row of result) {
      expect(codesOf(row)).toEqual(['PAYMENT_ID_INVALID']);
      expect(row.issues[0]?.params.reason).toBe(reason);
    }
    expect(isUsed).not.toHaveBeenCalled();
  });

  it('accepts printable ASCII ids up to 255 characters', () => {
    const ids = ['a', 'PO-2024/05#1_x.y:z', '!~', 'x'.repeat(255)];
    const result = validateRows(rows(...ids.map((payment_id) => ({ payment_id }))), context());
    expect(result.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});

describe('validateRows: repeated card and amount', () => {
  it('does not call Excel-damaged card numbers the same card', () => {
    const result = validateRows(
      rows({ card_number: '6.22202E+18' }, { card_number: '6.22202E+18' }),
      context(),
    );
    expect(result.map(codesOf)).toEqual([['PAN_EXCEL_DAMAGED'], ['PAN_EXCEL_DAMAGED']]);
  });

  it('warns on each later row with the same card and amount, naming the earlier line', () => {
    const card = '6222021234567890128';
    const result = validateRows(
      rows(
        { amount: '100', card_number: card },
        { amount: '100.00', card_number: '6222 0212 3456 7890 128' },
        { amount: '200', card_number: card },
        { amount: '100', card_number: '6222021234567894' },
        { amount: '1,00.00', card_number: card }, // invalid amount: not compared
        { amount: '200', card_number: card },
        { amount: '100', card_number: card },
      ),
      context(),
    );
    expect(result.map((r) => r.status)).toEqual(['ok', 'warning', 'ok', 'ok', 'error', 'warning', 'warning']);
    expect(result[1]?.issues).toEqual([
      {
        code: 'ROW_DUPLICATE',
        severity: 'warning',
        field: null,
        params: { first_line: 2, pan: '622202******0128', amount: '100.00' },
      },
    ]);
    expect(result[5]?.issues[0]?.params.first_line).toBe(4);
    expect(result[6]?.issues[0]?.params.first_line).toBe(2);
  });
});

describe('validateRows: scale', () => {
  it('validates 100,000 rows in well under a few seconds (a guard against accidental quadratic work)', () => {
    const many: MappedRow[] = [];
    for (let i = 0; i < 100_000; i++) {
      many.push({ line: i + 2, values: { ...GOOD, payment_id: `PO-${i}`, card_number: cardNumber(i) } });
    }
    const started = performance.now();
    const result = validateRows(many, context({ isPaymentIdUsed: () => new Set() }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toHaveLength(100_000);
  });
});
