/**
 * Every operation a person performs, by name, with its input and its output. The application layer
 * (electron/core/app) implements exactly these; the CLI, the IPC handlers and the browser bridge call them.
 */
import type {
  AppInfo,
  AuditEntryView,
  AuditVerification,
  PayeeDataView,
  ProviderCredentialsStatus,
  SecretProvider,
  Role,
  SecurityStatus,
  SessionView,
  UserView,
  BatchChangeResult,
  BatchDetail,
  BatchKind,
  BatchStatus,
  BatchStatusReport,
  BatchView,
  BankView,
  ApprovalReview,
  AttentionItem,
  ExportedFile,
  FileTemplate,
  MappingPreset,
  RowEdit,
  CredentialsStatus,
  EncodingChoice,
  FetchedBankListView,
  ImportReport,
  MethodId,
  MethodLimits,
  PayoutDefaultsView,
  RefreshBanksResult,
  Settings,
  ShippedBankTableView,
  ValidationReport,
  PayoutReport,
  ReportEncoding,
  ReportFile,
  ReportFormat,
  RetryBatchResult,
  ProviderFileFormat,
  ReconciliationExceptionView,
  ReconciliationResult,
  ReconciliationRunView,
} from './records.js';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface IntakeInput {
  file: FileInput;
  /** A payout file (the default) or a refund file; a refund batch's method is `chinapay`. */
  kind?: BatchKind;
  method?: MethodId;
  encoding?: EncodingChoice;
  /** The delimiter a person chose over the detected one (comma, semicolon or tab); absent: detected. */
  delimiter?: ',' | ';' | '\t';
  /** Their header → our field, for headers the console does not know; or as written `their header=field,…`. */
  map?: Record<string, string> | string;
  /** Rows to return: every row, only those with issues, or none (defaults: validate all, import none). */
  rows?: 'all' | 'problems' | 'none';
  /** How many raw rows the preview shows (default 20). */
  previewRows?: number;
  /**
   * Organisation defaults for mandatory fields the file leaves empty, over the saved settings' payout
   * defaults (the command line's `--payout-*`).
   */
  payoutDefaults?: Partial<
    Pick<PayoutDefaultsView, 'city' | 'zip' | 'street' | 'email' | 'description' | 'phone'>
  >;
  /** How many request bodies to show, as they would be sent (card numbers masked); validate only. */
  requestPreview?: number;
  /** Cells changed in the grid, applied over the file's cells before validation (the file is untouched). */
  edits?: RowEdit[];
  /** Lines (as `ValidatedRowView.line`) left out, as if the file did not have them. */
  removeLines?: number[];
  /** Return exactly these lines' rows (a grid revalidating the rows it changed), whatever `rows` says. */
  lines?: number[];
}

export interface BatchRef {
  batchId: number;
}

/**
 * What a report covers: a batch (`batchId`), or a date range (`from` and `to`, YYYY-MM-DD, both included),
 * never both (records.ts ReportScope says which day a payout counts on).
 */
export interface ReportScopeInput {
  batchId?: number;
  from?: string;
  to?: string;
}

/** The provider's operations to reconcile against: a saved file, or fetched through the Data API. */
export interface ReconcileInput {
  /** The Data API's `/operations/get` JSON saved to a file, or the Dashboard's CSV export. */
  file?: FileInput;
  /** Default: from the file (JSON when it parses as JSON, else CSV). */
  format?: ProviderFileFormat;
  /** A CSV's headers → our fields, like the payout import's mapping. */
  map?: Record<string, string> | string;
  encoding?: EncodingChoice;
  /** Payouts sent less than this many minutes ago are `pending` instead of breaks (default 0). */
  graceMinutes?: number;
  /** Instead of a file: fetch the operations created in this range through the Data API (its token set). */
  dataApi?: {
    from: string;
    to: string;
    /** The Data API's address (default: the environment's). */ url?: string;
  };
}

export interface Operations {
  appInfo: { input: void; output: AppInfo };

  validateFile: { input: IntakeInput; output: ValidationReport };
  importFile: {
    input: IntakeInput & { dropErrors?: boolean; allowDuplicateFile?: boolean };
    output: ImportReport;
  };

  listBatches: { input: { statuses?: BatchStatus[]; active?: boolean } | void; output: BatchView[] };
  batchDetail: {
    input: BatchRef & { offset?: number; limit?: number; states?: string[]; code?: string };
    output: BatchDetail;
  };
  batchStatus: { input: BatchRef; output: BatchStatusReport };
  /**
   * Approves a draft. `confirmCount` and `confirmTotalFen`, when given, are the control totals the approver
   * re-typed: a mismatch refuses the approval (APPROVAL_TOTALS_MISMATCH). The desktop console always sends them.
   */
  approveBatch: {
    input: BatchRef & { confirmCount?: number; confirmTotalFen?: number; comment?: string };
    output: BatchChangeResult;
  };
  /** What an approver reviews: control totals, breakdowns by bank, region and amount band, every warning. */
  approvalReview: { input: BatchRef; output: ApprovalReview };
  /** Payouts and batches across all batches that wait for a person, each with what to do. */
  attentionQueue: { input: void; output: AttentionItem[] };
  /** A batch's payouts with their results as CSV (UTF-8 with BOM, card numbers masked, kept as text). */
  exportBatchResults: { input: BatchRef; output: ExportedFile };
  rejectBatch: { input: BatchRef & { reason: string }; output: BatchChangeResult };
  /**
   * The declined and rejected payouts of a batch as a new draft batch: new payment ids, each linked to the
   * payout it pays again, `edits` applied (RowEdit.line is the source batch's line) and validated like an
   * import, `leaveOut` lines left out. Needs a fresh approval. A payout is paid again at most once.
   */
  retryFailedPayouts: {
    input: BatchRef & { edits?: RowEdit[]; leaveOut?: number[] };
    output: RetryBatchResult;
  };

