/**
 * The records operations return. Records use the column names of the published JSON documents (snake_case,
 * like `status --json`); call options are camelCase. Money is always integer fen. Types only: shared by the
 * main process, the preload and the renderer.
 */

export type Lang = 'en' | 'zh-CN';
export type MethodId = 'cup-p2p' | 'cup-quickpay' | 'cup-banks';
/** Payouts to cards (ecommpay), or refunds of earlier ChinaPay payments (Computop Paygate credits). */
export type BatchKind = 'payout' | 'refund';
/** A batch's method: a payout method, or `chinapay` for a refund batch. */
export type BatchMethod = MethodId | 'chinapay';
export type EnvironmentName = 'sandbox' | 'production';
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030' | 'big5';
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
  province: string;
  city: string;
  street: string;
  zip: string;
  description: string;
}

/** Every payout field, in the templates' column order (the grid's columns, the edits' field names). */
export const PAYOUT_FIELDS = [
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
] as const satisfies readonly (keyof PayoutFields)[];

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
  /** A refund file's row: its refund cells as resolved (absent on payout rows). */
  refund?: RefundRowFields;
  /**
   * The bank the bank cell resolved to in the method's own table (ID 29 is Tianjin Shi in CUP P2P, ShenZhen
   * Development Bank in CUP QuickPay); null when it did not resolve, or the bank has no Chinese name.
   */
  bank_name?: string | null;
  bank_name_zh?: string | null;
}

/** A refund row's own fields (its TransID is the row's `payment_id`, its amount `payout.amount_fen`). */
export interface RefundRowFields {
  /** The refunded payment's PayID at Computop (32 characters). */
  pay_id: string;
  /** The credit's TransID: from the file, or generated at import when the file leaves it empty. */
  trans_id: string;
  ref_nr: string;
  reason: string;
  /** The original payment's captured amount as the file gives it; null when not given. */
  captured_fen: number | null;
}

export interface FileView {
  name: string;
  sha256: string;
  /** SHA-256 of the decoded text: the same rows saved with other bytes have the same one (null without a database). */
  content_sha256: string | null;
  encoding: 'utf-8' | 'gb18030' | 'big5';
  bom: boolean;
  delimiter: string;
  rows: number;
  ignored_columns: string[];
  /** Earlier batches imported from a file with these exact bytes, or with the same decoded rows. */
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
  /** The request bodies the first payable rows would be sent as (card numbers masked), when asked for. */
  requests?: RequestPreview[];
}

/** One payout request as it would leave the machine, for a person to read before approving. */
export interface RequestPreview {
  line: number;
  payment_id: string;
  /** The provider's path the body is posted to. */
  path: string;
  /** The body, with the card number masked and without its signature (made with the secret at send time). */
  body: Record<string, unknown>;
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
  /** What the batch pays: `payout` (ecommpay) or `refund` (ChinaPay credits through Computop). */
  kind: BatchKind;
  method: BatchMethod;
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
  /** The Computop merchant a refund batch was sent as (null for payout batches and until it is sent). */
  merchant_id: string | null;
  /** The batch whose failed payouts this one pays again; null for a batch imported from a file. */
  retry_of_batch: number | null;
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
  /** A refund row's own fields; null on payout rows. */
  refund: RefundView | null;
}

/** A refund as a screen shows it (its TransID is the row's `payment_id`). */
export interface RefundView {
  pay_id: string;
  ref_nr: string;
  reason: string;
  captured_fen: number | null;
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
  /** `payout`, or `refund` (its rows' payment_id is each refund's TransID). */
  kind: BatchKind;
  batch_status: BatchStatus;
  counts: Record<string, number>;
  sums_fen: Record<string, number>;
  rows: StatusRowView[];
}

