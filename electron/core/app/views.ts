/** From the store's records to the records operations return (contract/records.ts). */
import type {
  BatchStatusReport,
  BatchView,
  PayoutView,
  RowIssueView,
  ValidatedRowView,
} from '../../contract/records.js';
import { describeIssue } from '../i18n/rowIssues.js';
import { maskPan } from '../i18n/mask.js';
import { plainReason, type CodeGuidance } from '../i18n/payoutReasons.js';
import { isFinal } from '../payoutStates.js';
import { ecommpayGuidance } from '../providers/ecommpay/guidance.js';
import { REFUND_ABOVE_CAPTURE } from '../providers/computop/codes.js';
import { computopGuidance } from '../providers/computop/guidance.js';
import type { BatchListing, BatchRecord, StatusRow, StoredPayout } from '../store/types.js';
import type { Lang, ValidatedRow } from '../types.js';
import { maskCardNumber, maskIdNumber, maskPhone } from '../security/index.js';

/**
 * Guidance for the codes payouts and refunds carry: Computop's (8 characters, and the console's own
 * REFUND_ABOVE_CAPTURE) on refund rows, ecommpay's (a few digits) on payout rows. The two never look alike.
 */
export const PAYOUT_GUIDANCE: CodeGuidance = (code, lang) =>
  code.length === 8 || code === REFUND_ABOVE_CAPTURE
    ? computopGuidance(code, lang)
    : ecommpayGuidance(code, lang);

export function batchView(batch: BatchRecord | BatchListing): BatchView {
  const { counts, sums_fen } = 'counts' in batch ? batch : { counts: {}, sums_fen: {} };
  return {
    id: batch.id,
    kind: batch.kind,
    method: batch.method,
    source_file_name: batch.source_file_name,
    source_sha256: batch.source_sha256,
    encoding: batch.encoding,
    delimiter: batch.delimiter,
    row_count: batch.row_count,
    payout_count: batch.payout_count,
    total_fen: batch.total_fen,
    status: batch.status,
    created_by: batch.created_by,
    created_at: batch.created_at,
    approved_by: batch.approved_by,
    approved_at: batch.approved_at,
    rejected_by: batch.rejected_by,
    rejected_at: batch.rejected_at,
    reject_reason: batch.reject_reason,
    duplicate_of: batch.duplicate_of,
    dropped_error_rows: batch.dropped_error_rows,
    environment: batch.environment,
    gate_url: batch.gate_url,
    project_id: batch.project_id,
    merchant_id: batch.merchant_id,
    // Read as the store returns the row (migration 11's column).
    retry_of_batch: (batch as { retry_of_batch?: number | null }).retry_of_batch ?? null,
    counts,
    sums_fen,
  };
}

/** A stored payout for a screen: the card number masked, the reason in plain words. */
export function payoutView(payout: StoredPayout, lang: Lang): PayoutView {
  return {
    id: payout.id,
    line: payout.line,
    payment_id: payout.payment_id,
    amount_fen: payout.amount_fen,
    currency: payout.currency,
    card_number: maskPan(payout.card_number),
    bank_id: payout.bank_id,
    region_id: payout.region_id,
    last_name: payout.last_name,
    first_name: payout.first_name,
    state: payout.state,
    code: payout.code,
    message: payout.message,
    reason: plainReason(payout, lang, PAYOUT_GUIDANCE, payout.refund ? 'refund' : 'payout'),
    send_attempts: payout.send_attempts,
    warnings: payout.warnings,
    final_at: payout.final_at,
    refund: payout.refund
      ? {
          pay_id: payout.refund.pay_id,
          ref_nr: payout.refund.ref_nr,
          reason: payout.refund.reason,
          captured_fen: payout.refund.captured_fen,
        }
      : null,
  };
}

/** The `status --json` document, with each row's plain reason. */
export function statusReport(batch: BatchRecord, rows: StatusRow[], lang: Lang): BatchStatusReport {
  const counts: Record<string, number> = {};
  const sums: Record<string, number> = {};
  for (const row of rows) {
    counts[row.status] = (counts[row.status] ?? 0) + 1;
    sums[row.status] = (sums[row.status] ?? 0) + row.amount_fen;
  }
  return {
    batch_id: batch.id,
    kind: batch.kind,
    batch_status: batch.status,
    counts,
    sums_fen: sums,
    rows: rows.map((row) => ({
      ...row,
      reason: plainReason(
        { state: row.status, code: row.code, message: row.message },
        lang,
        PAYOUT_GUIDANCE,
        batch.kind,
      ),
      final: isFinal(row.status),
    })),
  };
}

/**
 * A validated row as `validate --json` prints it (a published contract: add fields, never rename them).
 * `bankNames` (resolvedBankNames of the method) adds the names of the bank the row resolved to.
 */
export function validatedRowView(
  row: ValidatedRow,
  lang: Lang,
  bankNames?: (bankId: number | null) => { bank_name: string | null; bank_name_zh: string | null },
): ValidatedRowView {
  return {
    line: row.line,
    payment_id: row.payout.payment_id,
    status: row.status,
    issues: row.issues.map((issue): RowIssueView => ({
      code: issue.code,
      severity: issue.severity,
      field: issue.field,
      message: describeIssue(issue, lang),
    })),
    // What a file says goes back masked like what the database holds: a report or a log of `validate
    // --json` must not become a second copy of the payees' cards, ID numbers and phones.
    payout: {
      ...row.payout,
      card_number: maskCardNumber(row.payout.card_number),
      id_number: maskIdNumber(row.payout.id_number),
      phone: maskPhone(row.payout.phone),
    },
    ...bankNames?.(row.payout.bank_id),
  };
}
