/**
 * A report's files as Excel reads them. CSV: a BOM and UTF-8, or GB18030 bytes without one; CRLF; every cell a
 * spreadsheet would run as a formula neutralised; masked card numbers intact; clear ones as ="…" with the
 * digits intact in the bytes. XLSX (read back with exceljs): amounts are numbers with a ¥ format, card numbers
 * and payment ids text cells, the header frozen and filtered, and no cell anywhere a formula.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ReportRowView, ReportSummary } from '../../electron/contract/records.js';
import { readCsvRecords } from '../../electron/core/csv/parse.js';
import { excelTextField, reportCsv } from '../../electron/core/reports/reportCsv.js';
import { reportXlsx, YUAN_FORMAT } from '../../electron/core/reports/reportXlsx.js';

const CLEAR_CARD = '6228481234567890128';
const MASKED = '622848******0128';

function row(overrides: Partial<ReportRowView> = {}): ReportRowView {
  return {
    batch_id: 7,
    kind: 'payout',
    pay_id: null,
    line: 2,
    payment_id: 'PAY-1',
    amount_fen: 123456,
    currency: 'CNY',
    card_number: MASKED,
    bank_id: 1,
    bank_name: '中国农业银行',
    region_id: 5,
    region_name: '广东省',
    last_name: '张',
    first_name: '伟',
    state: 'decline',
    code: '3028',
    reason: '余额不足。',
    created_at: '2026-11-02T01:00:00.000Z',
    sent_at: '2026-11-02T01:05:00.000Z',
    final_at: '2026-11-02T01:06:00.000Z',
    report_day: '2026-11-02',
    retry_of: null,
    ...overrides,
  };
}

/** Cells a spreadsheet would take for a formula, in the fields a payee or a provider fills. */
const INJECTED = ['=1+2', '+x', '-x', '@x', '\tTAB', '\rCR', '=HYPERLINK("http://x","点我")'];

const injectedRows = INJECTED.map((text, i) =>
  row({ line: 10 + i, payment_id: `INJ-${i}`, last_name: text, reason: text, code: text }),
);

function records(text: string): string[][] {
  const out: string[][] = [];
  readCsvRecords(
    text,
    { onHeader: (cells) => out.push(cells), onRecord: (_line, cells) => out.push(cells) },
    ',',
  );
  return out;
}

const summary: ReportSummary = {
  scope: { batch_id: 7, from: null, to: null },
  generated_at: '2026-12-01T00:00:00.000Z',
  count: 2,
  total_fen: 123556,
  paid: { count: 1, total_fen: 100 },
  failed: { count: 1, total_fen: 123456 },
  open: { count: 0, total_fen: 0 },
  by_status: [{ state: 'decline', count: 1, total_fen: 123456 }],
  by_bank: [{ bank_id: 1, bank_name: '=cmd|x', count: 2, total_fen: 123556 }],
  by_region: [{ region_id: 5, region_name: '广东省', count: 2, total_fen: 123556 }],
  by_day: [{ day: '2026-11-02', state: 'decline', count: 1, total_fen: 123456 }],
  top_declines: [{ code: '3028', reason: '-余额不足', count: 1, total_fen: 123456 }],
  batch_ids: [7],
};

