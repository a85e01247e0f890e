/**
 * Shapes of the store. Records read back use the column names (snake_case, like PayoutDraft);
 * the import input and result are camelCase call parameters. Money is integer fen; times are ISO-8601 UTC.
 */
import type { PaymentLedger, RefundTerms } from '../providers/types.js';
import type { BatchKind, BatchMethod, PayoutDraft } from '../types.js';

/**
 * Batch lifecycle: draft → approved → sending (⇄ paused) → completed; cancelled stops the unsent rest;
 * rejected ends a draft its approver refused; blocked stops a batch whose content changed after approval.
 */
export type BatchStatus =
  'draft' | 'approved' | 'sending' | 'paused' | 'completed' | 'cancelled' | 'rejected' | 'blocked';

export const BATCH_STATUSES: readonly BatchStatus[] = [
  'draft',
  'approved',
  'sending',
  'paused',
  'completed',
  'cancelled',
  'rejected',
  'blocked',
];

/**
 * Where a batch is sent, recorded at its first send: every later run follows it there, whatever the settings
 * or a command line say. `gateUrl` null: the embedded sandbox (its address changes at every start).
 */
/**
 * Where a batch is sent, for good: the environment, the provider's base URL (null: the embedded sandbox) and
 * the account. Payout batches go to an ecommpay project; refund batches to a Computop merchant (`merchantId`
 * set, `projectId` 0: Computop has no project).
 */
export interface EnvironmentBinding {
  environment: 'sandbox' | 'production';
  gateUrl: string | null;
  projectId: number;
  /** The Computop merchant of a refund batch; absent for payout batches. */
  merchantId?: string;
}

/** What an approval covers: a digest of every payable field of every payout, and the control totals. */
export interface ApprovalSeal {
  digest: string;
  payoutCount: number;
  totalFen: number;
}

/**
 * Payout lifecycle: the console's own states, or the provider's payment status once it has told us one.
 * See electron/core/payoutStates.ts for which are final.
 */
export type PayoutState = string;

/** A payout that passed validation: the fields the store requires are resolved. */
export type StorablePayout = Omit<PayoutDraft, 'amount_fen' | 'bank_id' | 'region_id'> & {
  amount_fen: number;
  bank_id: number;
  region_id: number;
};

export interface DraftPayoutInput {
  /** 1-based line in the source file (header is line 1). */
  line: number;
  /** Must be storable (see isStorablePayout); checked at run time, the batch is refused otherwise. */
  payout: PayoutDraft;
  /** Warning codes the operator accepted; kept for the approver's review. */
  warnings: string[];
}

/** A payee's card number, ID number and phone sealed, the card's keyed hash, and the masked values. */
export interface ProtectedPayee {
  payee: Buffer;
  cardHash: string;
  masked: { card_number: string; id_number: string; phone: string };
}

/**
 * Seals a payee's data under the installation key (app/payeeProtection.ts): the store calls it for each row
 * as it writes it, so a clear card number never reaches the file and no batch's sealed copies pile up.
 */
export type PayeeProtector = (payee: {
  payment_id: string;
  card_number: string;
  id_number: string;
  phone: string;
}) => ProtectedPayee;

export interface DraftBatchInput {
  /** What the batch pays (default `payout`); a refund batch's method is `chinapay`. */
  kind?: BatchKind;
  method: BatchMethod;
  sourceFileName: string;
  sourceSha256: string;
  /** SHA-256 of the file's decoded, normalised records: the same rows saved with other bytes match it. */
  contentSha256?: string;
  encoding: string;
  delimiter: string;
  /** Data rows in the file, including dropped error rows. */
  rowCount: number;
  createdBy: string;
  droppedErrorRows: number;
  payouts: DraftPayoutInput[];
  /** How each payout's payee data is sealed as it is stored; the store refuses what comes back unmasked. */
  protect: PayeeProtector;
  /**
   * Refuse (StoreError FILE_ALREADY_IMPORTED) when a batch from the same bytes exists, checked inside the
   * import's transaction: two imports of one file at the same moment must not both be stored.
   */
  refuseDuplicateFile?: boolean;
}

export interface InsertDraftBatchResult {
  batchId: number;
  /** The earliest batch imported from a file with the same SHA-256, if any. */
  duplicateOf: number | null;
  payoutCount: number;
  totalFen: number;
}

export interface BatchRecord {
  id: number;
  kind: BatchKind;
  method: BatchMethod;
  source_file_name: string;
  source_sha256: string;
  encoding: string;
  delimiter: string;
  /** Data rows in the source file. */
  row_count: number;
  /** Control totals of the stored payouts. */
  payout_count: number;
  total_fen: number;
  status: BatchStatus;
  created_by: string;
  created_at: string;
  /** The earliest batch imported from the same file bytes, if any. */
  duplicate_of: number | null;
  dropped_error_rows: number;
  approved_by: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  /** The environment it was first sent to (null until then). */
  environment: 'sandbox' | 'production' | null;
  gate_url: string | null;
  project_id: number | null;
  /** The Computop merchant a refund batch is bound to (null for payout batches, and until sent). */
  merchant_id: string | null;
  /** What the approval covered (null for batches approved before approvals were sealed). */
  approval_digest: string | null;
  approval_count: number | null;
  approval_total_fen: number | null;
  /** JSON array of the people who changed its rows after import (none of them may approve it). */
  edited_by: string;
}

