/**
 * What an approval covers: a digest of every payable field of every payout of the batch, in file order, and
 * its control totals. The engine recomputes it before sending anything of the batch; content changed since
 * the approval (an edit in the database file, a restored backup mixed with another) sends nothing.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { PAYABLE_FIELDS, type ApprovalSeal, type PayableRow } from '../store/types.js';

/**
 * Seal versions. Version 1 (an unprefixed digest) covered the fields payouts had before the payee's address
 * was stored; version 2 covers every payable field. Both are plain SHA-256: anyone who can write the file can
 * recompute them. Version 3 is an HMAC under the installation key's approval key, and covers the sealed payee
 * data (the card, ID and phone columns hold masked values once sealed): content changed in the file cannot be
 * sealed again without the key. A batch approved under version 1 or 2 is checked under its version, so
 * upgrading the console never blocks an approved batch that still holds what was approved.
 */
const ADDRESS_FIELDS: ReadonlySet<string> = new Set(['province', 'city', 'street', 'zip']);
const V1_FIELDS = PAYABLE_FIELDS.filter((field) => !ADDRESS_FIELDS.has(field));
const V2_PREFIX = 'v2:';
const V3_PREFIX = 'v3:';

type SealVersion = 1 | 2 | 3;

function versionOf(seal: ApprovalSeal): SealVersion {
  if (seal.digest.startsWith(V3_PREFIX)) return 3;
  return seal.digest.startsWith(V2_PREFIX) ? 2 : 1;
}

/**
 * The seal of the rows as they are now, in the version of `like` (version 3 when not given). Versions 3 needs
 * `key` (the installation key's approval key); without it a version-3 seal cannot be computed at all.
 */
export function approvalSeal(rows: readonly PayableRow[], like?: ApprovalSeal, key?: Buffer): ApprovalSeal {
  const version = like === undefined ? 3 : versionOf(like);
  if (version === 3 && !key) throw new Error('an approval is sealed with the installation key');
  const fields: readonly (typeof PAYABLE_FIELDS)[number][] = version === 1 ? V1_FIELDS : PAYABLE_FIELDS;
  const hash: Hash | Hmac = version === 3 ? createHmac('sha256', key as Buffer) : createHash('sha256');
  let totalFen = 0;
  for (const row of rows) {
    // One JSON array per payout, one line each: unambiguous whatever the fields hold.
    const values: unknown[] = fields.map((field) => row[field]);
    if (version === 3) values.push(row.card_hash, sealedDigest(row.payee_sealed));
    // A refund's terms (payout rows have none, so their seals are what they always were).
    if (row.refund_pay_id != null) values.push(row.refund_pay_id, row.refund_req_id, row.refund_ref_nr);
    hash.update(JSON.stringify(values));
    hash.update('\n');
    totalFen += row.amount_fen;
  }
  const digest = hash.digest('hex');
  const prefix = version === 3 ? V3_PREFIX : version === 2 ? V2_PREFIX : '';
  return { digest: prefix + digest, payoutCount: rows.length, totalFen };
}

function sealedDigest(sealed: Buffer | null): string | null {
  return sealed === null ? null : createHash('sha256').update(sealed).digest('hex');
}

/** Whether a seal is keyed (version 3): only the installation key could have made it. */
export function isKeyedSeal(seal: ApprovalSeal): boolean {
  return versionOf(seal) === 3;
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

/**
 * An approval given before payee data was sealed, carried over: checked over the clear rows it covered, and
 * sealed again (version 3) over the same rows in their protected form. Null when it no longer holds.
 */
export function resealApproval(
  seal: ApprovalSeal,
  clearRows: readonly PayableRow[],
  protectedRows: readonly PayableRow[],
  key: Buffer,
): ApprovalSeal | null {
  if (versionOf(seal) === 3) return null;
  if (sealDifference(seal, approvalSeal(clearRows, seal)) !== null) return null;
  return approvalSeal(protectedRows, undefined, key);
}
