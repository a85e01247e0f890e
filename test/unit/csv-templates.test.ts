import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPayoutCsv, TEMPLATE_FIELDS, TEMPLATE_HEADERS } from '../../electron/core/csv/index.js';

const TEMPLATES_DIR = join(import.meta.dirname, '../../resources/templates');

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 7064 MOD 11-2 check character of a PRC resident ID number (GB 11643). */
function residentIdCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return '10X98765432'[sum % 11]!;
}

describe.each([
  ['payouts-template-en.csv', 'en' as const],
  ['payouts-template-zh-CN.csv', 'zh' as const],
])('%s', (file, lang) => {
  const bytes = new Uint8Array(readFileSync(join(TEMPLATES_DIR, file)));

  it('is UTF-8 with a BOM and CRLF line endings, as Excel expects', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has every payout field as a header, in template order and language', () => {
    const result = readPayoutCsv(bytes);
    expect(result.header).toEqual(TEMPLATE_FIELDS.map((f) => TEMPLATE_HEADERS[f][lang]));
    expect(Object.keys(result.mapping.columns)).toEqual([...TEMPLATE_FIELDS]);
    expect(result.ignoredColumns).toEqual([]);
  });

  it('has one realistic example row', () => {
    const { rows } = readPayoutCsv(bytes);
    expect(rows).toHaveLength(1);
    const v = rows[0]!.values;
    expect(v).toMatchObject({ amount: '1234.56', currency: 'CNY', bank_id: '1', region_id: '5' });
    expect(v).toMatchObject({ last_name: '张', first_name: '伟', phone: '13800138000', bank_city: '广州' });
    expect(v.card_number).toMatch(/^62\d{17}$/);
    expect(luhnValid(v.card_number!)).toBe(true);
    expect(v.id_number).toMatch(/^\d{17}[\dX]$/);
    expect(v.id_number!.at(-1)).toBe(residentIdCheckChar(v.id_number!.slice(0, 17)));
    expect(v.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });
});

describe('template example checks', () => {
  it('check digit helpers reject altered numbers', () => {
    expect(luhnValid('6228481234567890128')).toBe(true);
    expect(luhnValid('6228481234567890127')).toBe(false);
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });
});
