/**
 * The records operations return. Records use the column names of the published JSON documents (snake_case,
 * like `status --json`); call options are camelCase. Money is always integer fen. Types only: shared by the
 * main process, the preload and the renderer.
 */

export type Lang = 'en' | 'zh-CN';
export type MethodId = 'cup-p2p' | 'cup-quickpay' | 'cup-banks';
export type EnvironmentName = 'sandbox' | 'production';
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';
export type BatchStatus =
  | 'draft'
  | 'approved'
  | 'sending'
  | 'paused'
  | 'completed'
  | 'cancelled'
  | 'rejected'
  /** Its content changed after approval: nothing more is sent (APPROVAL_CONTENT_CHANGED). */
  | 'blocked';

// ---------------------------------------------------------------------------------------------------------
// Intake

export interface PayoutFields {
  payment_id: string;
  amount_fen: number | null;
  currency: string;
  card_number: string;
  bank_id: number | null;
  region_id: number | null;
  last_name: string;
  first_name: string;
  customer_id: string;
  phone: string;
  email: string;
  id_number: string;
  branch: string;
  bank_city: string;
  description: string;
}

export interface RowIssueView {
  code: string;
  severity: 'error' | 'warning';
  field: string | null;
  message: string;
}

/** One row of `validate --json` (a published contract: add fields, never rename them). */
export interface ValidatedRowView {
  line: number;
  payment_id: string;
  status: 'ok' | 'warning' | 'error';
  issues: RowIssueView[];
  payout: PayoutFields;
}

export interface FileView {
  name: string;
  sha256: string;
  encoding: 'utf-8' | 'gb18030';
  bom: boolean;
  delimiter: string;
  rows: number;
  ignored_columns: string[];
  /** Earlier batches imported from a file with these exact bytes. */
  duplicate_of: number[];
}

export interface SummaryView {
  rows: number;
  ok: number;
  warnings: number;
  errors: number;
  /** Sum of the rows that can be stored (ok and warning). */
  total_fen: number;
  /** Sum of every parseable amount in the file, to compare with the sender's total; null beyond 2^53. */
  file_total_fen: number | null;
}

/** The first rows as the file has them, decoded, with where each column goes. */
export interface FilePreview {
  header: string[];
  /** Header → the field it feeds, or null when ignored. */
  mapping: Record<string, string | null>;
  rows: string[][];
}

export interface ValidationReport {
  file: FileView;
  summary: SummaryView;
  rows: ValidatedRowView[];
  preview: FilePreview;
}

export interface ImportReport {
  /** null when the import was refused. */
  batch_id: number | null;
  summary: SummaryView;
  file: FileView;
  stored: { payouts: number; total_fen: number } | null;
  refused: {
    code: 'ROWS_HAVE_ERRORS' | 'FILE_ALREADY_IMPORTED' | 'NOTHING_TO_IMPORT' | 'PAYMENT_ID_USED';
    message: string;
  } | null;
  /** Rows that were refused or left out, so the operator sees what to fix. */
  error_rows: ValidatedRowView[];
  /** The rows asked for (`rows: 'all' | 'problems'`); absent otherwise. */
  rows?: ValidatedRowView[];
}

// ---------------------------------------------------------------------------------------------------------
// Batches

export interface BatchView {
  id: number;
  method: MethodId;
  source_file_name: string;
  source_sha256: string;
  encoding: string;
  delimiter: string;
  row_count: number;
  payout_count: number;
  total_fen: number;
  status: BatchStatus;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  duplicate_of: number | null;
  dropped_error_rows: number;
  /** Where it was first sent, and every later run follows it (null until it is sent). */
  environment: EnvironmentName | null;
  /** The Gate it was sent to; null for the embedded sandbox. */
  gate_url: string | null;
  project_id: number | null;
  /** Payouts and their sum per payout state. */
  counts: Record<string, number>;
  sums_fen: Record<string, number>;
}

/** A payout as a screen shows it: the card number masked. */
export interface PayoutView {
  id: number;
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
  /** Why it stands where it stands, in plain words (and what to do), in the caller's language. */
  reason: string;
  send_attempts: number;
  warnings: string[];
  final_at: string | null;
}

export interface BatchDetail {
  batch: BatchView;
  /** Payouts matching the filter; `rows` is the requested page of them. */
  total: number;
  offset: number;
  limit: number;
  rows: PayoutView[];
}

/** One row of `status --json` (a published contract: add fields, never rename them). */
export interface StatusRowView {
  payment_id: string;
  status: string;
  code: string | null;
  message: string | null;
  line: number;
  amount_fen: number;
  send_attempts: number;
  /** Plain reason in the caller's language. */
  reason: string;
  /** Whether nothing more will happen to it (needs_attention is not final: a person must act). */
  final: boolean;
}

/** The `status --json` document. */
export interface BatchStatusReport {
  batch_id: number;
  batch_status: BatchStatus;
  counts: Record<string, number>;
  sums_fen: Record<string, number>;
  rows: StatusRowView[];
}

export interface BatchChangeResult {
  batch: BatchView;
  /** Payouts cancelled before they left (cancel only). */
  cancelled_payouts: number;
}

/** What the engine did in one run (`submit`, `resume`). */
export interface RunSummaryView {
  sent: number;
  statusQueries: number;
  recovered: number;
  completedBatches: number[];
  /** Batches blocked in this run: their content changed after approval (APPROVAL_CONTENT_CHANGED). */
  blockedBatches: number[];
  /** Why the provider could not be reached at all, when that stopped the run. */
  unreachable: string | null;
  stoppedBy: 'done' | 'signal' | 'unreachable';
}

// ---------------------------------------------------------------------------------------------------------
// Banks

export interface BankView {
  id: number;
  name: string;
}

export interface BankListDiffView {
  added: BankView[];
  removed: BankView[];
  renamed: Array<{ id: number; from: string; to: string }>;
}

export interface FetchedBankListView {
  method: MethodId;
  fetched_at: string;
  fetched_by: string;
  environment: string;
  count: number;
  diff: BankListDiffView;
}

export interface RefreshBanksResult {
  environment: EnvironmentName;
  methods: Array<{
    method: MethodId;
    fetched_at: string;
    count: number;
    skipped: number;
    diff: BankListDiffView;
  }>;
  failed: Array<{ method: MethodId; detail: string }>;
}

// ---------------------------------------------------------------------------------------------------------
// Credentials, settings, audit

export interface CredentialsStatus {
  environment: 'production';
  stored: boolean;
  project_id?: number;
  cipher_kind?: string;
  updated_at?: string;
  updated_by?: string;
}

export interface PayoutDefaultsView {
  customer_ip: string;
  city: string | null;
  zip: string | null;
  street: string | null;
  email: string | null;
  description: string | null;
}

export interface Settings {
  /** Where the desktop app sends payouts, and the command line by default. */
  environment: EnvironmentName;
  /** Another base URL for production's Gate (a proxy); null for https://api.ecommpay.com. */
  production_gate_url: string | null;
  /** Fields the payout file does not carry; a row's own bank city, email and description win. */
  payout_defaults: PayoutDefaultsView;
  sending: { concurrency: number; requests_per_second: number; timeout_ms: number };
  /** Per-method amount limits in fen; a method not listed uses its documented limits. */
  limits: Partial<Record<MethodId, { min_fen: number; max_fen: number }>>;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  batch_id: number | null;
  details: Record<string, unknown>;
}

export interface AppInfo {
  version: string;
  /** Where payouts go now: the embedded sandbox unless the settings choose production. */
  environment: EnvironmentName;
  gate_url: string | null;
  database_path: string | null;
}