describe('report CSV', () => {
  it('is UTF-8 with a BOM and CRLF, amounts exact decimal text, masked cards as they are', () => {
    const bytes = reportCsv([row(), row({ line: 3, amount_fen: 7, payment_id: 'PAY-2' })], 'zh-CN', {
      encoding: 'utf-8',
      clearCards: false,
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, first, second] = records(text);
    expect(header?.slice(0, 6)).toEqual(['批次', '行号', '订单号', '金额（元）', '币种', '卡号']);
    expect(first?.slice(0, 8)).toEqual(['7', '2', 'PAY-1', '1234.56', 'CNY', MASKED, '1', '中国农业银行']);
    expect(first?.[12]).toBe('被拒绝');
    expect(second?.[3]).toBe('0.07');
    // The masked card number stands in the bytes as it is.
    expect(bytes.includes(Buffer.from(`,${MASKED},`))).toBe(true);
  });

  it('writes GB18030 bytes without a BOM that decode back to the same text', () => {
    const utf8 = reportCsv([row()], 'zh-CN', { encoding: 'utf-8', clearCards: false });
    const gb = reportCsv([row()], 'zh-CN', { encoding: 'gb18030', clearCards: false });
    expect([...gb.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    // 张 is D5 C5 in GB18030: the bytes are not UTF-8.
    expect(gb.includes(Buffer.from([0xd5, 0xc5]))).toBe(true);
    expect(new TextDecoder('gb18030').decode(gb)).toBe(utf8.subarray(3).toString('utf8'));
    expect(iconv.decode(gb, 'gb18030')).toContain('中国农业银行');
  });

  it('neutralises every cell that starts like a formula: = + - @ tab and carriage return', () => {
    const text = reportCsv(injectedRows, 'en', { encoding: 'utf-8', clearCards: false })
      .subarray(3)
      .toString('utf8');
    const [, ...rows] = records(text);
    for (const [i, cells] of rows.entries()) {
      const expected = `'${INJECTED[i]}`;
      // Last name, code and reason.
      expect([cells[10], cells[13], cells[14]]).toEqual([expected, expected, expected]);
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('writes clear card numbers (an admin export) as ="…" with the digits intact, and nothing else as a formula', () => {
    const bytes = reportCsv([row({ card_number: CLEAR_CARD, last_name: '=1+2' })], 'en', {
      encoding: 'utf-8',
      clearCards: true,
    });
    const text = bytes.toString('utf8');
    expect(text).toContain(`,"=""${CLEAR_CARD}""",`);
    expect(bytes.includes(Buffer.from(CLEAR_CARD))).toBe(true);
    const [, cells] = records(text.slice(1));
    expect(cells?.[5]).toBe(`="${CLEAR_CARD}"`);
    expect(cells?.[10]).toBe("'=1+2");
    // A masked card stays as it is even in a clear export (a row whose payee data was never sealed).
    const masked = reportCsv([row()], 'en', { encoding: 'utf-8', clearCards: true }).toString('utf8');
    expect(masked).toContain(`,${MASKED},`);
    expect(() => excelTextField('12"+cmd')).toThrow(RangeError);
  });
});

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('report XLSX', () => {
  it('holds amounts as numbers with a ¥ format, cards and payment ids as text, a frozen, filtered header', async () => {
    const bytes = await reportXlsx(
      [row(), row({ line: 3, payment_id: '000123', amount_fen: 7, card_number: CLEAR_CARD })],
      summary,
      'zh-CN',
    );
    const workbook = await workbookOf(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['付款明细', '汇总']);
    const sheet = workbook.getWorksheet('付款明细')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(4).value).toBe('金额（元）');
    const amount = sheet.getRow(2).getCell(4);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(1234.56);
    expect(amount.numFmt).toBe(YUAN_FORMAT);
    expect(sheet.getRow(3).getCell(4).value).toBe(0.07);
    for (const r of [2, 3]) {
      const card = sheet.getRow(r).getCell(6);
      expect(card.type).toBe(ExcelJS.ValueType.String);
      expect(card.numFmt).toBe('@');
      const id = sheet.getRow(r).getCell(3);
      expect(id.type).toBe(ExcelJS.ValueType.String);
    }
    expect(sheet.getRow(2).getCell(6).value).toBe(MASKED);
    expect(sheet.getRow(3).getCell(6).value).toBe(CLEAR_CARD);
    expect(sheet.getRow(3).getCell(3).value).toBe('000123');
    expect(sheet.getColumn(15).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0);
  });

  it('keeps injected text as text: no cell of either sheet is a formula', async () => {
    const bytes = await reportXlsx([row(), ...injectedRows], summary, 'en');
    const workbook = await workbookOf(bytes);
    const sheet = workbook.getWorksheet('Payouts')!;
    const texts: string[] = [];
    for (const each of workbook.worksheets)
      each.eachRow((r) =>
        r.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    for (const [i, text] of INJECTED.entries()) {
      const cells = sheet.getRow(3 + i);
      // XML reads a carriage return as a line feed; the text stays text.
      expect(cells.getCell(11).value).toBe(text.replace(/\r/g, '\n'));
      expect(cells.getCell(11).type).toBe(ExcelJS.ValueType.String);
    }
    expect(texts).toContain('=cmd|x');
    expect(texts).toContain('-余额不足');
    // The XML holds no <f> (formula) element at all.
    const xml = bytes.toString('latin1');
    expect(xml).not.toContain('<f>');
  });

  it('writes the summary: totals, by status, bank, region and day, amounts in yuan', async () => {
    const workbook = await workbookOf(await reportXlsx([row()], summary, 'en'));
    const sheet = workbook.getWorksheet('Summary')!;
    const lines: unknown[][] = [];
    sheet.eachRow((r) => lines.push((r.values as unknown[]).slice(1)));
    expect(lines).toContainEqual(['', 'All payouts', 2, 1235.56]);
    expect(lines).toContainEqual(['decline', 'declined', 1, 1234.56]);
    expect(lines).toContainEqual(['5', '广东省', 2, 1235.56]);
    expect(lines).toContainEqual(['2026-11-02', 'declined', 1, 1234.56]);
    expect(lines).toContainEqual(['3028', '-余额不足', 1, 1234.56]);
  });
});
