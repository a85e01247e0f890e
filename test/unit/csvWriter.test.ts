/**
 * The CSV files people open in Excel: UTF-8 with a BOM, CRLF, RFC 4180 quoting, and no cell a spreadsheet
 * would run as a formula.
 */
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, writeCsv } from '../../electron/core/reports/csvWriter.js';
import { readCsvRecords } from '../../electron/core/csv/parse.js';

describe('neutraliseFormula', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['＝1+1', "'＝1+1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['＋86 138', "'＋86 138"],
    ['－1', "'－1"],
  ])('%j starts like a formula: it gets a leading apostrophe', (cell, written) => {
    expect(neutraliseFormula(cell)).toBe(written);
  });

  it.each(['张伟', '101.00', '622848******0128', "'already", 'a=b', '', ' =1'])(
    '%j is left as it is',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(cell);
    },
  );
});

describe('csvField', () => {
  it('quotes a field holding a comma, a quote or a line end, doubling its quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes numbers as their digits and null as an empty field', () => {
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });

  it('neutralises before quoting: a formula with a comma is still text', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

describe('writeCsv', () => {
  const content = writeCsv(
    ['行号', 'Name', 'Note'],
    [
      [1, '张伟', 'ok'],
      [2, '=cmd|x!A0', 'a "quoted", multi\nline note'],
    ],
  );

  it('starts with the UTF-8 byte order mark and ends every record with CRLF', () => {
    const bytes = Buffer.from(content, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(content.slice(1)).toBe(
      '行号,Name,Note\r\n1,张伟,ok\r\n2,\'=cmd|x!A0,"a ""quoted"", multi\nline note"\r\n',
    );
  });

  it('reads back as the same cells (the formula kept as text)', () => {
    const records: string[][] = [];
    readCsvRecords(
      content.slice(1),
      { onHeader: (cells) => records.push(cells), onRecord: (_line, cells) => records.push(cells) },
      ',',
    );
    expect(records).toEqual([
      ['行号', 'Name', 'Note'],
      ['1', '张伟', 'ok'],
      ['2', "'=cmd|x!A0", 'a "quoted", multi\nline note'],
    ]);
  });
});
