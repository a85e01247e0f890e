import { describe, expect, it } from 'vitest';
import { checkAmount } from '../../electron/core/validation/amount.js';
import { checkCurrency } from '../../electron/core/validation/currency.js';
import type { RowIssue } from '../../electron/core/types.js';

const P2P = { min_fen: 1000, max_fen: 4499900 };
const NAMES = { method: 'CUP P2P', method_zh: '银联 P2P' };

function amount(value: string, limits = P2P) {
  const issues: RowIssue[] = [];
  return { fen: checkAmount(value, limits, NAMES, issues), issues };
}

describe('checkAmount', () => {
  it.each([
    ['10.00', 1000],
    ['10', 1000],
    ['44999.00', 4499900],
    ['44,999', 4499900],
    ['1,234.56', 123456],
    ['￥88', 8800],
  ])('accepts %j within the limits (bounds included)', (value, fen) => {
    expect(amount(value)).toEqual({ fen, issues: [] });
  });

  it('reports an empty amount as a missing required field', () => {
    const { fen, issues } = amount('');
    expect(fen).toBeNull();
    expect(issues).toEqual([{ code: 'REQUIRED_MISSING', severity: 'error', field: 'amount', params: {} }]);
  });

  it.each(['abc', '-5', '0', '1.234', '1,2,3', '5.'])(
    'reports %j as AMOUNT_INVALID with the value',
    (value) => {
      const { fen, issues } = amount(value);
      expect(fen).toBeNull();
      expect(issues).toEqual([
        { code: 'AMOUNT_INVALID', severity: 'error', field: 'amount', params: { value } },
      ]);
    },
  );

  it('reports an amount below the minimum with formatted values and the method', () => {
    const { fen, issues } = amount('9.99');
    expect(fen).toBe(999);
    expect(issues).toEqual([
      {
        code: 'AMOUNT_BELOW_MIN',
        severity: 'error',
        field: 'amount',
        params: { value: '9.99', min: '10.00', method: 'CUP P2P', method_zh: '银联 P2P' },
      },
    ]);
  });

  it('reports an amount above the maximum', () => {
    const { fen, issues } = amount('44999.01');
    expect(fen).toBe(4499901);
    expect(issues[0]).toMatchObject({
      code: 'AMOUNT_ABOVE_MAX',
      params: { value: '44,999.01', max: '44,999.00' },
    });
  });

  it('reports an absurdly large amount as above the maximum, shown as typed, and keeps it out of the draft', () => {
    const { fen, issues } = amount('123456789012345678901234');
    expect(fen).toBeNull();
    expect(issues[0]).toMatchObject({
      code: 'AMOUNT_ABOVE_MAX',
      params: { value: '123456789012345678901234' },
    });
  });

  it('uses the limits it is given (an admin override)', () => {
    const limits = { min_fen: 10000, max_fen: 4999900 };
    expect(amount('99.99', limits).issues[0]?.code).toBe('AMOUNT_BELOW_MIN');
    expect(amount('100', limits).issues).toEqual([]);
    expect(amount('49999', limits).issues).toEqual([]);
    expect(amount('49999.01', limits).issues[0]?.code).toBe('AMOUNT_ABOVE_MAX');
  });
});

describe('checkCurrency', () => {
  it.each([
    ['', 'CNY'],
    ['CNY', 'CNY'],
    ['cny', 'CNY'],
    ['Cny', 'CNY'],
    // The yuan as Chinese spreadsheets write it.
    ['RMB', 'CNY'],
    ['rmb', 'CNY'],
    ['人民币', 'CNY'],
    ['元', 'CNY'],
    ['￥', 'CNY'],
  ])('accepts %j as %s', (value, currency) => {
    const issues: RowIssue[] = [];
    expect(checkCurrency(value, issues)).toBe(currency);
    expect(issues).toEqual([]);
  });

  it.each(['USD', 'CN', 'CNYY', 'RMBB', '美元'])('refuses %j', (value) => {
    const issues: RowIssue[] = [];
    checkCurrency(value, issues);
    expect(issues).toEqual([
      { code: 'CURRENCY_UNSUPPORTED', severity: 'error', field: 'currency', params: { value } },
    ]);
  });
});
