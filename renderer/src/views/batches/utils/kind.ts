/**
 * What the screens read off a batch's kind: payouts to cards (ecommpay) or refunds of earlier ChinaPay
 * payments (credits through Computop Paygate). Refund batches share the payout batches' screens; only what
 * they show of a row, and what may be done to their failed rows, differs.
 */
import type { BatchKind, BatchView } from '../../../../../electron/contract/records';
import type { Action } from '../../../../../electron/contract/roles';
import type { TagType } from './status';

export const BATCH_KINDS: readonly BatchKind[] = ['payout', 'refund'];

/** The batch list's kind filter: every batch, or one kind. */
export type KindFilter = 'all' | BatchKind;

/** The provider a refund batch's credits go to (a product name: the same in every language). */
export const REFUND_PROVIDER = 'Computop Paygate';

/** A batch's kind (a view from before refunds existed carries none: it is a payout batch). */
export function kindOf(batch: { kind?: BatchKind | null }): BatchKind {
  return batch.kind === 'refund' ? 'refund' : 'payout';
}

export function isRefundBatch(batch: { kind?: BatchKind | null } | null | undefined): boolean {
  return batch !== null && batch !== undefined && kindOf(batch) === 'refund';
}

/** Each kind its own colour, distinct from the status colours next to it. */
const KIND_TAGS: Record<BatchKind, TagType> = { payout: 'primary', refund: 'warning' };

export function batchKindTag(kind: BatchKind): TagType {
  return KIND_TAGS[kind];
}

/** The batches of the chosen kind. */
export function withKind<T extends { kind?: BatchKind | null }>(
  batches: readonly T[],
  filter: KindFilter,
): T[] {
  return filter === 'all' ? [...batches] : batches.filter((batch) => kindOf(batch) === filter);
}

/**
 * Whether "pay failed rows again" is offered: declined or rejected payouts, someone who may import, and a
 * payout batch. A failed refund is refunded again from a new refund file with new TransIDs, after checking
 * why it failed (the console refuses RETRY_NOT_FOR_REFUNDS).
 */
export function mayPayFailedAgain(
  batch: Pick<BatchView, 'counts'> & { kind?: BatchKind | null },
  can: (action: Action) => boolean,
): boolean {
  if (isRefundBatch(batch) || !can('batch.retry')) return false;
  return (batch.counts['decline'] ?? 0) + (batch.counts['rejected'] ?? 0) > 0;
}
