/**
 * The store ports: everything the application layer and the submission engine ask of the database, as
 * intent-level methods. Each method is one transaction inside the store; no transaction handle ever leaves
 * it, and nothing is awaited inside one (so no provider request can happen in a transaction). The SQLite
 * store (./sqlite) implements them; nothing above these interfaces may assume SQLite.
 *
 * Every method that changes what a person did takes that person's AuditRecord and writes it in the same
 * transaction as the change.
 */
import type { BankListDiff } from '../banks/diff.js';
import type { FetchedBank } from '../providers/types.js';
import type { Role } from '../../contract/records.js';
import type { ChainedAuditEntry } from '../security/auditChain.js';
import type { EarlierPayout, MethodId } from '../types.js';
import type { ReportsPort } from './reportsPort.js';
import type { ReconciliationPort } from './reconciliationPort.js';
import type { RetriesPort } from './retriesPort.js';
import type { RefundsPort } from './refundsPort.js';
import type {
  ApprovalSeal,
  AuditEntry,
  AuditRecord,
  BindingGroup,
  EnvironmentBinding,
  PayableRow,
  PayeeProtector,
  BatchListing,
  BatchRecord,
  BatchStatus,
  DraftBatchInput,
  InsertDraftBatchResult,
  JournalChange,
  JournalPayout,
  JournalScope,
  SendClaim,
  StatusRow,
  StoredPayout,
} from './types.js';

/** The answer of a compare-and-set on a batch's status. */
export type BatchChange =
  | { ok: true; batch: BatchRecord; cancelledPayouts: number }
  /** The batch is missing (null) or no longer in an allowed status (as it is now). */
  | { ok: false; batch: BatchRecord | null };

export interface PayoutPageQuery {
  offset: number;
  limit: number;
  /** Only payouts in these states. */
  states?: readonly string[];
  /** Only payouts with this provider code, or with this warning code. */
  code?: string;
}

export interface BatchesPort {
  /** Stores a validated file as one draft batch, all payouts or none, with its control totals recounted. */
  storeImported(input: DraftBatchInput, audit: AuditRecord): Promise<InsertDraftBatchResult>;
  /** The subset of `ids` that any batch already uses. */
  usedPaymentIds(ids: readonly string[]): Promise<Set<string>>;
  /** Batches imported from a file with these exact bytes, or with these decoded rows, oldest first. */
  importedFrom(sha256: string, contentSha256?: string): Promise<number[]>;
  /** The card, amount, batch and batch status of every payout imported since `sinceIso`. */
  earlierPayouts(sinceIso: string): Promise<EarlierPayout[]>;
  get(batchId: number): Promise<BatchRecord | null>;
  /**
   * Newest first, with counts and sums per payout state; only these statuses or ids when given; `active`:
   * only batches the engine is not done with (sending, paused, or cancelled with payouts still out there).
   */
  list(filter?: {
    statuses?: readonly BatchStatus[];
    ids?: readonly number[];
    active?: boolean;
  }): Promise<BatchListing[]>;
  payoutPage(batchId: number, query: PayoutPageQuery): Promise<{ total: number; rows: StoredPayout[] }>;
  /** Every payout of a batch in file order, as the status report shows it. */
  statusRows(batchId: number): Promise<StatusRow[]>;
  /** Every payout's payable fields, in file order: what an approval covers. */
  payableRows(batchId: number): Promise<PayableRow[]>;
  /** The approvals a draft has so far (a batch above the second-approver total needs two): oldest first. */
  approvals(batchId: number): Promise<Array<{ approver: string; at: string; digest: string }>>;
  /** A first approval of a batch that needs two: recorded, the batch stays a draft. False if not a draft. */
  recordApproval(batchId: number, approver: string, seal: ApprovalSeal, audit: AuditRecord): Promise<boolean>;
  /** draft → approved by `approver`, sealed with what it covers; its payouts are queued for sending. */
  approve(batchId: number, approver: string, seal: ApprovalSeal, audit: AuditRecord): Promise<BatchChange>;
  /** approved → sending, recording where it is sent: every later run follows it there. */
  startSending(batchId: number, binding: EnvironmentBinding, audit: AuditRecord): Promise<BatchChange>;
  /** draft → rejected, with the reason. */
  reject(batchId: number, reason: string, audit: AuditRecord): Promise<BatchChange>;
  /**
   * Moves a batch from one of `from` to `to`. Moving to `cancelled` cancels the payouts that have not left the
   * machine (those in flight are still followed to the end).
   */
  changeStatus(
    batchId: number,
    change: { from: readonly BatchStatus[]; to: BatchStatus },
    audit: AuditRecord,
  ): Promise<BatchChange>;
}

