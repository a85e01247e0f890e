/** How a payout row is read with its refund terms (refund rows only): one join, one mapping, for every reader. */
import type { RefundTerms } from '../../providers/types.js';

/** Joined to `payouts p`; the columns come back prefixed so they cannot shadow a payout column. */
export const REFUND_JOIN_SQL = 'LEFT JOIN refund_details r ON r.payout_id = p.id';
export const REFUND_COLUMNS_SQL = `r.pay_id AS r_pay_id, r.req_id AS r_req_id, r.ref_nr AS r_ref_nr,
  r.reason AS r_reason, r.captured_fen AS r_captured_fen, r.credited_before_fen AS r_credited_before_fen`;

export interface RefundColumns {
  r_pay_id: string | null;
  r_req_id: string | null;
  r_ref_nr: string | null;
  r_reason: string | null;
  r_captured_fen: number | null;
  r_credited_before_fen: number | null;
}

/** The row without the refund columns, and its refund terms (null on a payout row). */
export function withRefundTerms<T extends RefundColumns>(
  raw: T,
): Omit<T, keyof RefundColumns> & { refund: RefundTerms | null } {
  const { r_pay_id, r_req_id, r_ref_nr, r_reason, r_captured_fen, r_credited_before_fen, ...row } = raw;
  const refund =
    r_pay_id === null
      ? null
      : {
          pay_id: r_pay_id,
          req_id: r_req_id ?? '',
          ref_nr: r_ref_nr ?? '',
          reason: r_reason ?? '',
          captured_fen: r_captured_fen,
          credited_before_fen: r_credited_before_fen,
        };
  return { ...row, refund };
}
