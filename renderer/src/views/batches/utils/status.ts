/**
 * What the batch screens read off a batch's status and its payouts' states: the colour of each tag, which
 * states are final, how far a batch has come, and which actions its status allows. The application layer
 * decides all of this again when an action is asked for; here it only decides what to offer.
 */
import type { BatchStatus, BatchView, PayoutView } from '../../../../../electron/contract/records';
import type { Action } from '../../../../../electron/contract/roles';

/** Element Plus's tag colours. */
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

const BATCH_STATUS_TAGS: Record<BatchStatus, TagType> = {
  draft: 'info',
  approved: 'primary',
  sending: 'warning',
  paused: 'warning',
  completed: 'success',
  cancelled: 'info',
  rejected: 'danger',
  blocked: 'danger',
};

export function batchStatusTag(status: string): TagType {
  return Object.hasOwn(BATCH_STATUS_TAGS, status) ? BATCH_STATUS_TAGS[status as BatchStatus] : 'info';
}

/**
 * Payout states in the order a batch passes through them (a draft batch's payouts are drafts until it is
 * approved); any other state a provider reports comes last.
 */
export const PAYOUT_STATES = [
  'draft',
  'queued',
  'sending',
  'accepted',
  'unknown',
  'needs_attention',
  'success',
  'partially_paid_out',
  'decline',
  'error',
  'rejected',
  'reversed',
  'cancelled',
] as const;

const PAYOUT_STATE_TAGS: Record<string, TagType> = {
  draft: 'info',
  queued: 'info',
  sending: 'primary',
  accepted: 'primary',
  unknown: 'warning',
  needs_attention: 'danger',
  success: 'success',
  partially_paid_out: 'warning',
  decline: 'danger',
  error: 'danger',
  rejected: 'danger',
  reversed: 'warning',
  cancelled: 'info',
};

export function payoutStateTag(state: string): TagType {
  return PAYOUT_STATE_TAGS[state] ?? 'info';
}

/** States in which nothing more happens to a payout (needs_attention is not one: a person must act). */
export const FINAL_STATES: ReadonlySet<string> = new Set([
  'success',
  'partially_paid_out',
  'decline',
  'error',
  'rejected',
  'reversed',
  'cancelled',
]);

/** States in which the payee was not paid. */
export const FAILED_STATES: readonly string[] = ['decline', 'error', 'rejected'];

export interface StateLine {
  state: string;
  count: number;
  sumFen: number;
}

export interface BatchProgress {
  total: number;
  /** Payouts whose outcome is settled for good. */
  final: number;
  /** Whole percent of payouts final (never rounded up to 100 while one is still open). */
  percent: number;
  /** Count and sum per state, in the order payouts pass through them; states with none left out. */
  lines: StateLine[];
}

function count(batch: Pick<BatchView, 'counts'>, state: string): number {
  return batch.counts[state] ?? 0;
}

function sum(batch: Pick<BatchView, 'sums_fen'>, state: string): number {
  return batch.sums_fen[state] ?? 0;
}

export function batchProgress(batch: Pick<BatchView, 'payout_count' | 'counts' | 'sums_fen'>): BatchProgress {
  const known: readonly string[] = PAYOUT_STATES;
  const others = Object.keys(batch.counts)
    .filter((state) => !known.includes(state))
    .sort();
  const lines = [...known, ...others]
    .map((state) => ({ state, count: count(batch, state), sumFen: sum(batch, state) }))
    .filter((line) => line.count > 0);
  const final = lines.filter((line) => FINAL_STATES.has(line.state)).reduce((n, line) => n + line.count, 0);
  const total = Math.max(batch.payout_count, final);
  const percent = total === 0 ? 0 : Math.floor((final * 100) / total);
  return { total, final, percent, lines };
}

/** Paid, failed and waiting-for-a-person figures of a batch, as the batch list shows them. */
export function batchOutcome(batch: Pick<BatchView, 'counts' | 'sums_fen'>): {
  paidCount: number;
  paidFen: number;
  failedCount: number;
  attentionCount: number;
} {
  return {
    paidCount: count(batch, 'success'),
    paidFen: sum(batch, 'success'),
    failedCount: FAILED_STATES.reduce((n, state) => n + count(batch, state), 0),
    attentionCount: count(batch, 'needs_attention'),
  };
}

/** What a person may do to a batch from its detail screen. */
export type BatchAction = 'approve' | 'submit' | 'pause' | 'resume' | 'cancel' | 'recheck';

/** Which statuses allow which action (the same rule as the application layer's). */
const ALLOWED_FROM: Record<BatchAction, readonly BatchStatus[]> = {
  approve: ['draft'],
  submit: ['approved'],
  pause: ['sending'],
  resume: ['paused'],
  cancel: ['approved', 'sending', 'paused', 'blocked'],
  recheck: ['sending', 'paused', 'cancelled', 'completed', 'blocked'],
};

const ACTION_RIGHTS: Record<BatchAction, Action> = {
  approve: 'batch.approve',
  submit: 'batch.submit',
  pause: 'batch.pause',
  resume: 'batch.resume',
  cancel: 'batch.cancel',
  recheck: 'batch.recheck',
};

const ACTION_ORDER: readonly BatchAction[] = ['approve', 'submit', 'resume', 'pause', 'recheck', 'cancel'];

/** The actions both the batch's status and the person's roles allow, in the order they are offered. */
export function availableActions(status: BatchStatus, can: (action: Action) => boolean): BatchAction[] {
  return ACTION_ORDER.filter((action) => ALLOWED_FROM[action].includes(status) && can(ACTION_RIGHTS[action]));
}

/** Account names compare as the console keeps them: without case or surrounding spaces. */
function sameAccount(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A draft this approver could approve: someone else imported it (four eyes). Whether they already gave one of
 * two approvals only the review tells.
 */
export function awaitsApprovalBy(
  batch: Pick<BatchView, 'status' | 'created_by'>,
  user: { name: string } | null,
  mayApprove: boolean,
): boolean {
  return batch.status === 'draft' && mayApprove && user !== null && !sameAccount(batch.created_by, user.name);
}

const HAN = /\p{Script=Han}/u;

/** The payee as people write the name: 张伟 (family name first, no space) or "Wei Zhang". */
export function payeeName(payout: Pick<PayoutView, 'last_name' | 'first_name'>): string {
  const family = payout.last_name.trim();
  const given = payout.first_name.trim();
  if (HAN.test(family) || HAN.test(given)) return `${family}${given}`;
  return [given, family].filter(Boolean).join(' ');
}
