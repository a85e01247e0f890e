import { describe, expect, it } from 'vitest';
import { IntakeFileError } from '../../electron/core/csv/index.js';
import {
  mapRefundHeader,
  parseRefundMapOption,
  readRefundCsv,
  refundColumnMapFromRecord,
  refundFieldOf,
  REFUND_FIELDS,
} from '../../electron/core/refunds/index.js';
import { encodeBig5 } from '../fixtures/csv/legacyEncodings.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';

const PAY_ID = '0123456789abcdef0123456789abcdef';
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

function readError(bytes: Uint8Array, options?: Parameters<typeof readRefundCsv>[1]): IntakeFileError {
  try {
    readRefundCsv(bytes, options);
  } catch (err) {
    if (err instanceof IntakeFileError) return err;
    throw err;
  }
  throw new Error('expected an IntakeFileError');
}

describe('refund header names', () => {
  it.each([
    ['pay_id', 'pay_id'],
    ['PayID', 'pay_id'],
    ['Pay ID', 'pay_id'],
    ['PAY-ID', 'pay_id'],
    ['支付号', 'pay_id'],
    ['原支付号', 'pay_id'],
    ['TransID', 'trans_id'],
    ['trans_id', 'trans_id'],
    ['退款交易号', 'trans_id'],
    ['交易号', 'trans_id'],
    ['Amount', 'amount'],
    ['退款金额', 'amount'],
    ['金额', 'amount'],
    ['Currency', 'currency'],
    ['币种', 'currency'],
    ['货币', 'currency'],
    ['Reason', 'reason'],
    ['退款原因', 'reason'],
    ['原因', 'reason'],
    ['RefNr', 'ref_nr'],
    ['refnr', 'ref_nr'],
    ['ref_nr', 'ref_nr'],
    ['商户参考号', 'ref_nr'],
    ['参考号', 'ref_nr'],
    ['CapturedAmount', 'captured_amount'],
    ['captured_amount', 'captured_amount'],
    ['原支付金额', 'captured_amount'],
    ['原支付清算金额', 'captured_amount'],
    ['已清算金额', 'captured_amount'],
    ['原订单金额', 'captured_amount'],
    // Full-width letters and an ideographic space, as Chinese input methods type them.
    ['ＰａｙＩＤ', 'pay_id'],
    ['退款\u3000原因', 'reason'],
  ])('%j names %s', (header, field) => {
    expect(refundFieldOf(header)).toBe(field);
  });

  it.each(['payment_id', '订单号', 'id', 'amount2', '姓名'])('%j names no refund field', (header) => {
    expect(refundFieldOf(header)).toBeUndefined();
  });
});

