import { describe, expect, it } from 'vitest';
import { IntakeFileError, parseMapOption, readPayoutCsv } from '../../electron/core/csv/index.js';
import { mapHeader } from '../../electron/core/csv/headers.js';
import { recordMapper } from '../../electron/core/csv/mapRows.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { crlf, EN_HEADER, ROW_1, ROW_2, utf8, withUtf8Bom, ZH_HEADER } from '../fixtures/csv/samples.js';

function readError(bytes: Uint8Array, options?: Parameters<typeof readPayoutCsv>[1]): IntakeFileError {
  try {
    readPayoutCsv(bytes, options);
  } catch (err) {
    if (err instanceof IntakeFileError) return err;
    throw err;
  }
  throw new Error('expected an IntakeFileError');
}

describe('readPayoutCsv', () => {
  it('reads a UTF-8 file with BOM and English headers', () => {
    const result = readPayoutCsv(withUtf8Bom(utf8(crlf(EN_HEADER, ROW_1, ROW_2))));
    expect(result.encoding).toBe('utf-8');
    expect(result.bom).toBe(true);
    expect(result.delimiter).toBe(',');
    expect(result.header[0]).toBe('payment_id');
    expect(result.mapping.hasPaymentIdColumn).toBe(true);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toEqual({
      line: 2,
      values: expect.objectContaining({
        payment_id: 'P-1',
        amount: '1234.56',
        currency: 'CNY',
        card_number: '6228481234567890128',
        bank_id: '1',
        region_id: '5',
        last_name: '张',
        first_name: '伟',
        phone: '13800138000',
      }),
      // As many cells as the header has columns.
      shape: null,
      // No control character anywhere in the file, one line: no per-cell scan needed.
      mayHoldUnsafe: false,
    });
    // Fields the file has no column for are left undefined, not ''.
    expect(result.rows[0]!.values.id_number).toBeUndefined();
  });

  it('reads a GBK file with Chinese headers (Excel "CSV (逗号分隔)") through the GB18030 fallback', () => {
    const result = readPayoutCsv(encodeGbk(crlf(ZH_HEADER, ROW_1)));
    expect(result.encoding).toBe('gb18030');
    expect(result.bom).toBe(false);
    expect(result.rows[0]!.values).toMatchObject({
      last_name: '张',
      first_name: '伟',
      phone: '13800138000',
      branch: '天河支行',
      bank_city: '广州',
      street: '天河路385号',
      zip: '510620',
      description: '佣金',
    });
  });

  it('honours an encoding override', () => {
    const bytes = encodeGbk(crlf(ZH_HEADER, ROW_1));
    expect(readPayoutCsv(bytes, { encoding: 'gb18030' }).rows[0]!.values.last_name).toBe('张');
    expect(readError(bytes, { encoding: 'utf-8' }).code).toBe('FILE_UNDECODABLE');
  });

  it('reads semicolon and tab files', () => {
    const semi = readPayoutCsv(utf8(crlf(EN_HEADER.replaceAll(',', ';'), ROW_1.replaceAll(',', ';'))));
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[0]!.values.amount).toBe('1234.56');
    const tab = readPayoutCsv(utf8(crlf(EN_HEADER.replaceAll(',', '\t'), ROW_1.replaceAll(',', '\t'))));
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows[0]!.values.card_number).toBe('6228481234567890128');
  });

  it('fills last_name and first_name from a full_name column', () => {
    const text = crlf(
      '金额,卡号,银行编号,地区编号,收款人姓名',
      '100,6228481234567890128,1,5,欧阳娜娜',
      '100,622848,1,5,张伟',
    );
    const rows = readPayoutCsv(utf8(text)).rows;
    expect(rows.map((r) => [r.values.last_name, r.values.first_name])).toEqual([
      ['欧阳', '娜娜'],
      ['张', '伟'],
    ]);
  });

  it('applies a --map option', () => {
    const text = crlf('Ref;Summe;PAN;Bank;Region;Name;Notiz', 'X1;12,50;6228481234567890128;1;5;张伟;hi');
    const map = parseMapOption(
      'Ref=payment_id,Summe=amount,PAN=card_number,Bank=bank_id,Region=region_id,Name=full_name',
    );
    const result = readPayoutCsv(utf8(text), { map });
    expect(result.rows[0]!.values).toMatchObject({
      payment_id: 'X1',
      amount: '12,50',
      last_name: '张',
      first_name: '伟',
    });
    expect(result.ignoredColumns).toEqual(['Notiz']);
  });

  it('gives short records empty strings for their missing cells and keeps them', () => {
    const result = readPayoutCsv(utf8(crlf(EN_HEADER, 'P-1,10.00,CNY,622848')));
    expect(result.rows[0]!.values).toMatchObject({
      card_number: '622848',
      bank_id: '',
      first_name: '',
      phone: '',
    });
    // Kept, with its cell count, for validation to report (ROW_SHAPE).
    expect(result.rows[0]!.shape).toEqual({ cells: 4, expected: EN_HEADER.split(',').length });
  });

  it('drops rows whose cells are all blank, keeping the line numbers of the others', () => {
    const result = readPayoutCsv(utf8(crlf(EN_HEADER, ROW_1, ',,,,,,,', '', ' , ,', ROW_2)));
    expect(result.rows.map((r) => [r.line, r.values.payment_id])).toEqual([
      [2, 'P-1'],
      [6, 'P-2'],
    ]);
  });

  it('gives rows after a multi-line quoted description the right line numbers', () => {
    // EN_HEADER's last column is the description: the rows' last cells replaced by quoted ones.
    const withoutDescription = (row: string) => row.slice(0, row.lastIndexOf(','));
    expect(EN_HEADER.endsWith(',description')).toBe(true);
    const text = crlf(
      EN_HEADER,
      `${withoutDescription(ROW_1)},"line 1\nline 2, with comma"`,
      `${withoutDescription(ROW_2)},"say ""hi"""`,
    );
    const result = readPayoutCsv(utf8(text));
    expect(result.rows.map((r) => [r.line, r.values.description])).toEqual([
      [2, 'line 1\nline 2, with comma'],
      [4, 'say "hi"'],
    ]);
  });

  it('refuses an empty or whitespace-only file', () => {
    expect(readError(new Uint8Array()).code).toBe('FILE_EMPTY');
    expect(readError(utf8(' \r\n\t\r\n')).code).toBe('FILE_EMPTY');
    expect(readError(withUtf8Bom(utf8('\r\n'))).code).toBe('FILE_EMPTY');
  });

  it('refuses a header-only file', () => {
    expect(readError(utf8(crlf(EN_HEADER))).code).toBe('FILE_NO_ROWS');
    expect(readError(utf8(crlf(EN_HEADER, ',,,', ''))).code).toBe('FILE_NO_ROWS');
  });

  it('names the missing required columns', () => {
    const err = readError(utf8(crlf('payment_id,amount,last_name,first_name', 'P-1,1,张,伟')));
    expect(err.code).toBe('FILE_MISSING_COLUMN');
    expect(err.params.column).toBe('card_number, bank_id, region_id');
  });

  it('refuses binary files', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expect(readError(zip).code).toBe('FILE_BINARY');
  });
});

