/**
 * What the validation grid knows about its rows' problems, built once in a plain loop over the main
 * process's report (40 ms on 100,000 rows; a table library's own validator takes over a second): per line,
 * the issues by cell, so the grid colours a cell with one map lookup. Also the counts and sums the summary
 * bar and the filters show.
 */
import type { RowIssueView, ValidatedRowView } from '../../../../../electron/contract/records';
import { payoutKeyOfIssueField, type PayoutKey } from './fields';

export type RowStatus = ValidatedRowView['status'];

/** One row's issues: those about a cell, by its field, and those about the whole row. */
export interface LineIssues {
  byField: Map<PayoutKey, RowIssueView[]>;
  row: RowIssueView[];
}

/** Line → its issues; lines without issues are absent. */
export type ErrorMap = Map<number, LineIssues>;

function lineIssues(issues: readonly RowIssueView[]): LineIssues {
  const found: LineIssues = { byField: new Map(), row: [] };
  for (const issue of issues) {
    const key = payoutKeyOfIssueField(issue.field);
    if (key === null) {
      found.row.push(issue);
      continue;
    }
    const list = found.byField.get(key);
    if (list) list.push(issue);
    else found.byField.set(key, [issue]);
  }
  return found;
}

export function buildErrorMap(rows: readonly ValidatedRowView[]): ErrorMap {
  const map: ErrorMap = new Map();
  for (const row of rows) {
    if (row.issues.length > 0) map.set(row.line, lineIssues(row.issues));
  }
  return map;
}

/** Records a row's issues after it was validated again (or forgets the line when it has none now). */
export function setLineIssues(map: ErrorMap, row: ValidatedRowView): void {
  if (row.issues.length > 0) map.set(row.line, lineIssues(row.issues));
  else map.delete(row.line);
}

/** A cell's issues, if any. */
export function cellIssues(map: ErrorMap, line: number, key: PayoutKey): RowIssueView[] | undefined {
  return map.get(line)?.byField.get(key);
}

/** How bad a cell is: an error if any of its issues is one, else a warning, else null. */
export function cellSeverity(map: ErrorMap, line: number, key: PayoutKey): 'error' | 'warning' | null {
  const issues = cellIssues(map, line, key);
  if (!issues) return null;
  return issues.some((issue) => issue.severity === 'error') ? 'error' : 'warning';
}

/** Totals of the rows in the grid: what the summary bar and the "import without" tick box show. */
export interface GridSummary {
  rows: number;
  ok: number;
  warnings: number;
  errors: number;
  /** Sum of the rows that can be imported (ok and warning), integer fen. */
  validFen: number;
  /** Sum of the error rows whose amount could be read, integer fen. */
  errorFen: number;
}

export function summarise(rows: readonly ValidatedRowView[]): GridSummary {
  const summary: GridSummary = { rows: rows.length, ok: 0, warnings: 0, errors: 0, validFen: 0, errorFen: 0 };
  for (const row of rows) {
    const amount = row.payout.amount_fen ?? 0;
    if (row.status === 'error') {
      summary.errors++;
      summary.errorFen += amount;
    } else {
      if (row.status === 'warning') summary.warnings++;
      else summary.ok++;
      summary.validFen += amount;
    }
  }
  return summary;
}

/** How many rows carry each issue code, most frequent first: the options of the code filter. */
export function codeCounts(rows: readonly ValidatedRowView[]): Array<{ code: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    // A row with the same code on two cells counts once.
    const seen = new Set<string>();
    for (const issue of row.issues) {
      if (seen.has(issue.code)) continue;
      seen.add(issue.code);
      counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export interface RowFilter {
  status: RowStatus | 'all' | 'problems';
  /** An issue code, or null for any. */
  code: string | null;
}

/** The rows the filters let through; the same array when nothing is filtered. */
export function filterRows(
  rows: readonly ValidatedRowView[],
  filter: RowFilter,
): readonly ValidatedRowView[] {
  const { status, code } = filter;
  if (status === 'all' && code === null) return rows;
  return rows.filter(
    (row) =>
      (status === 'all' || (status === 'problems' ? row.status !== 'ok' : row.status === status)) &&
      (code === null || row.issues.some((issue) => issue.code === code)),
  );
}
