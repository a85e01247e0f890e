import { describeIssue } from '../core/i18n/rowIssues.js';
import { formatFen } from '../core/money.js';
import type { IntakeResult } from '../core/intake.js';
import type { Lang, ValidatedRow } from '../core/types.js';
import { cliMessages } from './messages.js';

/** How many problem rows the human-readable report lists before pointing to --json. */
const HUMAN_ROW_LIMIT = 200;

/** The `validate --json` row shape (a published contract: add fields, never rename them). */
export function rowToJson(row: ValidatedRow, lang: Lang) {
  return {
    line: row.line,
    payment_id: row.payout.payment_id,
    status: row.status,
    issues: row.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      field: issue.field,
      message: describeIssue(issue, lang),
    })),
    payout: row.payout,
  };
}

export function fileToJson(result: IntakeResult) {
  return {
    name: result.file.name,
    sha256: result.file.sha256,
    encoding: result.file.encoding,
    bom: result.file.bom,
    delimiter: result.file.delimiter,
    rows: result.file.rows,
    ignored_columns: result.file.ignored_columns,
    duplicate_of: result.duplicateOf,
  };
}

const DELIMITER_NAMES: Record<Lang, Record<string, string>> = {
  en: { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab' },
  'zh-CN': { ',': '逗号（,）', ';': '分号（;）', '\t': '制表符' },
};

/** A readable summary and a table of the rows that have issues. */
export function printHumanReport(
  result: IntakeResult,
  lang: Lang,
  out: (line: string) => void = console.log,
): void {
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
  if (result.duplicateOf.length > 0) out(m.duplicateFile(result.duplicateOf.join(', ')));

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
        index === 0 ? row.payout.payment_id : '',
        index === 0 ? row.status : '',
        `${issue.severity === 'error' ? '✗' : '!'} ${issue.code}: ${describeIssue(issue, lang)}`,
      ]);
    });
  }
  out('');
  for (const line of formatTable([...m.columns], table)) out(line);
  if (problemRows.length > HUMAN_ROW_LIMIT) out(m.moreRows(problemRows.length - HUMAN_ROW_LIMIT));
}

/** Pads columns to their widest cell; CJK characters count as two columns in a terminal. */
function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const pad = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)),
      )
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
