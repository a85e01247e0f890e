import type { IssueCode, PayoutField, RowIssue, RowStatus } from '../types.js';

/** Where a rule reports what it finds about one row. */
export type IssueSink = RowIssue[];

type Params = RowIssue['params'];

const NO_PARAMS: Params = Object.freeze({}) as Params;

export function addError(
  issues: IssueSink,
  code: IssueCode,
  field: PayoutField | null,
  params: Params = NO_PARAMS,
): void {
  issues.push({ code, severity: 'error', field, params });
}

export function addWarning(
  issues: IssueSink,
  code: IssueCode,
  field: PayoutField | null,
  params: Params = NO_PARAMS,
): void {
  issues.push({ code, severity: 'warning', field, params });
}

export function requiredMissing(issues: IssueSink, field: PayoutField): void {
  addError(issues, 'REQUIRED_MISSING', field);
}

/** error if any issue blocks the row, else warning if any, else ok. */
export function rowStatus(issues: readonly RowIssue[]): RowStatus {
  let status: RowStatus = 'ok';
  for (const issue of issues) {
    if (issue.severity === 'error') return 'error';
    status = 'warning';
  }
  return status;
}
