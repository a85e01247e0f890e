/**
 * The reports port: what people review, work through and export, read across batches and payouts. Reads
 * only; card, ID and phone columns come back as stored (masked: the clear values are sealed).
 */
import type { BatchKind, BatchMethod } from '../types.js';
import type { BatchStatus } from './types.js';

/** A payout's amount, bank and region: what an approval breakdown counts. */
export interface PayoutFigures {
  amount_fen: number;
  bank_id: number;
  region_id: number;
}

/** A payout that carries warnings the operator accepted at import, with what its messages need. */
export interface WarnedPayout {
  line: number;
  payment_id: string;
  amount_fen: number;
  bank_id: number;
  /** Masked as stored. */
  card_number: string;
  id_number: string;
  warnings: string[];
  /** The first line of the batch with the same card and amount (this line when it is the first); null: unknown. */
  first_line_same_card: number | null;
}

/** A payout in a state that waits for a person, with since when. */
export interface WaitingPayout {
  batch_id: number;
  line: number;
  payment_id: string;
  amount_fen: number;
  state: string;
  code: string | null;
  message: string | null;
  /** When it entered its state (ISO). */
  since: string;
}

/** A batch in a status that waits for a person, with since when. */
export interface WaitingBatch {
  id: number;
  status: BatchStatus;
  payout_count: number;
  total_fen: number;
  created_by: string;
  approved_by: string | null;
  /** Approvals given so far (a draft above the second-approver total may have one). */
  approvals_given: number;
  /** When it entered its status (ISO): its latest audit entry of the action that put it there. */
  since: string;
}

/** A payout with its outcome, as a results export writes it. */
export interface ResultRow {
  line: number;
  payment_id: string;
  amount_fen: number;
  currency: string;
  /** Masked as stored. */
  card_number: string;
  bank_id: number;
  region_id: number;
  last_name: string;
  first_name: string;
  state: string;
  code: string | null;
  message: string | null;
  final_at: string | null;
}

export interface ReportsPort extends MonthEndReportsPort {
  /** Every payout's amount, bank and region, in file order. */
  payoutFigures(batchId: number): Promise<PayoutFigures[]>;
  /** The payouts of a batch that carry warnings, in file order. */
  warnedPayouts(batchId: number): Promise<WarnedPayout[]>;
  /** Payouts in one of `states`, across all batches, oldest first; at most `limit`. */
  waitingPayouts(query: { states: readonly string[]; limit: number }): Promise<WaitingPayout[]>;
  /**
   * Batches in one of the statuses named, oldest first; at most `limit`. `since` maps each status to the
   * audit action that puts a batch in it (their latest entry is when it started waiting).
   */
  waitingBatches(query: {
    since: Partial<Record<BatchStatus, string>>;
    limit: number;
  }): Promise<WaitingBatch[]>;
  /** Every payout of a batch with its outcome, in file order. */
  resultRows(batchId: number): Promise<ResultRow[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Month-end reports

/**
 * Which payouts a month-end report reads: one batch's, or those whose report instant (when they became
 * final, else when they were imported) falls in [fromIso, toIso). The application layer turns local days
 * into these instants.
 */
export type ReportSelection = { batchId: number } | { fromIso: string; toIso: string };

/** A payout as a month-end report lists it (card number masked as stored). */
export interface ReportRow {
  batch_id: number;
  /** The batch's payout method (bank names are per method); `chinapay` for a refund batch. */
  method: BatchMethod;
  kind: BatchKind;
  /** A refund's original payment (Computop PayID); null for a payout. */
  pay_id: string | null;
  line: number;
  payment_id: string;
  amount_fen: number;
  currency: string;
  card_number: string;
  bank_id: number;
  region_id: number;
  last_name: string;
  first_name: string;
  state: string;
  code: string | null;
  message: string | null;
  created_at: string;
  first_sent_at_ms: number | null;
  final_at: string | null;
  retry_of: string | null;
  /** The sealed payee data: read only when an admin's export asks for clear card numbers. */
  payee_sealed?: Buffer | null;
}

/** A count and a sum of fen of one group. */
export interface GroupTotal {
  count: number;
  total_fen: number;
}

/** The groups a report's summary is made of, counted and summed in SQL. */
export interface ReportTotals {
  by_state: Array<GroupTotal & { state: string }>;
  by_bank: Array<GroupTotal & { method: BatchMethod; bank_id: number }>;
  by_region: Array<GroupTotal & { region_id: number }>;
  /**
   * Per quarter of an hour (UTC, its start as ISO) and state, of the report instant: every time zone's day
   * starts on a quarter hour, so the application layer folds these into local days exactly.
   */
  by_quarter_hour: Array<GroupTotal & { start: string; state: string }>;
  /** Payouts in `failedStates` per provider code (null: none), with the state most of them are in. */
  by_failure_code: Array<GroupTotal & { code: string | null; state: string }>;
  batch_ids: number[];
}

export interface MonthEndReportsPort {
  /** The summary groups of the payouts selected; `failedStates` chooses those counted by failure code. */
  reportTotals(selection: ReportSelection, failedStates: readonly string[]): Promise<ReportTotals>;
  /**
   * The payouts selected in batch and file order: one page, or all of them (page null). `withSealed` adds
   * their sealed payee data.
   */
  reportRows(
    selection: ReportSelection,
    page: { offset: number; limit: number } | null,
    withSealed: boolean,
  ): Promise<ReportRow[]>;
}
