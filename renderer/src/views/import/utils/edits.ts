/**
 * The grid's changes to a file and how its rows follow them. The file itself is never changed: the grid keeps
 * a list of edited cells and of lines left out, and the main process validates the file with them applied.
 * After a change it returns only the rows the grid asks for, which replace the grid's copies in place.
 */
import type { RowEdit, ValidatedRowView } from '../../../../../electron/contract/records';
import { setLineIssues, type ErrorMap, type GridSummary } from './errorMap';

/** The edit list with one more edit: a later edit of the same cell replaces the earlier one. */
export function mergeEdit(edits: readonly RowEdit[], edit: RowEdit): RowEdit[] {
  const merged = edits.filter((e) => !(e.line === edit.line && e.field === edit.field));
  merged.push(edit);
  return merged;
}

/** The edit list without the edits of lines left out (the main process has no row to apply them to). */
export function withoutLines(edits: readonly RowEdit[], removed: ReadonlySet<number>): RowEdit[] {
  return edits.filter((edit) => !removed.has(edit.line));
}

/** Codes whose finding depends on other rows: a change elsewhere can add or clear them. */
const CROSS_ROW_CODES: ReadonlySet<string> = new Set(['PAYMENT_ID_DUPLICATE', 'ROW_DUPLICATE']);

/**
 * The lines to validate again after cells of `changed` lines were edited or lines were left out: those lines,
 * every row holding a finding that compares rows (it may clear), and, when a payment id was typed, the rows
 * holding that id (they may become duplicates).
 */
export function linesToRecheck(
  rows: readonly ValidatedRowView[],
  changed: readonly number[],
  typedPaymentId?: string,
): number[] {
  const lines = new Set(changed);
  const id = typedPaymentId?.trim();
  for (const row of rows) {
    if (row.issues.some((issue) => CROSS_ROW_CODES.has(issue.code))) lines.add(row.line);
    else if (id && row.payment_id === id) lines.add(row.line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Index of the row at `line` in rows ordered by line (as the file has them), or -1. */
export function indexOfLine(rows: readonly ValidatedRowView[], line: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = (rows[middle] as ValidatedRowView).line;
    if (found === line) return middle;
    if (found < line) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Puts rows validated again in place of the grid's copies: each copy is updated in place (the grid keeps
 * showing the same object, and a row does not jump out of a filter while it is being fixed) and its issues
 * recorded in the error map. Returns the grid's rows that changed.
 */
export function applyFreshRows(
  rows: readonly ValidatedRowView[],
  fresh: readonly ValidatedRowView[],
  errors: ErrorMap,
): ValidatedRowView[] {
  const changed: ValidatedRowView[] = [];
  for (const row of fresh) {
    const index = indexOfLine(rows, row.line);
    if (index === -1) continue;
    const mine = rows[index] as ValidatedRowView;
    Object.assign(mine, row);
    setLineIssues(errors, mine);
    changed.push(mine);
  }
  return changed;
}

/**
 * Brings every row's findings up to date from a report of all rows with issues: those it holds replace the
 * grid's copies, and a grid row that had issues but is not in it has none any more. Used when the totals
 * show that a change touched rows the grid did not ask for. Returns the rows that changed.
 */
export function reconcileProblems(
  rows: readonly ValidatedRowView[],
  problems: readonly ValidatedRowView[],
  errors: ErrorMap,
): ValidatedRowView[] {
  const changed = applyFreshRows(rows, problems, errors);
  const stillProblems = new Set(problems.map((row) => row.line));
  for (const row of rows) {
    if (row.issues.length === 0 || stillProblems.has(row.line)) continue;
    row.issues = [];
    row.status = 'ok';
    setLineIssues(errors, row);
    changed.push(row);
  }
  return changed;
}

/** Whether the grid's own totals are those of the main process's report of the whole edited file. */
export function totalsAgree(
  mine: GridSummary,
  theirs: { rows: number; ok: number; warnings: number; errors: number; total_fen: number },
): boolean {
  return (
    mine.rows === theirs.rows &&
    mine.ok === theirs.ok &&
    mine.warnings === theirs.warnings &&
    mine.errors === theirs.errors &&
    mine.validFen === theirs.total_fen
  );
}
