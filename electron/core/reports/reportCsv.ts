/**
 * A report's payouts as CSV: one table of rows (Excel users filter it), the header in the reader's language,
 * CRLF, every cell neutralised against formula injection (csvWriter). UTF-8 with a byte order mark by
 * default; GB18030 without one for older Chinese Excel, which reads a file without a BOM in the system's code
 * page. Amounts are exact decimal text from fen.
 *
 * Card numbers: masked ones hold '*', so Excel keeps them as text. A clear card number (an admin's audited
 * export) would become 6.22848E+18; it is written as ="6222…", the one form Excel opens as text. That is our
 * own formula, built only from digits, so nothing from the data can reach a formula through it.
 */
import iconv from 'iconv-lite';
import type { ReportEncoding, ReportRowView } from '../../contract/records.js';
import { fenToDecimalString } from '../money.js';
import type { Lang } from '../types.js';
import { csvField, csvRecord } from './csvWriter.js';
import { REPORT_COLUMNS, reportHeader } from './reportTable.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
const DIGITS = /^\d+$/;

/** A string of digits as a field Excel opens as text: ="…", quoted as RFC 4180 asks ("=""…"""). */
export function excelTextField(digits: string): string {
  if (!DIGITS.test(digits)) throw new RangeError('Only digits are written as Excel text');
  return `"=""${digits}"""`;
}

/** One payout's record. `clearCards`: the card column holds clear numbers, written as Excel text. */
export function reportCsvRecord(row: ReportRowView, lang: Lang, clearCards: boolean): string {
  const fields = REPORT_COLUMNS.map((column) => {
    const value = column.value(row, lang);
    if (column.kind === 'amount' && typeof value === 'number') return csvField(fenToDecimalString(value));
    if (column.kind === 'card' && clearCards && typeof value === 'string' && DIGITS.test(value))
      return excelTextField(value);
    return csvField(value);
  });
  return fields.join(',') + CRLF;
}

export function reportCsv(
  rows: readonly ReportRowView[],
  lang: Lang,
  options: { encoding: ReportEncoding; clearCards: boolean },
): Buffer {
  const parts = [csvRecord(reportHeader(lang))];
  for (const row of rows) parts.push(reportCsvRecord(row, lang, options.clearCards));
  const text = parts.join('');
  return options.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(BOM + text, 'utf8');
}