  /** A month-end report: its summaries and one page of its payouts (default the first 100). */
  payoutReport: { input: ReportScopeInput & { offset?: number; limit?: number }; output: PayoutReport };
  /**
   * The report as a file: CSV (UTF-8 with a BOM by default, or GB18030), XLSX or JSON. Card numbers masked;
   * `clearCards` (an admin only) writes them in clear. Every export is audited.
   */
  exportReport: {
    input: ReportScopeInput & { format: ReportFormat; encoding?: ReportEncoding; clearCards?: boolean };
    output: ReportFile;
  };

  /**
   * Reconciles the console's payouts against the provider's operations; the run, its input's hash and its
   * exceptions are stored. Nothing is adjusted.
   */
  reconcile: { input: ReconcileInput; output: ReconciliationResult };
  /** Earlier runs, newest first. */
  reconciliationRuns: { input: { offset?: number; limit?: number } | void; output: ReconciliationRunView[] };
  /** One run with its exceptions (resolved or not), pending payouts and purchases. */
  reconciliationRun: { input: { runId: number }; output: ReconciliationResult };
  /** An operator's note that closes an exception; audited. Nothing in the payouts changes. */
  resolveReconciliationException: {
    input: { exceptionId: number; note: string };
    output: ReconciliationExceptionView;
  };
  submitBatch: { input: BatchRef; output: BatchChangeResult };
  pauseBatch: { input: BatchRef; output: BatchChangeResult };
  resumeBatch: { input: BatchRef; output: BatchChangeResult };
  cancelBatch: { input: BatchRef; output: BatchChangeResult };
  recheckBatch: { input: BatchRef; output: { checked: number; changed: number; report: BatchStatusReport } };

  shippedBanks: { input: { method: MethodId }; output: { method: MethodId; banks: BankView[] } };
  /** The shipped tables with Chinese names and region flags, by ID; needs no database. */
  bankTables: { input: { methods?: MethodId[] } | void; output: { methods: ShippedBankTableView[] } };
  fetchedBanks: {
    input: { methods?: MethodId[] } | void;
    output: { lists: FetchedBankListView[]; missing: MethodId[] };
  };
  refreshBanks: { input: { methods?: MethodId[] } | void; output: RefreshBanksResult };

  credentialsStatus: { input: { environment: 'production' }; output: CredentialsStatus };
  setCredentials: {
    input: {
      environment: 'production';
      projectId: number;
      secretKey: string;
      /** Replace credentials already stored (they must open with this cipher). */
      replace?: boolean;
    };
    output: CredentialsStatus;
  };
  deleteCredentials: { input: { environment: 'production' }; output: { deleted: boolean } };
  /** Computop Paygate: the merchant id, the HMAC and the Blowfish passwords (write-only). */
  setComputopCredentials: {
    input: { merchantId: string; hmacPassword: string; blowfishPassword: string; replace?: boolean };
    output: ProviderCredentialsStatus;
  };
  /** The Data API's token and its secret (write-only). */
  setDataApiCredentials: {
    input: { token: string; secret: string; replace?: boolean };
    output: ProviderCredentialsStatus;
  };
  providerCredentialsStatus: { input: void; output: ProviderCredentialsStatus[] };
  deleteProviderCredentials: { input: { provider: SecretProvider }; output: { deleted: boolean } };

  /** Saved column mappings for payout files whose headers the console does not know. */
  listMappingPresets: { input: void; output: MappingPreset[] };
  saveMappingPreset: { input: { name: string; map: Record<string, string> }; output: MappingPreset };
  deleteMappingPreset: { input: { name: string }; output: { deleted: boolean } };
  /** The payout file templates, in English and in Chinese; needs no database. */
  fileTemplates: { input: void; output: FileTemplate[] };

  getSettings: { input: void; output: Settings };
  changeSettings: { input: { changes: SettingsChanges }; output: Settings };

  auditTrail: {
    input: {
      batchId?: number;
      /** ISO date or time: from inclusive, to exclusive (a date alone means the whole day). */
      from?: string;
      to?: string;
      user?: string;
      /** An action ('batch.approve'), or a prefix ending in '.' ('batch.'). */
      action?: string;
      offset?: number;
      limit?: number;
    } | void;
    output: AuditEntryView[];
  };
  /** Walks the audit chain: intact, or the first entry edited, inserted or deleted. Needs the key. */
  verifyAudit: { input: void; output: AuditVerification };

