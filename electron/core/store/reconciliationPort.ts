/**
 * The reconciliation port: the console's payouts as matching reads them, and reconciliation runs with their
 * exceptions. A run and its audit entry are stored together; an exception is resolved once, with a note.
 */
import type {
  CountAndSum,
  ProviderFileFormat,
  ReconciliationExceptionKind,
  ReconciliationItemView,
  ReconciliationSummary,
} from '../../contract/records.js';
import type { AuditRecord } from './types.js';

/** A payout as matching needs it. */
export interface PayoutForMatching {
  payment_id: string;
  batch_id: number;
  amount_fen: number;
  currency: string;
  state: string;
  first_sent_at_ms: number | null;
}

/** The figures of a run, stored as one JSON value. */
export interface RunFigures {
  summary: ReconciliationSummary;
  matched_fen: number;
  unmatched_console: CountAndSum;
  unmatched_provider: CountAndSum;
}

export interface NewReconciliationRun {
  ran_at: string;
  ran_by: string;
  file_name: string;
  file_sha256: string;
  format: ProviderFileFormat;
  grace_minutes: number;
  provider_operations: number;
  console_payouts: number;
  figures: RunFigures;
  pending: ReconciliationItemView[];
  purchases: ReconciliationItemView[];
}

export interface StoredRun extends Omit<NewReconciliationRun, 'pending' | 'purchases'> {
  id: number;
  open_exceptions: number;
}

export interface NewReconciliationException {
  kind: ReconciliationExceptionKind;
  payment_id: string;
  batch_id: number | null;
  console_amount_fen: number | null;
  console_currency: string | null;
  console_status: string | null;
  provider_amount_fen: number | null;
  provider_currency: string | null;
  provider_status: string | null;
  provider_operation_ids: string[];
}

export interface StoredException extends NewReconciliationException {
  id: number;
  run_id: number;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

/** The answer of resolving: the exception as it is now, and whether this call resolved it. */
export type ResolveOutcome =
  | { ok: true; exception: StoredException }
  /** Missing (null), or resolved already (as it is). */
  | { ok: false; exception: StoredException | null };

export interface ReconciliationPort {
  /** Every payout (one SELECT): matching decides which were expected at the provider. */
  payoutsForMatching(): Promise<PayoutForMatching[]>;
  /**
   * Stores a run and its exceptions, with the audit entry, in one transaction; the entry's details gain the
   * run's id. Returns the run's id and each exception's id, in the order given.
   */
  storeRun(
    run: NewReconciliationRun,
    exceptions: readonly NewReconciliationException[],
    audit: AuditRecord,
  ): Promise<{ runId: number; exceptionIds: number[] }>;
  /** Newest first. */
  runs(page: { offset: number; limit: number }): Promise<StoredRun[]>;
  run(runId: number): Promise<StoredRun | null>;
  /** A run's pending payouts and purchases, as stored. */
  runItems(
    runId: number,
  ): Promise<{ pending: ReconciliationItemView[]; purchases: ReconciliationItemView[] } | null>;
  /** A run's exceptions, in the order found. */
  exceptions(runId: number): Promise<StoredException[]>;
  /**
   * Closes an open exception with a person's note (who and when from the audit entry), with the audit entry
   * (its details gain the run, kind and payment id), in one transaction. Refused when resolved already.
   */
  resolve(exceptionId: number, note: string, audit: AuditRecord): Promise<ResolveOutcome>;
}
