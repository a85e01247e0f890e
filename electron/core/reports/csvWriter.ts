/**
 * CSV files people open in Excel or WPS: UTF-8 with a byte order mark (without it Excel reads the Chinese as
 * GBK mojibake), CRLF line ends, RFC 4180 quoting, and every cell neutralised against formula injection.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which
 * it strips before looking) as a formula, and `=cmd|' /C calc'!A0` or `=HYPERLINK(…)` in a payee's name or
 * a provider's message would run on the reader's machine. Such a cell gets a leading apostrophe, which
 * spreadsheets show as text. The full-width forms (＝ ＋ － ＠) are treated the same: some spreadsheet
 * versions fold them to their ASCII forms when parsing.
 *
 * Cells are text. A caller who wants a long digit string kept exactly (a card number) writes it masked or
 * with other non-digit characters: never as a formula such as ="…", which is exactly what this module
 * refuses to let through.
 */

export type CsvCell = string | number | null;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** First characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** Characters that oblige a field to be quoted (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell's text with a leading apostrophe when a spreadsheet would take it for a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.has(text.charAt(0)) ? `'${text}` : text;
}

/** One field as written: neutralised, then quoted (quotes doubled) when it holds a delimiter, quote or line end. */
export function csvField(cell: CsvCell): string {
  const text = neutraliseFormula(cell === null ? '' : String(cell));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: its fields joined by commas, ended by CRLF. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',') + CRLF;
}

/** A whole file: the BOM, the header record, then one record per row. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const parts = [BOM, csvRecord(header)];
  for (const row of rows) parts.push(csvRecord(row));
  return parts.join('');
}
