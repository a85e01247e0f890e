/**
 * Paying a batch's failed payouts again: the rows as the dialog edits them, and what it sends — the lines left
 * out and only the cells that changed (RowEdit.line is the failed batch's line; an amount is yuan text as a
 * file holds it, never a float).
 */
import type { PayoutView, RowEdit } from '../../../../../electron/contract/records';
import { formatFen, parseYuan } from '../../../format';

/** The states whose payouts may be paid again. */
export const RETRY_STATES = ['decline', 'rejected'] as const;

/** The fields the dialog lets a person correct. */
export const RETRY_FIELDS = ['amount_fen', 'bank_id', 'region_id', 'last_name', 'first_name'] as const;
export type RetryField = (typeof RETRY_FIELDS)[number];

/** A failed payout in the dialog: whether it is paid again, and its fields as typed. */
export interface RetryDraft {
  line: number;
  include: boolean;
  values: Record<RetryField, string>;
}

/** Integer fen as the plain yuan text a file holds: 123456 → "1234.56". */
export function plainYuan(fen: number): string {
  return formatFen(fen).replace(/,/g, '');
}

function originalText(payout: PayoutView, field: RetryField): string {
  if (field === 'amount_fen') return plainYuan(payout.amount_fen);
  return String(payout[field]);
}

export function retryDraft(payout: PayoutView): RetryDraft {
  const values = Object.fromEntries(
    RETRY_FIELDS.map((field) => [field, originalText(payout, field)]),
  ) as Record<RetryField, string>;
  return { line: payout.line, include: true, values };
}

/** Whether a typed value differs from the payout's (an amount compared in fen: "400" is "400.00"). */
function changed(payout: PayoutView, field: RetryField, typed: string): boolean {
  const text = typed.trim();
  if (field === 'amount_fen') return parseYuan(text) !== payout.amount_fen;
  return text !== originalText(payout, field);
}

/** A typed amount that is not an amount (the dialog marks it; the console would refuse it anyway). */
export function badAmount(draft: RetryDraft): boolean {
  return draft.include && parseYuan(draft.values.amount_fen) === null;
}

export interface RetryRequest {
  edits: RowEdit[];
  leaveOut: number[];
  /** The payouts paid again, and their sum as typed (an unreadable amount counts as its original). */
  count: number;
  totalFen: number;
}

/** What to ask for: the lines left out, the changed cells of the others, and the new batch's figures. */
export function retryRequest(payouts: readonly PayoutView[], drafts: readonly RetryDraft[]): RetryRequest {
  const byLine = new Map(drafts.map((draft) => [draft.line, draft]));
  const edits: RowEdit[] = [];
  const leaveOut: number[] = [];
  let count = 0;
  let totalFen = 0;
  for (const payout of payouts) {
    const draft = byLine.get(payout.line);
    if (draft && !draft.include) {
      leaveOut.push(payout.line);
      continue;
    }
    count += 1;
    if (!draft) {
      totalFen += payout.amount_fen;
      continue;
    }
    totalFen += parseYuan(draft.values.amount_fen) ?? payout.amount_fen;
    for (const field of RETRY_FIELDS) {
      const typed = draft.values[field];
      if (!changed(payout, field, typed)) continue;
      // An amount goes as plain yuan; an unreadable one as typed (the console's refusal names its line).
      const amount = field === 'amount_fen' ? parseYuan(typed) : null;
      edits.push({ line: payout.line, field, value: amount !== null ? plainYuan(amount) : typed.trim() });
    }
  }
  return { edits, leaveOut, count, totalFen };
}
