import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatFen, formatYuan, parseYuan } from '../../renderer/src/format';

describe('amounts on screen', () => {
  it('shows integer fen as ¥ with separators, exactly', () => {
    expect(formatYuan(123456)).toBe('¥1,234.56');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(4499900)).toBe('¥44,999.00');
    expect(formatYuan(-1050)).toBe('-¥10.50');
    expect(formatYuan(null)).toBe('—');
    // Beyond a float's exact decimals: 2^53 - 1 fen still prints digit for digit.
    expect(formatFen(9007199254740991)).toBe('90,071,992,547,409.91');
  });

  it('reads what a person types as fen, digit by digit', () => {
    expect(parseYuan('1,234.56')).toBe(123456);
    expect(parseYuan('¥1234.5')).toBe(123450);
    expect(parseYuan('￥10')).toBe(1000);
    expect(parseYuan(' 0.07 ')).toBe(7);
    // 0.1 + 0.2 style float errors cannot happen: 1.15 is 115 fen, not 114.99999.
    expect(parseYuan('1.15')).toBe(115);
    expect(parseYuan('1.155')).toBeNull();
    expect(parseYuan('-5')).toBeNull();
    expect(parseYuan('12,34a')).toBeNull();
    expect(parseYuan('')).toBeNull();
  });

  it('formats counts and times in the UI language', () => {
    expect(formatCount(100000, 'en')).toBe('100,000');
    expect(formatCount(100000, 'zh-CN')).toBe('100,000');
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a time', 'en')).toBe('not a time');
    expect(formatDateTime('2026-12-02T19:18:00Z', 'zh-CN')).toMatch(/^2026\/12\/0[23] \d\d:\d\d$/);
  });
});