  securityStatus: { input: void; output: SecurityStatus };
  /** The first admin, and the installation key of a new database (wrapped by `passphrase`). */
  initialise: { input: { admin: string; password: string; passphrase?: string | null }; output: UserView };
  /**
   * The token goes to the shell that signed in, which passes it with every later call. The desktop app and
   * the browser bridge keep it in the trusted process: their renderer receives `token: null`.
   */
  signIn: {
    input: { name: string; password: string };
    output: { token: string | null; session: SessionView };
  };
  signOut: { input: void; output: { signed_out: boolean } };
  /** A session locked after idle time, opened again with its user's password: a new token. */
  unlockSession: { input: { password: string }; output: { token: string | null } };
  currentSession: { input: void; output: SessionView };
  listUsers: { input: void; output: UserView[] };
  addUser: { input: { name: string; roles: Role[] | string; password: string }; output: UserView };
  disableUser: { input: { name: string }; output: UserView };
  /** A disabled account may sign in again (admin). */
  enableUser: { input: { name: string }; output: UserView };
  /**
   * Replaces an account's roles (admin). The last active admin keeps the admin role (LAST_ADMIN), and an
   * admin cannot take it from themself (CANNOT_REMOVE_OWN_ADMIN).
   */
  setUserRoles: { input: { name: string; roles: Role[] | string }; output: UserView };
  resetPassword: { input: { name: string; password: string }; output: UserView };
  changePassword: { input: { current: string; password: string }; output: UserView };
  /** Adds or replaces the passphrase that also unlocks the installation key (admin). */
  setPassphrase: { input: { passphrase: string }; output: { key_wraps: SecurityStatus['key_wraps'] } };
  /** Unlocks the installation key with its passphrase (the desktop app on a database the CLI created). */
  unlockKey: { input: { passphrase: string }; output: SecurityStatus };
  /** Clear card numbers, ID numbers and phones of a batch, for an admin; audited. */
  revealPayees: { input: BatchRef; output: PayeeDataView[] };

  /** A consistent copy of the database, made while it stays in use; never overwrites a file. */
  backupDatabase: { input: { destination: string }; output: { destination: string; pages: number } };
}

/** Settings to change: any subset, nested objects partially. */
export interface SettingsChanges {
  environment?: Settings['environment'];
  production_gate_url?: string | null;
  payout_defaults?: Partial<Settings['payout_defaults']>;
  sending?: Partial<Settings['sending']>;
  /**
   * Per method: its own limits, within the documented ones (LIMITS_OUTSIDE_PROVIDER otherwise), or null for
   * the documented limits.
   */
  limits?: Partial<Record<MethodId, MethodLimits | null>>;
  family_name_field?: Settings['family_name_field'];
  duplicate_window_days?: number;
  /** Per method: 'card', 'account', or null for the default (card). */
  pan_kind?: Partial<Record<keyof Settings['pan_kind'], 'card' | 'account' | null>>;
  session_idle_minutes?: number;
  lockout?: Partial<Settings['lockout']>;
  second_approver_above_fen?: number | null;
}

export type OperationName = keyof Operations;
export type OperationInput<K extends OperationName> = Operations[K]['input'];
export type OperationOutput<K extends OperationName> = Operations[K]['output'];

/** Every operation name, in a stable order (the preload and the IPC handlers are generated from it). */
export const OPERATION_NAMES = [
  'appInfo',
  'validateFile',
  'importFile',
  'listBatches',
  'batchDetail',
  'batchStatus',
  'approveBatch',
  'approvalReview',
  'attentionQueue',
  'exportBatchResults',
  'rejectBatch',
  'retryFailedPayouts',
  'payoutReport',
  'exportReport',
  'reconcile',
  'reconciliationRuns',
  'reconciliationRun',
  'resolveReconciliationException',
  'submitBatch',
  'pauseBatch',
  'resumeBatch',
  'cancelBatch',
  'recheckBatch',
  'shippedBanks',
  'bankTables',
  'fetchedBanks',
  'refreshBanks',
  'credentialsStatus',
  'setCredentials',
  'deleteCredentials',
  'setComputopCredentials',
  'setDataApiCredentials',
  'providerCredentialsStatus',
  'deleteProviderCredentials',
  'listMappingPresets',
  'saveMappingPreset',
  'deleteMappingPreset',
  'fileTemplates',
  'getSettings',
  'changeSettings',
  'auditTrail',
  'verifyAudit',
  'backupDatabase',
  'securityStatus',
  'initialise',
  'signIn',
  'signOut',
  'unlockSession',
  'currentSession',
  'listUsers',
  'addUser',
  'disableUser',
  'enableUser',
  'setUserRoles',
  'resetPassword',
  'changePassword',
  'setPassphrase',
  'unlockKey',
  'revealPayees',
] as const satisfies readonly OperationName[];

// Every operation is listed exactly once (a compile error names the one missing).
type Missing = Exclude<OperationName, (typeof OPERATION_NAMES)[number]>;
export const EVERY_OPERATION_LISTED: Missing extends never ? true : Missing = true;
