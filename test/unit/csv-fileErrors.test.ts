import { describe, expect, it } from 'vitest';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import { describeFileError } from '../../electron/core/i18n/fileErrors.js';

const err = (code: IntakeFileError['code'], params: Record<string, string | number> = {}) =>
  new IntakeFileError(code, params);

describe('describeFileError', () => {
  it('names a missing column with its Chinese header', () => {
    const e = err('FILE_MISSING_COLUMN', { column: 'amount' });
    expect(describeFileError(e, 'en')).toBe('Required column missing: amount (金额).');
    expect(describeFileError(e, 'zh-CN')).toBe('缺少必填列：amount（金额）。');
  });

  it('lists several missing columns and suggests full_name for missing names', () => {
    const e = err('FILE_MISSING_COLUMN', { column: 'card_number, last_name, first_name' });
    expect(describeFileError(e, 'en')).toBe(
      'Required columns missing: card_number (卡号), last_name (姓), first_name (名).' +
        ' A single full_name (收款人姓名) column can replace last_name and first_name.',
    );
    expect(describeFileError(e, 'zh-CN')).toBe(
      '缺少必填列：card_number（卡号）、last_name（姓）、first_name（名）。' +
        '也可以用一列 full_name（收款人姓名）代替 last_name 和 first_name。',
    );
  });

  it('names the clashing headers of a duplicate column', () => {
    const e = err('FILE_DUPLICATE_COLUMN', { column: 'amount', headers: 'amount, 金额' });
    expect(describeFileError(e, 'en')).toContain('amount (金额): amount, 金额.');
    expect(describeFileError(e, 'zh-CN')).toContain('amount（金额）：amount、金额。');
  });

  it('tells an Excel workbook apart from other binary files', () => {
    expect(describeFileError(err('FILE_BINARY', { format: 'xlsx' }), 'en')).toContain(
      'Excel workbook (.xlsx)',
    );
    expect(describeFileError(err('FILE_BINARY', { format: 'xlsx' }), 'zh-CN')).toContain(
      'Excel 工作簿（.xlsx）',
    );
    expect(describeFileError(err('FILE_BINARY', { format: 'binary' }), 'en')).toBe(
      'This is not a text file. Choose a CSV file.',
    );
  });

  it('gives the line of an undecodable UTF-8 file and the unclosed quote', () => {
    expect(describeFileError(err('FILE_UNDECODABLE', { encoding: 'utf-8', line: 7 }), 'en')).toContain(
      'line 7',
    );
    expect(describeFileError(err('FILE_UNDECODABLE', { encoding: 'utf-8', line: 7 }), 'zh-CN')).toContain(
      '第 7 行',
    );
    expect(describeFileError(err('FILE_UNDECODABLE', { encoding: 'utf-16' }), 'en')).toContain('UTF-16');
    expect(describeFileError(err('FILE_MALFORMED_QUOTES', { line: 12, problem: 'unclosed' }), 'zh-CN')).toBe(
      '第 12 行有未闭合的引号，请检查该行的引号。',
    );
    expect(
      describeFileError(err('FILE_MALFORMED_QUOTES', { line: 4, problem: 'text_after_quote' }), 'en'),
    ).toBe(
      'Line 4 has a quoted field with text after its closing quote (like "abc"def). ' +
        'Inside a quoted field, write a quotation mark twice ("").',
    );
  });

  it('quotes the bad --map entry and why it is bad', () => {
    const unknown = err('MAP_INVALID', { entry: 'Betrag=money', reason: 'unknown_field' });
    expect(describeFileError(unknown, 'en')).toMatch(
      /^Column mapping "Betrag=money" names an unknown field\. Fields: payment_id, amount/,
    );
    expect(describeFileError(unknown, 'zh-CN')).toContain('列映射“Betrag=money”中的字段不存在');
    const missing = err('MAP_INVALID', { entry: 'Summe=amount', reason: 'header_not_found' });
    expect(describeFileError(missing, 'en')).toBe(
      'Column mapping "Summe=amount": the file has no column with that header.',
    );
  });

  it('has a non-empty message in both languages for every code', () => {
    const codes: IntakeFileError['code'][] = [
      'FILE_EMPTY',
      'FILE_NO_ROWS',
      'FILE_MISSING_COLUMN',
      'FILE_DUPLICATE_COLUMN',
      'FILE_BINARY',
      'FILE_UNDECODABLE',
      'FILE_MALFORMED_QUOTES',
      'MAP_INVALID',
    ];
    for (const code of codes) {
      const en = describeFileError(
        err(code, {
          column: 'amount',
          headers: 'a, b',
          line: 1,
          entry: 'x',
          reason: 'syntax',
          encoding: 'gb18030',
          format: 'binary',
        }),
        'en',
      );
      const zh = describeFileError(
        err(code, {
          column: 'amount',
          headers: 'a, b',
          line: 1,
          entry: 'x',
          reason: 'syntax',
          encoding: 'gb18030',
          format: 'binary',
        }),
        'zh-CN',
      );
      expect(en).toMatch(/[A-Za-z]/);
      expect(zh).toMatch(/\p{Script=Han}/u);
      expect(zh).not.toBe(en);
    }
  });
});
