import { describe, expect, it } from 'vitest';
import { fenToDecimalString, formatFen, parseAmountToFen, SATURATED_FEN } from '../../electron/core/money.js';

describe('parseAmountToFen', () => {
  it.each([
    ['1', 100],
    ['10', 1000],
    ['10.5', 1050],
    ['10.50', 1050],
    ['0.01', 1],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.15', 115],
    ['4.35', 435],
    ['44999.00', 4499900],
    ['007.50', 750],
    ['1,234.56', 123456],
    ['1,234,567', 123456700],
    ['12,345,678.9', 1234567890],
    ['999', 99900],
    ['  88  ', 8800],
    ['\u300088\u3000', 8800],
    ['\t88\u00a0', 8800],
    ['¥88', 8800],
    ['￥88', 8800],
    ['¥ 1,000.00', 100000],
    ['CNY 88', 8800],
    ['cny88.10', 8810],
    ['RMB 88', 8800],
    ['88元', 8800],
    ['88 元', 8800],
    ['88 CNY', 8800],
    ['１２３．４５', 12345],
    ['１，２３４．５６', 123456],
    ['１,234.5６', 123456],
    ['9007199254740.99', 900719925474099],
    ['123,456.78', 12345678], // a first group of exactly 3 digits
    ['１０．００', 1000], // full-width 0 and 9, the ends of the full-width digit range
    ['９９', 9900],
  ])('reads %j as %d fen', (raw, fen) => {
    expect(parseAmountToFen(raw)).toBe(fen);
  });

  it.each([
    [''],
    ['   '],
    ['0'],
    ['0.00'],
    ['00'],
    ['-5'],
    ['+5'],
    ['- 5'],
    ['5-'],
    ['1.234'],
    ['0.001'],
    ['.5'],
    ['5.'],
    ['1..2'],
    ['1.2.3'],
    ['1,2,3'],
    ['1,23'],
    ['1,2345'],
    ['12345,678'],
    [',123'],
    ['1,234,56'],
    ['1234,56'],
    ['1,234.5,6'],
    ['1 234'],
    ['1e3'],
    ['1E+18'],
    ['abc'],
    ['12abc'],
    ['¥'],
    ['CNY'],
    ['USD 88'],
    ['88 USD'],
    ['$88'],
    ['0x10'],
    ['NaN'],
    ['Infinity'],
    ['一百'],
    ['88。00'],
    ['1,23,456'], // a later group must hold exactly 3 digits, not 1-3 like the first
    ['1,2345,678'],
    ['1.,5'], // no thousands comma inside the decimals
  ])('refuses %j', (raw) => {
    expect(parseAmountToFen(raw)).toBeNull();
  });

  it('saturates well-formed amounts too large for exact fen, so limit checks still see them as too large', () => {
    expect(parseAmountToFen('90071992547409.92')).toBe(SATURATED_FEN);
    expect(parseAmountToFen('100000000000000')).toBe(SATURATED_FEN);
    expect(parseAmountToFen('99999999999999999999999999.99')).toBe(SATURATED_FEN);
    expect(parseAmountToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseAmountToFen('90071992547409.90')).toBe(Number.MAX_SAFE_INTEGER - 1);
  });

  it('still refuses malformed huge numbers', () => {
    expect(parseAmountToFen('99999999999999999999.999')).toBeNull();
    expect(parseAmountToFen('-99999999999999999999')).toBeNull();
  });
});

describe('formatFen / fenToDecimalString', () => {
  it.each([
    [0, '0.00', '0.00'],
    [1, '0.01', '0.01'],
    [10, '0.10', '0.10'],
    [100, '1.00', '1.00'],
    [123456, '1,234.56', '1234.56'],
    [4499900, '44,999.00', '44999.00'],
    [100000000, '1,000,000.00', '1000000.00'],
    [-123456, '-1,234.56', '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91', '90071992547409.91'],
  ])('%d fen → %s / %s', (fen, grouped, plain) => {
    expect(formatFen(fen)).toBe(grouped);
    expect(fenToDecimalString(fen)).toBe(plain);
  });

  it('round-trips with parseAmountToFen', () => {
    for (const fen of [1, 99, 100, 1050, 123456, 4499900, 987654321]) {
      expect(parseAmountToFen(formatFen(fen))).toBe(fen);
      expect(parseAmountToFen(fenToDecimalString(fen))).toBe(fen);
    }
  });

  it('refuses values that are not a whole number of fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => fenToDecimalString(Number.NaN)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow(RangeError);
  });

  it('names the offending value in the error', () => {
    expect(() => formatFen(1.5)).toThrow('Not an integer amount of fen: 1.5');
    expect(() => fenToDecimalString(Number.POSITIVE_INFINITY)).toThrow(
      'Not an integer amount of fen: Infinity',
    );
  });
});
