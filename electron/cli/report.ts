import type { FileView, SummaryView, ValidatedRowView } from '../contract/records.js';
import { formatFen } from '../core/money.js';
import type { Lang } from '../core/types.js';
import { cliMessages } from './messages.js';

/** How many problem rows the human-readable report lists before pointing to --json. */
const HUMAN_ROW_LIMIT = 200;

/** What the human report shows: the file, its summary, and the rows with issues. */
export interface IntakeReportView {
  file: FileView;
  summary: SummaryView;
  rows: ValidatedRowView[];
}

const DELIMITER_NAMES: Record<Lang, Record<string, string>> = {
  en: { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab' },
  'zh-CN': { ',': '逗号（,）', ';': '分号（;）', '\t': '制表符' },
};

/** A readable summary and a table of the rows that have issues. */
export function printHumanReport(result: IntakeReportView, lang: Lang, out: (line: string) => void): void {
  const m = cliMessages(lang);
  const { file, summary } = result;
  out(
    m.fileHeader(
      file.name,
      file.encoding + (file.bom ? ' (BOM)' : ''),
      DELIMITER_NAMES[lang][file.delimiter] ?? file.delimiter,
      file.rows,
    ),
  );
  out(
    m.summary(
      summary.ok,
      summary.warnings,
      summary.errors,
      formatFen(summary.total_fen),
      summary.file_total_fen === null ? '—' : formatFen(summary.file_total_fen),
    ),
  );
  if (file.ignored_columns.length > 0) out(m.ignoredColumns(file.ignored_columns.join(', ')));
  if (file.duplicate_of.length > 0) out(m.duplicateFile(file.duplicate_of.join(', ')));

  const problemRows = result.rows.filter((row) => row.issues.length > 0);
  if (problemRows.length === 0) {
    out(m.noIssues);
    return;
  }
  const table: string[][] = [];
  for (const row of problemRows.slice(0, HUMAN_ROW_LIMIT)) {
    row.issues.forEach((issue, index) => {
      table.push([
        index === 0 ? String(row.line) : '',
        index === 0 ? row.payment_id : '',
        index === 0 ? row.status : '',
        `${issue.severity === 'error' ? '✗' : '!'} ${issue.code}: ${issue.message}`,
      ]);
    });
  }
  out('');
  for (const line of formatTable([...m.columns], table)) out(line);
  if (problemRows.length > HUMAN_ROW_LIMIT) out(m.moreRows(problemRows.length - HUMAN_ROW_LIMIT));
}

/** Pads columns to their widest cell (numbers to the right); CJK characters count as two columns. */
export function formatTable(header: string[], rows: string[][], alignRight: boolean[] = []): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const pad = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const fill = ' '.repeat((widths[i] ?? 0) - displayWidth(cell));
        if (alignRight[i]) return fill + cell;
        return i === cells.length - 1 ? cell : cell + fill;
      })
      .join('  ');
  return [pad(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(pad)];
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}