describe('recordMapper', () => {
  it('uses a full_name column only for the name part that has no column of its own', () => {
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', 'last_name', 'full_name']);
    const row = recordMapper(mapping, 6)(2, ['1', '2', '3', '4', '欧阳', '欧阳娜娜']);
    expect(row!.values).toMatchObject({ last_name: '欧阳', first_name: '娜娜' });
  });

  it('leaves names alone when last_name and first_name columns exist', () => {
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', '姓', '名', '收款人姓名']);
    const row = recordMapper(mapping, 7)(2, ['1', '2', '3', '4', '李', '四', '张三']);
    expect(row!.values).toMatchObject({ last_name: '李', first_name: '四' });
  });

  it('keeps raw cell text untrimmed', () => {
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', '姓', '名']);
    const row = recordMapper(mapping, 6)(9, [' 1.00 ', '2', '3', '4', '张 ', '伟']);
    expect(row).toEqual({
      line: 9,
      values: expect.objectContaining({ amount: ' 1.00 ', last_name: '张 ' }),
      shape: null,
      // Until the CSV layer has looked at the whole file.
      mayHoldUnsafe: true,
    });
  });

  it('marks a record with more or fewer cells than the header, but not one with blank extras', () => {
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', '姓', '名']);
    const map = recordMapper(mapping, 6);
    // An unquoted thousands separator: 12,345.00 makes one cell more and shifts the columns.
    expect(map(2, ['12', '345.00', '6222', '1', '5', '张', '伟'])!.shape).toEqual({ cells: 7, expected: 6 });
    expect(map(3, ['1.00', '6222', '1', '5', '张'])!.shape).toEqual({ cells: 5, expected: 6 });
    expect(map(4, ['1.00', '6222', '1', '5', '张', '伟', '', ' '])!.shape).toBeNull();
  });

  it('drops a record whose cells are all blank', () => {
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', '姓', '名']);
    expect(recordMapper(mapping, 6)(3, ['', ' ', '', '\t', '', ''])).toBeNull();
  });
});