describe('readRefundCsv', () => {
  it('reads a UTF-8 file with a BOM and English headers, cells exactly as written', () => {
    const text = crlf(
      'PayID,TransID,Amount,Currency,Reason,RefNr,CapturedAmount',
      `${PAY_ID}, R-1 ,12.50,CNY, damaged ,INV1,500.00`,
    );
    const result = readRefundCsv(withBom(utf8(text)));
    expect(result).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', rowCount: 1 });
    expect(result.mapping.columns).toEqual({
      pay_id: 0,
      trans_id: 1,
      amount: 2,
      currency: 3,
      reason: 4,
      ref_nr: 5,
      captured_amount: 6,
    });
    expect(result.mapping.hasTransIdColumn).toBe(true);
    expect(result.rows).toEqual([
      {
        line: 2,
        cells: {
          pay_id: PAY_ID,
          trans_id: ' R-1 ',
          amount: '12.50',
          currency: 'CNY',
          reason: ' damaged ',
          ref_nr: 'INV1',
          captured_amount: '500.00',
        },
        shape: null,
      },
    ]);
  });

  it('reads a GBK file with Chinese headers through auto detection', () => {
    const text = crlf('支付号,退款金额,退款原因,商户参考号', `${PAY_ID},88.00,客户退货,INV2`);
    const result = readRefundCsv(encodeGbk(text));
    expect(result.encoding).toBe('gb18030');
    expect(result.bom).toBe(false);
    expect(result.header).toEqual(['支付号', '退款金额', '退款原因', '商户参考号']);
    expect(result.rows[0]!.cells).toEqual({
      pay_id: PAY_ID,
      trans_id: '',
      amount: '88.00',
      currency: '',
      reason: '客户退货',
      ref_nr: 'INV2',
      captured_amount: '',
    });
    expect(result.mapping.hasTransIdColumn).toBe(false);
  });

  it('reads Big5 when chosen', () => {
    const text = crlf('支付號,金額,原因', `${PAY_ID},10.00,退貨`);
    const result = readRefundCsv(encodeBig5(text), {
      encoding: 'big5',
      map: new Map([
        ['支付號', 'pay_id'],
        ['金額', 'amount'],
      ]),
    });
    expect(result.encoding).toBe('big5');
    expect(result.rows[0]!.cells).toMatchObject({ pay_id: PAY_ID, amount: '10.00', reason: '退貨' });
    expect(result.ignoredColumns).toEqual([]);
  });

  it('detects a semicolon or tab delimiter, and takes a chosen one', () => {
    expect(readRefundCsv(utf8(crlf('pay_id;amount', `${PAY_ID};1,50`))).delimiter).toBe(';');
    expect(readRefundCsv(utf8(crlf('pay_id\tamount', `${PAY_ID}\t1.50`))).rows[0]!.cells.amount).toBe('1.50');
    const chosen = readRefundCsv(utf8(crlf('pay_id;amount', `${PAY_ID};1.50`)), { delimiter: ';' });
    expect(chosen.rows[0]!.cells).toMatchObject({ pay_id: PAY_ID, amount: '1.50' });
  });

  it('lists unknown columns as ignored, leaves out blank headers and blank records, and counts lines', () => {
    const text = crlf('pay_id,amount,客户名称,', '', `${PAY_ID},1.00,张三,`, ',,,', `${PAY_ID},2.00,李四,`);
    const result = readRefundCsv(utf8(text));
    expect(result.ignoredColumns).toEqual(['客户名称']);
    expect(result.rows.map((row) => [row.line, row.cells.amount])).toEqual([
      [3, '1.00'],
      [5, '2.00'],
    ]);
    expect(result.rowCount).toBe(2);
    // The preview holds records as decoded, the blank one included.
    expect(result.preview).toEqual([
      [PAY_ID, '1.00', '张三', ''],
      ['', '', '', ''],
      [PAY_ID, '2.00', '李四', ''],
    ]);
  });

  it('marks a record whose cell count differs from the header (an unquoted thousands separator)', () => {
    const text = crlf('pay_id,amount,reason', `${PAY_ID},1,500.00,x`, `${PAY_ID},"1,500.00",x,,`);
    const [shifted, quoted] = readRefundCsv(utf8(text)).rows;
    expect(shifted!.shape).toEqual({ cells: 4, expected: 3 });
    // Blank extra cells (trailing delimiters) lose nothing.
    expect(quoted!.shape).toBeNull();
    expect(quoted!.cells.amount).toBe('1,500.00');
  });

  it('keeps a long cell whole', () => {
    const reason = '退'.repeat(5000);
    expect(
      readRefundCsv(utf8(crlf('pay_id,amount,reason', `${PAY_ID},1.00,${reason}`))).rows[0]!.cells.reason,
    ).toBe(reason);
  });

  it('gives the same content digest for the same rows with other line endings and a BOM', () => {
    const lines = ['pay_id,amount', `${PAY_ID},1.00`];
    const a = readRefundCsv(utf8(lines.join('\n')), { contentDigest: true }).contentSha256;
    const b = readRefundCsv(withBom(utf8(crlf(...lines))), { contentDigest: true }).contentSha256;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(readRefundCsv(utf8(lines.join('\n'))).contentSha256).toBeNull();
  });

  it('refuses an empty file, a header without rows, and a file without the required columns', () => {
    expect(readError(new Uint8Array()).code).toBe('FILE_EMPTY');
    expect(readError(utf8(' \r\n\r\n')).code).toBe('FILE_EMPTY');
    expect(readError(utf8(crlf('pay_id,amount', ',')))).toMatchObject({ code: 'FILE_NO_ROWS' });
    expect(readError(utf8(crlf('reason,trans_id', 'x,y')))).toMatchObject({
      code: 'FILE_MISSING_COLUMN',
      params: { column: 'pay_id, amount' },
    });
    expect(readError(utf8(crlf('支付号,原因', `${PAY_ID},x`)))).toMatchObject({
      code: 'FILE_MISSING_COLUMN',
      params: { column: 'amount' },
    });
  });

  it('refuses two columns for one field, naming both headers', () => {
    expect(readError(utf8(crlf('pay_id,金额,退款金额', `${PAY_ID},1,1`)))).toMatchObject({
      code: 'FILE_DUPLICATE_COLUMN',
      params: { column: 'amount', headers: '金额, 退款金额' },
    });
  });

  it('refuses binary content and malformed quotes as payout files are refused', () => {
    expect(readError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])).code).toBe('FILE_BINARY');
    expect(readError(utf8(crlf('pay_id,amount', `${PAY_ID},"1.00`, `${PAY_ID},2.00`))).code).toBe(
      'FILE_MALFORMED_QUOTES',
    );
  });
});

describe('refund column maps', () => {
  it('parses --map with fields named by field or by header, and a custom map wins over header names', () => {
    const map = parseRefundMapOption('Zahlungs-ID=PayID, Betrag=退款金额');
    expect([...map]).toEqual([
      ['Zahlungs-ID', 'pay_id'],
      ['Betrag', 'amount'],
    ]);
    const result = readRefundCsv(utf8(crlf('Zahlungs-ID,Betrag,amount', `${PAY_ID},3.00,999.00`)), { map });
    expect(result.rows[0]!.cells).toMatchObject({ pay_id: PAY_ID, amount: '3.00' });
    expect(result.ignoredColumns).toEqual(['amount']);
  });

  it('takes header → field pairs from a record', () => {
    expect([...refundColumnMapFromRecord({ 'Order ref': 'ref_nr' })]).toEqual([['Order ref', 'ref_nr']]);
  });

  it.each([
    ['pay_id', 'syntax'],
    ['x=card_number', 'unknown_field'],
    ['a=pay_id,b=PayID', 'duplicate'],
    ['a=pay_id,A=amount', 'duplicate'],
  ])('refuses --map %j (%s)', (spec, reason) => {
    try {
      parseRefundMapOption(spec);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'MAP_INVALID', params: { reason } });
    }
  });

  it('refuses a mapped header the file does not have', () => {
    expect(() => mapRefundHeader(['pay_id', 'amount'], new Map([['Grund', 'reason']]))).toThrowError(
      expect.objectContaining({
        code: 'MAP_INVALID',
        params: { entry: 'Grund=reason', reason: 'header_not_found' },
      }),
    );
  });

  it('names every refund field in template order', () => {
    expect(REFUND_FIELDS).toEqual([
      'pay_id',
      'trans_id',
      'amount',
      'currency',
      'reason',
      'ref_nr',
      'captured_amount',
    ]);
  });
});
