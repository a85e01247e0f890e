/**
 * What an approver types when approving: the batch's control totals read off the review (./approvalReview.ts)
 * and typed again, and an optional comment kept in the approval's audit entry. Totals that differ from what
 * is approved approve nothing.
 */
import { AppError } from './errors.js';
import { fieldsOf, integerIn, optionalText } from './input.js';

/** The longest approval comment kept (characters): the boundary's limit for any text. */
const MAX_COMMENT = 4096;

/** The control totals the approver re-typed (each optional: the command line sends none). */
export interface ConfirmedTotals {
  count?: number;
  totalFen?: number;
}

export interface ApprovalConfirmation {
  confirm: ConfirmedTotals;
  comment?: string;
}

/** approveBatch's confirmation fields, checked: whole numbers for the totals, at most 4 KB of comment. */
export function approvalConfirmation(raw: unknown): ApprovalConfirmation {
  const fields = fieldsOf(raw);
  const whole = (value: unknown, field: string) =>
    value === undefined
      ? undefined
      : integerIn(value, field, { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  const count = whole(fields['confirmCount'], 'confirmCount');
  const totalFen = whole(fields['confirmTotalFen'], 'confirmTotalFen');
  const comment = optionalText(fields['comment'], 'comment', MAX_COMMENT)?.trim();
  return {
    confirm: { ...(count === undefined ? {} : { count }), ...(totalFen === undefined ? {} : { totalFen }) },
    ...(comment ? { comment } : {}),
  };
}

/**
 * Refuses (APPROVAL_TOTALS_MISMATCH) re-typed totals that differ from the totals of what is approved. The
 * message says which one differs, never what was expected.
 */
export function checkConfirmedTotals(
  batchId: number,
  confirm: ConfirmedTotals,
  approved: { payoutCount: number; totalFen: number },
): void {
  const countDiffers = confirm.count !== undefined && confirm.count !== approved.payoutCount;
  const totalDiffers = confirm.totalFen !== undefined && confirm.totalFen !== approved.totalFen;
  if (!countDiffers && !totalDiffers) return;
  const mismatch = countDiffers && totalDiffers ? 'both' : countDiffers ? 'count' : 'total';
  throw new AppError('APPROVAL_TOTALS_MISMATCH', { batchId, mismatch });
}

/** The comment as audit details: present only when one was written. */
export function commentDetails(comment: string | undefined): Record<string, string> {
  return comment === undefined ? {} : { comment };
}
