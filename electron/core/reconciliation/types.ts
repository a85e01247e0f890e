/** What offline reconciliation compares: the provider's operations and the console's payouts. */
import type { ProviderFileFormat, ReconciliationExceptionKind } from '../../contract/records.js';

export type { ProviderFileFormat, ReconciliationExceptionKind };

/** One operation as the provider lists it, its words normalised (lower case, `_` for spaces). */
export interface ProviderOperation {
  payment_id: string;
  /** Null when a CSV export has no operation id column. */
  operation_id: string | null;
  /** payout, reversal, sale, refund, …; 'payout' when a CSV export has no type column. */
  operation_type: string;
  /** success, decline, error, processing, … */
  operation_status: string;
  /** Minor units (fen for CNY). */
  amount_fen: number;
  currency: string | null;
  created_at: string | null;
  completed_at: string | null;
  code: string | null;
  message: string | null;
}

/** A console payout as matching needs it. */
export interface ConsolePayout {
  payment_id: string;
  batch_id: number;
  amount_fen: number;
  currency: string;
  state: string;
  /** When it first left the machine (epoch ms); null if it never did. */
  first_sent_at_ms: number | null;
}

/** A provider file read: its operations, each listed once. */
export interface ProviderFile {
  format: ProviderFileFormat;
  operations: ProviderOperation[];
  /** Operations listed more than once (overlapping pages), counted once. */
  repeated: number;
}
