/**
 * What an approval covers: a digest of every payable field of every payout of the batch, in file order, and
 * its control totals. The engine recomputes it before sending anything of the batch; content changed since
 * the approval (an edit in the database file, a restored backup mixed with another) sends nothing.
 */
import { createHash } from 'node:crypto';
import { PAYABLE_FIELDS, type ApprovalSeal, type PayableRow } from '../store/types.js';

export function approvalSeal(rows: readonly PayableRow[]): ApprovalSeal {
  const hash = createHash('sha256');
  let totalFen = 0;
  for (const row of rows) {
    // One JSON array per payout, one line each: unambiguous whatever the fields hold.
    hash.update(JSON.stringify(PAYABLE_FIELDS.map((field) => row[field])));
    hash.update('\n');
    totalFen += row.amount_fen;
  }
  return { digest: hash.digest('hex'), payoutCount: rows.length, totalFen };
}

/** How the batch now differs from its approval; null when it is what was approved. */
export function sealDifference(
  approved: ApprovalSeal,
  now: ApprovalSeal,
): { approved: ApprovalSeal; found: ApprovalSeal } | null {
  const same =
    approved.digest === now.digest &&
    approved.payoutCount === now.payoutCount &&
    approved.totalFen === now.totalFen;
  return same ? null : { approved, found: now };
}
