/**
 * What an approval covers: a digest of every payable field of every payout of the batch, in file order, and
 * its control totals. The engine recomputes it before sending anything of the batch; content changed since
 * the approval (an edit in the database file, a restored backup mixed with another) sends nothing.
 */
import { createHash } from 'node:crypto';
import { PAYABLE_FIELDS, type ApprovalSeal, type PayableRow } from '../store/types.js';

/**
 * Seal versions. Version 1 (an unprefixed digest) covered the fields payouts had before the payee's address
 * was stored; version 2 covers every payable field. A batch approved under version 1 is checked under
 * version 1, so upgrading the console never blocks an approved batch, and the fields version 1 did not cover
 * were empty in every payout it sealed.
 */
const ADDRESS_FIELDS: ReadonlySet<string> = new Set(['province', 'city', 'street', 'zip']);
const V1_FIELDS = PAYABLE_FIELDS.filter((field) => !ADDRESS_FIELDS.has(field));
const V2_PREFIX = 'v2:';

/** The seal of the rows as they are now, in the version of `like` (the newest when not given). */
export function approvalSeal(rows: readonly PayableRow[], like?: ApprovalSeal): ApprovalSeal {
  const v1 = like !== undefined && !like.digest.startsWith(V2_PREFIX);
  const fields: readonly (typeof PAYABLE_FIELDS)[number][] = v1 ? V1_FIELDS : PAYABLE_FIELDS;
  const hash = createHash('sha256');
  let totalFen = 0;
  for (const row of rows) {
    // One JSON array per payout, one line each: unambiguous whatever the fields hold.
    hash.update(JSON.stringify(fields.map((field) => row[field])));
    hash.update('\n');
    totalFen += row.amount_fen;
  }
  const digest = hash.digest('hex');
  return { digest: v1 ? digest : V2_PREFIX + digest, payoutCount: rows.length, totalFen };
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
