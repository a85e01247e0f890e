/**
 * Refund batches in the store: the refund terms of each row (the payout row holds its TransID and amount), and
 * what is known of each refunded payment — the captured amount and what has been refunded or credited — so a
 * file that refunds more than was captured is refused before anyone approves it.
 */
import type { AuditRecord, DraftBatchInput, InsertDraftBatchResult } from './types.js';

/** One refund row to store beside its payout row (matched by TransID = payment_id). */
export interface RefundTermsInput {
  transId: string;
  payId: string;
  /** The credit's idempotency key, fixed now so every later attempt carries the same one. */
  reqId: string;
  refNr: string;
  reason: string;
  capturedFen: number | null;
}

export interface RefundDraftInput {
  /** The payout rows (TransID, amount, currency; empty payee fields), kind `refund`, method `chinapay`. */
  draft: DraftBatchInput;
  refunds: readonly RefundTermsInput[];
}

/** What the console knows of one refunded payment. */
export interface KnownPayment {
  /** The captured amount: the smaller of the provider's last inquiry and what earlier refund files gave; null when unknown. */
  capturedFen: number | null;
  /**
   * Already refunded: the larger of the provider's credited sum (last inquiry) and the console's own refunds of
   * it that may still pay (not rejected, declined, failed or cancelled).
   */
  refundedFen: number;
}

export interface RefundsPort {
  /** Stores a validated refund file as one draft refund batch, all rows or none. */
  storeImported(input: RefundDraftInput, audit: AuditRecord): Promise<InsertDraftBatchResult>;
  /** What is known of these payments; `excludeBatchId`'s own refunds are left out of the console's sum. */
  knownPayments(
    payIds: readonly string[],
    options?: { excludeBatchId?: number },
  ): Promise<Map<string, KnownPayment>>;
  /** A batch's refund rows with their terms, in file order (approval checks). */
  batchRefunds(
    batchId: number,
  ): Promise<Array<{ payId: string; amountFen: number; capturedFen: number | null }>>;
}
