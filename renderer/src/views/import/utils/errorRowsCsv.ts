/**
 * The error rows as a CSV to fix in Excel: the file's own columns (under its own headers, so the fixed file
 * maps the same way), the line each row came from, and what is wrong with it. Written as UTF-8 with a BOM
 * (Excel reads a CSV without one in the system's code page). Cells that Excel would run as a formula are
 * neutralised. Card, ID and phone numbers stay masked, as everywhere the console shows them.
 */
import type { FilePreview, ValidatedRowView } from '../../../../../electron/contract/records';
import { cellText, fullNameText, payoutKeyOfTarget } from './fields';
import { REFUND_TARGETS, refundCellText, type RefundTarget } from './refundFields';

const BOM = '\uFEFF';

/**
 * A cell Excel would read as a formula (= + - @, or a tab or carriage return first) gets a leading
 * apostrophe, so opening the file never runs anything.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a delimiter, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => csvField(neutraliseCell(cell))).join(',');
}

/** A file column the download repeats: its header, and the field it fed. */
export interface ExportColumn {
  header: string;
  target: string;
}

/** The file's columns that fed a field, in the file's order (ignored columns have nothing to repeat). */
export function exportColumns(preview: FilePreview): ExportColumn[] {
  return preview.header.flatMap((header) => {
    const target = preview.mapping[header];
    return target ? [{ header, target }] : [];
  });
}

function cellOf(row: ValidatedRowView, target: string): string {
  // A refund row's columns fed refund fields.
  if (row.refund)
    return (REFUND_TARGETS as readonly string[]).includes(target)
      ? refundCellText(row, target as RefundTarget)
      : '';
  if (target === 'full_name') return fullNameText(row);
  const key = payoutKeyOfTarget(target);
  return key === null ? '' : cellText(row, key);
}

/** A row's issues as one cell: "[CODE] message; [CODE] message". */
export function issuesText(row: ValidatedRowView): string {
  return row.issues.map((issue) => `[${issue.code}] ${issue.message}`).join('; ');
}

/** The CSV text (BOM first, CRLF line ends as Excel writes them) of these rows. */
export function errorRowsCsv(
  rows: readonly ValidatedRowView[],
  columns: readonly ExportColumn[],
  headers: { line: string; issues: string },
): string {
  const lines = [csvLine([headers.line, ...columns.map((c) => c.header), headers.issues])];
  for (const row of rows) {
    lines.push(csvLine([String(row.line), ...columns.map((c) => cellOf(row, c.target)), issuesText(row)]));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/** The download's name: the file's own name with "-errors" before its extension. */
export function errorRowsFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return `${stem}-errors.csv`;
}
