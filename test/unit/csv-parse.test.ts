import { describe, expect, it } from 'vitest';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import { detectDelimiter, readCsvRecords } from '../../electron/core/csv/parse.js';

/** Collects what readCsvRecords hands over. */
function parseCsvText(text: string) {
  let header: string[] = [];
  const records: Array<{ line: number; cells: string[] }> = [];
  const delimiter = readCsvRecords(text, {
    onHeader: (cells) => (header = cells),
    onRecord: (line, cells) => records.push({ line, cells }),
  });
  return { delimiter, header, records };
}

describe('detectDelimiter', () => {
  it('detects comma, semicolon and tab', () => {
    expect(detectDelimiter('amount,card_number,bank_id\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('amount;card_number;bank_id\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('amount\tcard_number\tbank_id\n1\t2\t3\n')).toBe('\t');
  });

  it('is not fooled by decimal commas in a semicolon file', () => {
    expect(detectDelimiter('amount;card_number;bank_id\n1234,56;622848;1\n99,00;622848;1\n')).toBe(';');
  });

  it('ignores delimiters inside quotes, including quoted line breaks', () => {
    const text = 'amount;description\n1;"a, b, c"\n2;"x,\ny,z"\n3;plain\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('still detects the delimiter when some data rows are short', () => {
    expect(detectDelimiter('a;b;c;d\n1;2;3;4\n1;2\n1;2;3;4\n')).toBe(';');
  });

  it('defaults to comma when no candidate splits the header', () => {
    expect(detectDelimiter('amount\n1\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('readCsvRecords', () => {
  it('returns the header and records with 1-based line numbers (header is line 1)', () => {
    const parsed = parseCsvText('amount,card\n1,2\n3,4\n');
    expect(parsed).toEqual({
      delimiter: ',',
      header: ['amount', 'card'],
      records: [
        { line: 2, cells: ['1', '2'] },
        { line: 3, cells: ['3', '4'] },
      ],
    });
  });

  it('reads CRLF and LF files alike, without leaving CR in cells', () => {
    const lf = parseCsvText('a,b\n1,2\n3,4');
    const crlf = parseCsvText('a,b\r\n1,2\r\n3,4\r\n');
    expect(crlf).toEqual(lf);
    expect(crlf.records.map((r) => r.cells[1])).toEqual(['2', '4']);
  });

  it('unquotes fields with commas and doubled quotes', () => {
    const parsed = parseCsvText('amount,description\n1,"Salary, March"\n2,"He said ""hi"""\n');
    expect(parsed.records.map((r) => r.cells[1])).toEqual(['Salary, March', 'He said "hi"']);
  });

  it('keeps embedded line breaks in a quoted field and shifts later line numbers', () => {
    const text =
      'amount,description\r\n1,"line one\nline two\nline three"\r\n2,after\r\n3,"x\r\ny"\r\n4,last\r\n';
    const parsed = parseCsvText(text);
    expect(parsed.records).toEqual([
      { line: 2, cells: ['1', 'line one\nline two\nline three'] },
      { line: 5, cells: ['2', 'after'] },
      { line: 6, cells: ['3', 'x\r\ny'] },
      { line: 8, cells: ['4', 'last'] },
    ]);
  });

  it('skips blank lines but keeps counting them', () => {
    const parsed = parseCsvText('\namount,card\n\n1,2\n   \n\n3,4\n\n');
    expect(parsed.header).toEqual(['amount', 'card']);
    expect(parsed.records).toEqual([
      { line: 4, cells: ['1', '2'] },
      { line: 7, cells: ['3', '4'] },
    ]);
  });

  it('keeps line numbers right when blank lines and quoted line breaks mix', () => {
    const parsed = parseCsvText('a,b\n\n1,"x\ny"\n\n2,z\n');
    expect(parsed.records.map((r) => r.line)).toEqual([3, 6]);
  });

  it('does not glue rows together in a file with mixed CRLF and LF endings', () => {
    const parsed = parseCsvText('a,b\r\n1,2\r\n3,4\n5,6\r\n7,8\r\n');
    expect(parsed.records).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
      { line: 4, cells: ['5', '6'] },
      { line: 5, cells: ['7', '8'] },
    ]);
  });

  it('reads Excel in-cell line breaks (LF inside quotes in a CRLF file)', () => {
    const parsed = parseCsvText('a,b\r\n1,"x\ny"\r\n2,"last\ncell"\r\n3,z\r\n');
    expect(parsed.records).toEqual([
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 4, cells: ['2', 'last\ncell'] },
      { line: 6, cells: ['3', 'z'] },
    ]);
  });

  it('counts a lone CR inside a quoted field as a line break, as editors show it', () => {
    expect(parseCsvText('a,b\n1,"x\ry"\n2,z\n').records).toEqual([
      { line: 2, cells: ['1', 'x\ry'] },
      { line: 4, cells: ['2', 'z'] },
    ]);
  });

  it('reads old Mac files with CR-only line endings', () => {
    expect(parseCsvText('a,b\r1,2\r3,4').records).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('ends a row at a lone CR between LF rows instead of gluing it to the next', () => {
    // Before: the file was split at LF only, and row 3,4 became part of the cell "2\r3".
    expect(parseCsvText('a,b\n1,2\r3,4\n5,6\n').records).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
      { line: 4, cells: ['5', '6'] },
    ]);
  });

  it('ends a row at a lone CR in a CRLF file, leaving no CR in any cell', () => {
    expect(parseCsvText('a,b\r\n1,2\r3,4\r\n\r5,6\r\n').records).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
      { line: 5, cells: ['5', '6'] },
    ]);
  });

  it('ends a row at a lone CR after a quoted last cell', () => {
    expect(parseCsvText('a,b\n1,"x, y"\r2,"z" \r3,w\n').records).toEqual([
      { line: 2, cells: ['1', 'x, y'] },
      { line: 3, cells: ['2', 'z'] },
      { line: 4, cells: ['3', 'w'] },
    ]);
  });

  it('reads old Mac files (CR rows) with Excel in-cell line breaks (LF inside quotes)', () => {
    expect(parseCsvText('a,b\r1,"x\ny"\r2,z\r').records).toEqual([
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 4, cells: ['2', 'z'] },
    ]);
  });

  it('keeps a lone CR inside a quoted field as content while a lone CR outside ends the row', () => {
    // Physical lines: 1 a,b · 2 1,"x · 3 y" · 4 3,4 · 5 5,"""6"""
    expect(parseCsvText('a,b\r\n1,"x\ry"\r3,4\r\n5,"""6"""\r').records).toEqual([
      { line: 2, cells: ['1', 'x\ry'] },
      { line: 4, cells: ['3', '4'] },
      { line: 5, cells: ['5', '"6"'] },
    ]);
  });

  it('does not take a quote inside an unquoted field for the start of a quoted one', () => {
    // Counting every quote would take the rest of the file for quoted and leave the CR in "2\r3".
    expect(parseCsvText('a\tb\n5" screen\t2\r3\t4\n6\t7\n').records).toEqual([
      { line: 2, cells: ['5" screen', '2'] },
      { line: 3, cells: ['3', '4'] },
      { line: 4, cells: ['6', '7'] },
    ]);
  });

  it('still refuses malformed quotes in a file with lone CRs, on the physical line', () => {
    try {
      parseCsvText('a,b\n1,2\r3,"x"y\r4,5\n');
      expect.unreachable();
    } catch (err) {
      expect((err as IntakeFileError).code).toBe('FILE_MALFORMED_QUOTES');
      expect((err as IntakeFileError).params).toEqual({ line: 3, problem: 'text_after_quote' });
    }
  });

  it('gives the right line to the last of many records when one row ends in a lone CR', () => {
    const lines = ['a,b', ...Array.from({ length: 5000 }, (_, i) => `${i},x`)];
    const text = lines.slice(0, 2500).join('\r\n') + '\r' + lines.slice(2500).join('\r\n') + '\r\n';
    const parsed = parseCsvText(text);
    expect(parsed.records).toHaveLength(5000);
    expect(parsed.records.slice(2498, 2500)).toEqual([
      { line: 2500, cells: ['2498', 'x'] },
      { line: 2501, cells: ['2499', 'x'] },
    ]);
    expect(parsed.records[4999]).toEqual({ line: 5001, cells: ['4999', 'x'] });
  });

  it('reads back every record, on its physical line, whatever mix of LF, CRLF and lone CR ends the rows', () => {
    // Seeded, so a failure is reproducible. Cells hold quotes, delimiters and line breaks of every kind.
    let seed = 20240611;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['a', '7', ' ', '"', ',', '\n', '\r\n', '\r', '张', 'x"y'];
    const endings = ['\n', '\r\n', '\r'];
    for (let round = 0; round < 300; round++) {
      const rows: string[][] = [['h1', 'h2', 'h3']];
      for (let r = 0; r < 1 + random(6); r++) {
        const cells = [`p${r}`];
        for (let c = 0; c < 2; c++) {
          let cell = '';
          for (let k = random(4); k > 0; k--) cell += pieces[random(pieces.length)];
          // A CR at the very end of a last cell is taken for half of a CRLF in a mixed file.
          cells.push(cell.endsWith('\r') ? `${cell}z` : cell);
        }
        rows.push(cells);
      }
      let text = '';
      const starts: number[] = [];
      for (const cells of rows) {
        starts.push(text.length);
        const quoted = cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell));
        text += quoted.join(',') + endings[random(endings.length)];
      }
      const physicalLine = (offset: number) => (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length + 1;
      const parsed = parseCsvText(text);
      expect(parsed.header).toEqual(rows[0]);
      expect(parsed.records, JSON.stringify(text)).toEqual(
        rows.slice(1).map((cells, i) => ({ line: physicalLine(starts[i + 1]!), cells })),
      );
    }
  });

  it('keeps cells as untrimmed strings (no type conversion)', () => {
    const parsed = parseCsvText('amount,card,flag\n 0012.50 ,6228481234567890128,true\n');
    expect(parsed.records[0]!.cells).toEqual([' 0012.50 ', '6228481234567890128', 'true']);
  });

  it('parses semicolon and tab files', () => {
    expect(parseCsvText('a;b\n1,5;2\n').records[0]!.cells).toEqual(['1,5', '2']);
    const tab = parseCsvText('a\tb\n"x\ty"\t2\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.records[0]!.cells).toEqual(['x\ty', '2']);
  });

  it('keeps short and long records as they are', () => {
    expect(parseCsvText('a,b,c\n1\n1,2,3,4\n').records.map((r) => r.cells)).toEqual([
      ['1'],
      ['1', '2', '3', '4'],
    ]);
  });

  it.each([
    ['a,b\n1,2\n3,"oops\n4,5\n6,7\n', { line: 3, problem: 'unclosed' }],
    // papaparse would read on to the next quote and swallow rows 4,5 and 6,7 into one cell.
    ['a,b\n1,2\n\n3,"x"y\n4,5\n6,"z"\n', { line: 4, problem: 'text_after_quote' }],
  ])('refuses malformed quotes instead of swallowing rows: %j', (text, params) => {
    try {
      parseCsvText(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(IntakeFileError);
      expect((err as IntakeFileError).code).toBe('FILE_MALFORMED_QUOTES');
      expect((err as IntakeFileError).params).toEqual(params);
    }
  });

  it('stops at the first failure of the reader and throws it unchanged', () => {
    const failure = new Error('header refused');
    const seen: number[] = [];
    expect(() =>
      readCsvRecords('a,b\n1,2\n3,4\n', {
        onHeader: () => {
          throw failure;
        },
        onRecord: (line) => seen.push(line),
      }),
    ).toThrow(failure);
    expect(seen).toEqual([]);
  });

  it('hands records over while parsing, before the rest of the file is read', () => {
    const lines: number[] = [];
    expect(() =>
      readCsvRecords('a,b\n1,2\n3,4\n5,"oops\n6,7\n', {
        onHeader: () => {},
        onRecord: (line) => lines.push(line),
      }),
    ).toThrow(IntakeFileError);
    expect(lines).toEqual([2, 3]);
  });

  it('accepts quotes inside an unquoted field and spaces after a closing quote', () => {
    expect(parseCsvText('a,b\n5" screen,2\n"x" ,3\n').records.map((r) => r.cells)).toEqual([
      ['5" screen', '2'],
      ['x', '3'],
    ]);
  });

  it('gives the right line to the last of many records (fast path)', () => {
    const lines = ['a,b', ...Array.from({ length: 5000 }, (_, i) => `${i},x`)];
    const parsed = parseCsvText(lines.join('\r\n'));
    expect(parsed.records).toHaveLength(5000);
    expect(parsed.records[4999]).toEqual({ line: 5001, cells: ['4999', 'x'] });
  });
});