export interface BatchChangeResult {
  batch: BatchView;
  /** Payouts cancelled before they left (cancel only). */
  cancelled_payouts: number;
  /** Approvals still needed (a batch above the second-approver total); absent once approved. */
  approvals_needed?: number;
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

/** A bank of a shipped table, as `banks list` prints it. */
export interface ShippedBankView {
  id: number;
  name: string;
  /** Its established Chinese name; null when the table has none. */
  name_zh: string | null;
  /** The provider lists a region name under this ID (16 Jilin Sheng): rows using it get a warning. */
  looks_like_region: boolean;
}

export interface ShippedBankTableView {
  method: MethodId;
  banks: ShippedBankView[];
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

/** Secrets of other providers and services: the Computop merchant, the Data API. */
export type SecretProvider = 'computop' | 'data_api';
export const SECRET_PROVIDERS: readonly SecretProvider[] = ['computop', 'data_api'];

/** Whether a provider's secrets are stored; never the secrets themselves. */
export interface ProviderCredentialsStatus {
  provider: SecretProvider;
  stored: boolean;
  /** What is not secret: the Computop merchant id. */
  public_id?: string | null;
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
  /** Checked like a row's phone: a mainland mobile, or any number written with its country code (+ or 00). */
  phone: string | null;
}

/** A method's amount limits, in fen, both ends allowed. */
export interface MethodLimits {
  min_fen: number;
  max_fen: number;
}

export interface Settings {
  /** Where the desktop app sends payouts, and the command line by default. */
  environment: EnvironmentName;
  /** Another base URL for production's Gate (a proxy); null for https://api.ecommpay.com. */
  production_gate_url: string | null;
  /** Fields the payout file does not carry; a row's own bank city, email and description win. */
  payout_defaults: PayoutDefaultsView;
  sending: { concurrency: number; requests_per_second: number; timeout_ms: number };
  /**
   * Per-method amount limits in fen, within the method's documented ones; a method not listed uses its
   * documented limits.
   */
  limits: Partial<Record<MethodId, MethodLimits>>;
  /** Each method's documented limits (the provider's): read-only, from the reference data. */
  provider_limits: Record<MethodId, MethodLimits>;
  /**
   * Which request field carries the family name (姓). The seeds' examples put it in customer.first_name
   * (伍 in first_name, 倩文 in last_name); the account manager should confirm it for the project.
   */
  family_name_field: 'first_name' | 'last_name';
  /** A row repeating the card and amount of a payout imported within these days is flagged; 0: off. */
  duplicate_window_days: number;
  /** Per method: card.pan carries a card number (default) or, for some providers, a bank account number. */
  pan_kind: Partial<Record<MethodId, 'card' | 'account'>>;
  /** Minutes without activity after which a signed-in session locks (1–480). */
  session_idle_minutes: number;
  /** Failed sign-ins in a row that lock an account, and for how many minutes. */
  lockout: { attempts: number; minutes: number };
  /** A batch whose total is above this (fen) needs a second, different approver; null: one approver. */
  second_approver_above_fen: number | null;
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

/** What an account may do: admin (users, credentials, settings), operator (import, edit, submit),
 * approver (approve or reject), viewer (read and export). A person may hold several. */
export type Role = 'admin' | 'operator' | 'approver' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'operator', 'approver', 'viewer'];

/** An account as every interface shows it: never its password hash. */
export interface UserView {
  name: string;
  display_name: string;
  roles: Role[];
  disabled: boolean;
  /** Locked after repeated failed sign-ins, until this time (ISO); null when not locked. */
  locked_until: string | null;
  must_change_password: boolean;
  created_at: string;
  created_by: string;
}

/** Who is signed in. The session's token stays with the shell that holds it. */
export interface SessionView {
  user: UserView;
  /** Minutes without activity after which the session locks. */
  idle_minutes: number;
}

/** The installation key and the accounts: what a console needs before anyone can work. */
export interface SecurityStatus {
  /** Accounts exist (the first admin was created). */
  initialised: boolean;
  /** How the installation key can be unlocked here; 'none' before it was created. */
  key: 'none' | 'locked' | 'unlocked';
  /** The ways the key is stored wrapped: by the passphrase, by this computer's key store. */
  key_wraps: Array<'passphrase' | 'os'>;
}

/** `audit verify`: the chain intact, or where it first breaks. */
export type AuditVerification =
  | { ok: true; entries: number; head: string | null; last_id: number | null }
  | {
      ok: false;
      entries: number;
      broken: { id: number; reason: 'altered' | 'missing_before' | 'out_of_order' | 'unsealed' };
    };

/** A payee's data in clear: only for an admin who asked, and audited. */
export interface PayeeDataView {
  payment_id: string;
  card_number: string;
  id_number: string;
  phone: string;
}

// ---------------------------------------------------------------------------------------------------------
// The desktop workflow: intake edits, column presets, approval review, attention queue, exports

/** A cell changed in the validation grid before import: the field's text as the operator typed it. */
export interface RowEdit {
  line: number;
  field: keyof PayoutFields;
  value: string;
}

/** A saved column mapping (their header → our field), chosen by name in the import wizard. */
export interface MappingPreset {
  name: string;
  map: Record<string, string>;
  updated_at: string;
  updated_by: string;
}

/** A payout file template the console ships, in one language. */
export interface FileTemplate {
  /** Which file it is a template of (payout files, or refund files). */
  kind: BatchKind;
  lang: Lang;
  file_name: string;
  /** The file's text (UTF-8 with BOM, as Excel opens it). */
  content: string;
}

/** Payouts and their sum in one group of the approval breakdown. */
export interface BreakdownLine {
  /** The bank or region ID, or the amount band's lower bound in fen. */
  key: number;
  /** The bank's or region's name (Chinese where the caller reads Chinese), or the band as ¥ text. */
  label: string;
  count: number;
  total_fen: number;
}

/** A warning a row carries, listed for the approver. */
export interface ApprovalWarning {
  line: number;
  payment_id: string;
  code: string;
  message: string;
}

/** Everything an approver reviews before approving: the approver never approves blind. */
export interface ApprovalReview {
  batch: BatchView;
  /** The control totals the approver re-types. */
  payout_count: number;
  total_fen: number;
  by_bank: BreakdownLine[];
  by_region: BreakdownLine[];
  by_amount_band: BreakdownLine[];
  warnings: ApprovalWarning[];
  /** Approvals already given (a batch above the second-approver total needs two). */
  approvals: Array<{ by: string; at: string }>;
  approvals_needed: number;
  /** Whether the caller may approve it (not the importer, not an editor, not a second time). */
  caller_may_approve: boolean;
  /** Why not, in the caller's language; null when they may. */
  caller_refusal: string | null;
}

/** One item of the needs-attention queue: what happened and what a person should do. */
export interface AttentionItem {
  kind: 'payout' | 'batch';
  batch_id: number;
  /** null for a batch item. */
  payment_id: string | null;
  line: number | null;
  amount_fen: number | null;
  /** The payout's state, or the batch's status. */
  state: string;
  code: string | null;
  /** What happened, in plain words. */
  reason: string;
  /** What to do about it. */
  action: string;
  since: string | null;
}

/** A file made for the user to save (the renderer offers it as a download). */
export interface ExportedFile {
  file_name: string;
  media_type: string;
  /** The file's text, a UTF-8 BOM first for CSV. */
  content: string;
  rows: number;
}

// ---------------------------------------------------------------------------------------------------------
// Month-end reports

/**
 * What a report covers: one batch, or the payouts whose report day falls in a date range. A payout's report
 * day is the local day its status became final; a payout not final yet counts on the day it was imported.
 * `from` and `to` are dates (YYYY-MM-DD), both included.
 */
export type ReportScope = { batchId: number } | { from: string; to: string };

export type ReportFormat = 'csv' | 'xlsx' | 'json';
/** CSV text encoding: UTF-8 with a BOM (the default, Excel reads it), or GB18030 for older Chinese Excel. */
export type ReportEncoding = 'utf-8' | 'gb18030';

/** One payout in a report: the card number masked (clear only in an admin's audited export). */
export interface ReportRowView {
  batch_id: number;
  /** `payout`, or `refund` (a ChinaPay credit; its payment_id is the TransID, `pay_id` the payment credited). */
  kind: BatchKind;
  pay_id: string | null;
  line: number;
  payment_id: string;
  amount_fen: number;
  currency: string;
  card_number: string;
  bank_id: number;
  bank_name: string;
  region_id: number;
  region_name: string;
  last_name: string;
  first_name: string;
  /** The payout's state (a final provider status, or the console's own state). */
  state: string;
  code: string | null;
  /** What happened and what to do, in plain words in the caller's language. */
  reason: string;
  created_at: string;
  /** When it first left the machine; null if never sent. */
  sent_at: string | null;
  final_at: string | null;
  /** The local day (YYYY-MM-DD) the report counts it on. */
  report_day: string;
  /** The payment id of the failed payout this one pays again; null for a first attempt. */
  retry_of: string | null;
}

/** A count and a sum: every breakdown of a report is made of these. */
export interface CountAndSum {
  count: number;
  total_fen: number;
}

export interface ReportSummary {
  scope: { batch_id: number | null; from: string | null; to: string | null };
  generated_at: string;
  /** Every payout in scope. */
  count: number;
  total_fen: number;
  /** Paid (success), failed (decline, error, rejected, reversed, cancelled), still open (anything else). */
  paid: CountAndSum;
  failed: CountAndSum;
  open: CountAndSum;
  by_status: Array<CountAndSum & { state: string }>;
  by_bank: Array<CountAndSum & { bank_id: number; bank_name: string }>;
  by_region: Array<CountAndSum & { region_id: number; region_name: string }>;
  /** Per report day and state, days in order. */
  by_day: Array<CountAndSum & { day: string; state: string }>;
  /** Failed payouts grouped by provider code, most frequent first (at most 10). */
  top_declines: Array<CountAndSum & { code: string | null; reason: string }>;
  /** The batches the payouts in scope belong to. */
  batch_ids: number[];
}

export interface PayoutReport {
  summary: ReportSummary;
  /** One page of the rows (offset/limit of the input), in batch and file order. */
  rows: ReportRowView[];
  total_rows: number;
}

/** A file made for the user to save, as bytes (XLSX is binary; CSV may be GB18030): base64 on every transport. */
export interface ReportFile {
  file_name: string;
  media_type: string;
  content_base64: string;
  rows: number;
}

/** The new draft made of a batch's failed payouts. */
export interface RetryBatchResult {
  batch: BatchView;
  source_batch_id: number;
  /** Each new payout with the payment id of the failed one it pays again. */
  payouts: Array<{ line: number; payment_id: string; retry_of: string; amount_fen: number }>;
}

// ---------------------------------------------------------------------------------------------------------
// Offline reconciliation

/** How the provider's operations were given: the Data API's JSON, or a Dashboard CSV export. */
export type ProviderFileFormat = 'ecommpay-json' | 'csv';

/** What a reconciliation found that a person must look at. */
export type ReconciliationExceptionKind =
  'missing_at_provider' | 'unknown_at_console' | 'amount_mismatch' | 'status_mismatch' | 'duplicate';

/** The counts of one run, as the command line prints them. */
export interface ReconciliationSummary {
  /** Payouts the provider shows with the same amount, currency and status. */
  matched: number;
  missing_at_provider: number;
  unknown_at_console: number;
  amount_mismatch: number;
  status_mismatch: number;
  duplicates: number;
  /** Payouts sent within the grace period that differ or are missing: not breaks (yet). */
  pending: number;
  /** The provider's purchase operations (sales of CUP QR, P2P, QuickPay, Banks): listed apart, not breaks. */
  purchases: number;
}

export interface ReconciliationExceptionView {
  id: number;
  kind: ReconciliationExceptionKind;
  payment_id: string;
  /** The console's side (null when the console does not know the payment). */
  batch_id: number | null;
  console_amount_fen: number | null;
  console_currency: string | null;
  console_status: string | null;
  /** The provider's side (null when the provider does not show it). */
  provider_amount_fen: number | null;
  provider_currency: string | null;
  provider_status: string | null;
  provider_operation_ids: string[];
  /** What differs, in plain words in the caller's language. */
  detail: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

/** A provider operation the console does not reconcile: a purchase, or a payout still in its grace period. */
export interface ReconciliationItemView {
  payment_id: string;
  operation_id: string | null;
  operation_type: string | null;
  status: string | null;
  amount_fen: number | null;
  currency: string | null;
  at: string | null;
}

export interface ReconciliationRunView {
  id: number;
  ran_at: string;
  ran_by: string;
  file_name: string;
  /** SHA-256 of the provider file's bytes (hex). */
  file_sha256: string;
  format: ProviderFileFormat;
  grace_minutes: number;
  /** Provider operations read, and the console payouts compared. */
  provider_operations: number;
  console_payouts: number;
  summary: ReconciliationSummary;
  matched_fen: number;
  /** Console payouts with no clean match, and their sum; provider payout operations with no clean match. */
  unmatched_console: CountAndSum;
  unmatched_provider: CountAndSum;
  /** Exceptions still waiting for a note. */
  open_exceptions: number;
}

export interface ReconciliationResult {
  run: ReconciliationRunView;
  summary: ReconciliationSummary;
  exceptions: ReconciliationExceptionView[];
  pending: ReconciliationItemView[];
  purchases: ReconciliationItemView[];
}