/** The submission engine's journal: every method is one transaction; every payout change a compare-and-set. */
export interface JournalPort {
  /** Payouts left in `sending` by a process that died mid-request become `unknown`; returns how many. */
  recoverInterrupted(nowMs: number, statusDelayMs: number, scope: JournalScope): Promise<number>;
  /** Due status queries (oldest due first) and queued sends (file order), leaving out `exclude`. */
  nextWork(query: {
    nowMs: number;
    limit: number;
    scope: JournalScope;
    exclude: ReadonlySet<number>;
  }): Promise<{ checks: JournalPayout[]; sends: JournalPayout[] }>;
  /**
   * One turn of the engine in one transaction: journals the answers that arrived, then the payouts leaving
   * now (queued → sending, committed before their requests are made). Returns the payouts claimed.
   */
  commitTurn(turn: { changes: JournalChange[]; claims: SendClaim[]; nowMs: number }): Promise<Set<number>>;
  /** Queued payouts of sending batches, and payouts awaiting the provider, in scope. */
  openWork(scope: JournalScope): Promise<{ queued: number; awaiting: number }>;
  /** When the earliest pending status query is due; null when none is pending. */
  nextCheckAt(scope: JournalScope): Promise<number | null>;
  /** Sending or paused batches whose payouts are all final become completed; returns their ids. */
  completeSettledBatches(nowMs: number): Promise<number[]>;
  /** A batch's successes and needs-attention payouts: what a recheck asks about again. */
  settledForRecheck(batchId: number): Promise<JournalPayout[]>;
  /** A person's recheck: its changes and its audit entry together; returns how many changes applied. */
  applyRecheck(changes: JournalChange[], nowMs: number, audit: AuditRecord): Promise<number>;
  /** Active batches in scope, grouped by the environment they are bound to. */
  activeBindings(scope: JournalScope): Promise<BindingGroup[]>;
  /** Records a binding on active batches sent before batches recorded one (an upgraded database). */
  bindUnbound(batchIds: readonly number[], binding: EnvironmentBinding): Promise<void>;
  /** What a batch's approval covered (null: approved before approvals were sealed), and what it holds now. */
  approvalOf(batchId: number): Promise<{ seal: ApprovalSeal | null; rows: PayableRow[] }>;
  /** sending → blocked: its content changed after approval; nothing more of it is sent. Audited. */
  block(batchId: number, details: Record<string, unknown>, nowMs: number): Promise<boolean>;
}

/** The database itself: facts no person sets, its integrity, its copies. */
export interface MetaPort {
  /** A random id made when the database was created: part of every payment id the console generates. */
  installationId(): Promise<string>;
  /** The full integrity check (every index against its table); DATABASE_DAMAGED when it fails. */
  checkIntegrity(): Promise<void>;
  /**
   * A consistent copy of the database at `destination` (which must not exist), made while it stays in use,
   * checked to open as a console database; then the audit entry. Returns the pages copied.
   */
  backup(destination: string, audit: AuditRecord): Promise<number>;
}

/** A secret sealed by a SecretCipher, as stored. */
export interface SealedCredentials {
  environment: 'production';
  projectId: number;
  sealed: Buffer;
  cipherKind: string;
  updatedAt: string;
  updatedBy: string;
}

