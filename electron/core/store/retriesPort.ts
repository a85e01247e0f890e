/**
 * The retries port: a batch's failed payouts, and the new draft that pays them again, each new payout linked
 * to the one it pays again. The rule that a payout is paid again at most once is checked in the same
 * transaction that stores the draft.
 */
import type { AuditRecord, DraftBatchInput, InsertDraftBatchResult, PayableRow } from './types.js';

/** A failed payout of the source batch, with its sealed payee data. */
export interface RetrySource extends PayableRow {
  line: number;
  state: string;
  /** The batch of a retry of this payout that may still pay (see retries.ts); null when there is none. */
  retried_in_batch: number | null;
}

export interface RetryDraftInput {
  sourceBatchId: number;
  draft: DraftBatchInput;
  /** Each new payout's payment id with the payment id of the payout it pays again. */
  links: ReadonlyArray<{ paymentId: string; retryOf: string }>;
}

export type RetryStored =
  | { ok: true; stored: InsertDraftBatchResult }
  /** Some payouts were paid again meanwhile (in these batches): nothing was stored. */
  | { ok: false; alreadyRetried: Array<{ payment_id: string; batch_id: number }> };

export interface RetriesPort {
  /** The source batch's payouts in one of `states`, in file order. */
  failedPayouts(batchId: number, states: readonly string[]): Promise<RetrySource[]>;
  /**
   * Stores the draft, links it and its payouts to what they pay again, and writes `audit` (on the new batch)
   * and `sourceAudit` (on the source batch), all in one transaction.
   */
  storeRetry(input: RetryDraftInput, audit: AuditRecord, sourceAudit: AuditRecord): Promise<RetryStored>;
}
