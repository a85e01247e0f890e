/**
 * A refund file's fields as the import screen maps and shows them: where a column may go, which columns the
 * file must have, and a refund row's cells as the grid and the error-rows download read them. A refund row's
 * TransID is also its `payout.payment_id` and its amount `payout.amount_fen`; its own fields are in `refund`.
 */
import type { BatchKind, RowIssueView, ValidatedRowView } from '../../../../../electron/contract/records';
import { COLUMN_TARGETS, plainYuan, REQUIRED_TARGETS } from './fields';

/** Where a refund file's column may go (the console reads these names in English and Chinese headers). */
export const REFUND_TARGETS = [
  'pay_id',
  'trans_id',
  'amount',
  'currency',
  'reason',
  'ref_nr',
  'captured_amount',
] as const;
export type RefundTarget = (typeof REFUND_TARGETS)[number];

/** Columns a refund file must have (a missing TransID is generated; RefNr and the capture are optional). */
export const REQUIRED_REFUND_TARGETS: ReadonlySet<RefundTarget> = new Set(['pay_id', 'amount']);

/** The refund grid's columns, in the order a person checks a refund: which payment, which credit, how much. */
export const REFUND_GRID_KEYS: readonly RefundTarget[] = [
  'pay_id',
  'trans_id',
  'amount',
  'captured_amount',
  'currency',
  'ref_nr',
  'reason',
];

/** A mapping target of either kind of file. */
export type MapTarget = (typeof COLUMN_TARGETS)[number] | RefundTarget;

/** The targets a file of this kind maps its columns to. */
export function targetsFor(kind: BatchKind): readonly MapTarget[] {
  return kind === 'refund' ? REFUND_TARGETS : COLUMN_TARGETS;
}

/** The targets a file of this kind must have a column for. */
export function requiredTargetsFor(kind: BatchKind): ReadonlySet<MapTarget> {
  return kind === 'refund' ? REQUIRED_REFUND_TARGETS : REQUIRED_TARGETS;
}

/**
 * A refund row's cell as text: amounts in yuan without separators (as a file holds them), an unknown captured
 * amount as empty. A payout row (no `refund`) has no refund cells: empty.
 */
export function refundCellText(row: ValidatedRowView, key: RefundTarget): string {
  const refund = row.refund;
  if (!refund) return '';
  switch (key) {
    case 'pay_id':
      return refund.pay_id;
    case 'trans_id':
      return refund.trans_id || row.payout.payment_id;
    case 'amount':
      return row.payout.amount_fen === null ? '' : plainYuan(row.payout.amount_fen);
    case 'currency':
      return row.payout.currency;
    case 'reason':
      return refund.reason;
    case 'ref_nr':
      return refund.ref_nr;
    case 'captured_amount':
      return refund.captured_fen === null ? '' : plainYuan(refund.captured_fen);
  }
}

/** The refund field an issue points at (the amount's cell may be named either way); null: the whole row. */
export function refundKeyOfIssueField(field: string | null): RefundTarget | null {
  if (field === null) return null;
  if (field === 'amount_fen') return 'amount';
  if (field === 'captured_fen') return 'captured_amount';
  if (field === 'payment_id') return 'trans_id';
  return (REFUND_TARGETS as readonly string[]).includes(field) ? (field as RefundTarget) : null;
}

/** A refund cell's issues, read off the row itself (a row has a handful at most; no map is needed). */
export function refundCellIssues(row: ValidatedRowView, key: RefundTarget): RowIssueView[] {
  return row.issues.filter((issue) => refundKeyOfIssueField(issue.field) === key);
}

/** How bad a refund cell is: an error if any of its issues is one, else a warning, else null. */
export function refundCellSeverity(row: ValidatedRowView, key: RefundTarget): 'error' | 'warning' | null {
  const issues = refundCellIssues(row, key);
  if (issues.length === 0) return null;
  return issues.some((issue) => issue.severity === 'error') ? 'error' : 'warning';
}