/** Another provider's secrets as stored: what is public in clear, the rest sealed together. */
export interface SealedProviderSecrets {
  provider: 'computop' | 'data_api';
  publicValue: string | null;
  sealed: Buffer;
  cipherKind: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ProviderSecretsPort {
  get(provider: SealedProviderSecrets['provider']): Promise<SealedProviderSecrets | null>;
  put(secrets: Omit<SealedProviderSecrets, 'updatedAt' | 'updatedBy'>, audit: AuditRecord): Promise<void>;
  remove(provider: SealedProviderSecrets['provider'], audit: AuditRecord): Promise<boolean>;
}

export interface CredentialsPort {
  get(environment: 'production'): Promise<SealedCredentials | null>;
  /** Stores (or replaces) the sealed credentials of an environment. */
  put(credentials: Omit<SealedCredentials, 'updatedAt' | 'updatedBy'>, audit: AuditRecord): Promise<void>;
  /** Returns false when there were none. */
  remove(environment: 'production', audit: AuditRecord): Promise<boolean>;
}

/** Settings as stored: one JSON value per key, with who changed it last. */
export interface SettingsPort {
  all(): Promise<Record<string, unknown>>;
  put(values: Record<string, unknown>, audit: AuditRecord): Promise<void>;
}

/** A bank as stored. Limits are kept as the provider sent them. */
export type StoredBank = Pick<FetchedBank, 'id' | 'name' | 'nativeName' | 'abbr' | 'minAmount' | 'maxAmount'>;

export interface StoredBankList {
  id: number;
  method: MethodId;
  /** ISO time the answer arrived. */
  fetchedAt: string;
  fetchedBy: string;
  environment: string;
  banks: StoredBank[];
  /** Against the shipped table at fetch time. */
  diff: BankListDiff;
}

export interface BankListsPort {
  /** Stores lists fetched in one refresh; returns their ids in the same order. */
  storeFetched(lists: Array<Omit<StoredBankList, 'id'>>, audit: AuditRecord): Promise<number[]>;
  /** The newest stored list of a method, or null if none was ever fetched. */
  latest(method: MethodId): Promise<StoredBankList | null>;
}

export interface AuditQuery {
  batchId?: number;
  /** ISO times: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  actor?: string;
  /** An action, or a prefix ending in '.' ('batch.' for every batch action). */
  action?: string;
  offset?: number;
  limit?: number;
}

/** An audit entry as stored, with the chain value that links it to the one before. */
export type ChainedAuditRow = ChainedAuditEntry;

export interface AuditPort {
  /** Oldest first, filtered. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /** An operation that changed nothing else still leaves its entry. */
  append(audit: AuditRecord): Promise<void>;
  /** Every entry as stored, oldest first, read in pages: what verification walks. */
  chained(): Iterable<ChainedAuditRow>;
}

/** An account as stored. */
export interface UserRecord {
  id: number;
  /** Normalised (NFKC, case-folded, no invisible characters): the account's identity. */
  name: string;
  skeleton: string;
  /** As the admin typed it. */
  display_name: string;
  roles: Role[];
  password_hash: string;
  password_changed_at: string;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
  created_by: string;
}

export interface NewUser {
  name: string;
  skeleton: string;
  displayName: string;
  roles: Role[];
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserChange {
  passwordHash?: string;
  passwordChangedAt?: string;
  roles?: Role[];
  disabledAt?: string | null;
  failedLogins?: number;
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
}

export interface UsersPort {
  count(): Promise<number>;
  byName(name: string): Promise<UserRecord | null>;
  /** The account whose look-alike skeleton this is, if any. */
  bySkeleton(skeleton: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  /** USER_EXISTS when the name or its skeleton is taken. */
  add(user: NewUser, audit: AuditRecord): Promise<UserRecord>;
  /** False when there is no such account. The audit entry, when given, in the same transaction. */
  update(name: string, change: UserChange, audit: AuditRecord | null): Promise<boolean>;
}

export type KeyWrapKind = 'passphrase' | 'os';

/** The installation key's wrappings as stored (null: not wrapped that way). */
export interface KeyWraps {
  passphrase: Buffer | null;
  os: Buffer | null;
  /** The cipher that made the `os` wrapping (another computer's key store cannot open it). */
  osKind: string | null;
  /** Tells keys apart without revealing them; null before the key exists. */
  fingerprint: string | null;
}

/** How data stored before protection existed is protected (the store knows no cryptography). */
export interface LegacyProtection {
  sealPayee: PayeeProtector;
  /** The approval sealed again over the protected rows, when it holds over the clear ones; else null. */
  resealApproval(
    seal: ApprovalSeal,
    clearRows: readonly PayableRow[],
    protectedRows: readonly PayableRow[],
  ): ApprovalSeal | null;
}

export interface ProtectionReport {
  payouts: number;
  approvals: number;
  auditEntries: number;
}

export interface SecurityPort {
  keyWraps(): Promise<KeyWraps>;
  putKeyWrap(
    wrap: { kind: KeyWrapKind; wrapped: Buffer; fingerprint: string; osKind?: string },
    audit: AuditRecord | null,
  ): Promise<void>;
  /**
   * From now on audit entries are chained with `chainer`; then protects what was stored before (a no-op once
   * done). Writing anything audited before this fails with KEY_LOCKED.
   */
  unlock(chainer: AuditChainer, protection: LegacyProtection): Promise<ProtectionReport>;
  unlocked(): boolean;
}

/** An audit entry's chain value from the one before it. */
export type AuditChainer = (previous: string, entry: Omit<ChainedAuditRow, 'chain'>) => string;

/** A column mapping saved by name: their header → our field. */
export interface StoredMappingPreset {
  name: string;
  map: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

export interface MappingPresetsPort {
  /** Every preset, by name. */
  list(): Promise<StoredMappingPreset[]>;
  /** Stores a preset, replacing one of the same name; returns it as stored. */
  put(
    preset: { name: string; map: Record<string, string> },
    audit: AuditRecord,
  ): Promise<StoredMappingPreset>;
  /** False (and nothing audited) when there is no preset of that name. */
  remove(name: string, audit: AuditRecord): Promise<boolean>;
}

export interface ConsoleStore {
  /** Where the data lives, for people (a file path, a server). */
  readonly location: string;
  readonly batches: BatchesPort;
  readonly journal: JournalPort;
  readonly credentials: CredentialsPort;
  readonly providerSecrets: ProviderSecretsPort;
  readonly settings: SettingsPort;
  readonly bankLists: BankListsPort;
  readonly audit: AuditPort;
  readonly meta: MetaPort;
  readonly users: UsersPort;
  readonly security: SecurityPort;
  readonly mappingPresets: MappingPresetsPort;
  /** Reads for review, the needs-attention queue and exports (./reportsPort.ts). */
  readonly reports: ReportsPort;
  /** A batch's failed payouts paid again as a new linked draft (./retriesPort.ts). */
  readonly retries: RetriesPort;
  /** Payouts as reconciliation reads them, and reconciliation runs (./reconciliationPort.ts). */
  readonly reconciliation: ReconciliationPort;
  /** Refund batches' terms and what is known of each refunded payment (./refundsPort.ts). */
  readonly refunds: RefundsPort;
  close(): Promise<void>;
}