/** A batch with how its payouts stand: count and sum of fen per payout state. */
export interface BatchListing extends BatchRecord {
  counts: Record<string, number>;
  sums_fen: Record<string, number>;
}

/** A stored payout: the payout fields plus where it came from and where it stands. */
export interface StoredPayout extends StorablePayout {
  id: number;
  batch_id: number;
  line: number;
  warnings: string[];
  state: PayoutState;
  created_at: string;
  provider_status: string | null;
  code: string | null;
  message: string | null;
  request_id: string | null;
  send_attempts: number;
  first_sent_at_ms: number | null;
  last_sent_at_ms: number | null;
  next_check_at_ms: number | null;
  status_checks: number;
  not_found_count: number;
  final_at: string | null;
  request_sha256: string | null;
  /** The clear card number, ID number and phone, sealed (security/fieldCipher.ts); null only before upgrade. */
  payee_sealed: Buffer | null;
  /** Keyed hash of the card number: finds the same card without opening anything. */
  card_hash: string | null;
  /** A refund row's terms; null on payout rows (absent where a reader does not join them). */
  refund?: RefundTerms | null;
}

export type AuditDetails = Record<string, unknown>;

export interface AuditInput {
  actor: string;
  /** Dotted verb, e.g. 'batch.import'. */
  action: string;
  batchId?: number | null;
  details: AuditDetails;
  /** Defaults to now; injectable for tests and replays. */
  at?: string;
}

/**
 * The audit entry of one person's operation, handed to the store method that makes the change: the store
 * writes both in one transaction (and may add facts it read there to `details`).
 */
export interface AuditRecord {
  actor: string;
  action: string;
  at: string;
  batchId?: number | null;
  details: AuditDetails;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  batch_id: number | null;
  details: AuditDetails;
}

// ---------------------------------------------------------------------------------------------------------
// The delivery journal

/** A journaled payout with what the engine needs to act on it. */
export type JournalPayout = Omit<StoredPayout, 'warnings' | 'refund'> & {
  warnings: string;
  method: BatchMethod;
  batch_status: BatchStatus;
  /** A refund row's terms (null on payout rows). */
  refund: RefundTerms | null;
};

/** A change to one payout's journal row, and why. Only the listed columns change. */
export interface PayoutTransition {
  state: string;
  set: {
    provider_status?: string | null;
    code?: string | null;
    message?: string | null;
    request_id?: string | null;
    next_check_at_ms?: number | null;
    status_checks?: number;
    not_found_count?: number;
    final_at?: string | null;
  };
  /** Recorded in payout_events; never holds secrets or full card numbers. */
  event: Record<string, string | number | boolean | null>;
}

/** A transition to apply only if the payout is still in `fromState` (compare-and-set). */
export interface JournalChange {
  payoutId: number;
  fromState: string;
  transition: PayoutTransition;
  /**
   * What the provider said of a refund's original payment with this answer: recorded per payment, and, when
   * `beforeSend` (the inquiry made just before the credit first left), as the refund's credited-before amount.
   */
  ledger?: { seen: PaymentLedger; beforeSend: boolean };
}

/** A payout to journal as leaving the machine, with the digest of what it sends. */
export interface SendClaim {
  payoutId: number;
  digest: string;
  /** What the provider's preflight said of a refund's payment: journaled with the claim, before the request. */
  ledger?: PaymentLedger;
  /** Applied instead when an earlier attempt sent different data (a resend must be identical). */
  ifChanged: PayoutTransition;
}

/** Which batches the engine works on: these ids and/or those bound to this environment; all when absent. */
export interface JournalScope {
  batchIds?: readonly number[];
  binding?: EnvironmentBinding;
}

/** One row of the `status --json` document (a published contract: add fields, never rename them). */
export interface StatusRow {
  payment_id: string;
  status: string;
  code: string | null;
  message: string | null;
  line: number;
  amount_fen: number;
  send_attempts: number;
}

/**
 * The fields of a payout that decide who is paid what: everything an approval covers, in the order the
 * approval seal hashes them (changing the order or the list invalidates every stored approval).
 */
export const PAYABLE_FIELDS = [
  'payment_id',
  'amount_fen',
  'currency',
  'card_number',
  'bank_id',
  'region_id',
  'last_name',
  'first_name',
  'customer_id',
  'phone',
  'email',
  'id_number',
  'branch',
  'bank_city',
  'province',
  'city',
  'street',
  'zip',
  'description',
] as const satisfies ReadonlyArray<keyof StoredPayout>;

/**
 * A payout's payable fields, with its row id (its place in the file, not content), and its sealed payee data
 * (the card, ID and phone fields hold masked values once sealed, so the seal covers the sealed form).
 */
export type PayableRow = Pick<
  StoredPayout,
  'id' | 'payee_sealed' | 'card_hash' | (typeof PAYABLE_FIELDS)[number]
> & {
  /** A refund row's terms that decide what is credited where (absent or null on payout rows). */
  refund_pay_id?: string | null;
  refund_req_id?: string | null;
  refund_ref_nr?: string | null;
};

/** Active batches grouped by where they are bound (null: sent before batches recorded it). */
export interface BindingGroup {
  binding: EnvironmentBinding | null;
  batchIds: number[];
}
