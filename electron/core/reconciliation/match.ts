/**
 * Matching, as a pure function: the console's payouts against the provider's operations by payment id, then
 * amount, currency and status. Both sides are indexed in Maps once, so 100k against 100k stays linear.
 *
 * Console side: every payout that left the machine. Payouts never sent (draft, queued, cancelled) and those
 * the Gate refused (`rejected`: nothing was registered) are not expected at the provider; if it shows one
 * anyway, that is a status mismatch. Provider side: operations grouped by payment id. A payment with a
 * `payout` operation is a payout; one the console does not know with only sale-family operations (sale,
 * purchase, auth, capture, refund, a sale's reversal…) is a purchase, listed apart and not a break.
 */
import type { CountAndSum, ReconciliationItemView, ReconciliationSummary } from '../../contract/records.js';
import type { ConsolePayout, ProviderOperation, ReconciliationExceptionKind } from './types.js';

/** One break, as found (its words are added when it is shown: exceptionDetail). */
export interface FoundException {
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

export interface MatchResult {
  summary: ReconciliationSummary;
  /** Grouped by kind (in KIND_ORDER), console order within a kind. */
  exceptions: FoundException[];
  /** Payouts sent within the grace period that are missing or differ in status: not breaks yet. */
  pending: ReconciliationItemView[];
  purchases: ReconciliationItemView[];
  matched_fen: number;
  unmatched_console: CountAndSum;
  unmatched_provider: CountAndSum;
  /** Console payouts compared (those sent). */
  console_payouts: number;
  provider_operations: number;
}

export interface MatchOptions {
  nowMs: number;
  /** Payouts first sent less than this many minutes before `nowMs` are pending instead of breaks. */
  graceMinutes: number;
}

export const KIND_ORDER: readonly ReconciliationExceptionKind[] = [
  'missing_at_provider',
  'unknown_at_console',
  'amount_mismatch',
  'status_mismatch',
  'duplicate',
];

/** Statuses that end a payout, on either side; anything else is still in progress. */
const FINAL_STATUSES = new Set(['success', 'decline', 'error', 'reversed', 'partially_paid_out']);

/** A status as compared: a final one as itself, every other as 'in_progress'. */
function comparable(status: string): string {
  return FINAL_STATUSES.has(status) ? status : 'in_progress';
}

/** What the provider shows for one payment. */
interface ProviderSide {
  /** Whether any operation is a payout (else the payment is a purchase, or only a reversal). */
  hasPayout: boolean;
  /** 'reversed' after a successful reversal; else the status of the payout operation that counts. */
  status: string | null;
  amount_fen: number | null;
  currency: string | null;
  /** The payment's operations (their ids go into an exception). */
  operations: readonly ProviderOperation[];
  successfulPayouts: number;
  /** The operation the status comes from. */
  operation: ProviderOperation | null;
}

function later(a: ProviderOperation, b: ProviderOperation): ProviderOperation {
  // Same format on one side (the Data API's `…+00:00`): text order is time order; ties go to file order.
  return (b.created_at ?? '') >= (a.created_at ?? '') ? b : a;
}

/**
 * The provider's effective view of a payment: a successful reversal makes it `reversed`; else the payout
 * operation that succeeded (earlier failed attempts do not count against it), else the latest attempt.
 */
function providerSide(operations: readonly ProviderOperation[]): ProviderSide {
  let success: ProviderOperation | null = null;
  let latest: ProviderOperation | null = null;
  let reversal: ProviderOperation | null = null;
  let successfulPayouts = 0;
  for (const op of operations) {
    if (op.operation_type === 'payout') {
      latest = latest === null ? op : later(latest, op);
      if (op.operation_status === 'success') {
        successfulPayouts++;
        success ??= op;
      }
    } else if (op.operation_type === 'reversal' && op.operation_status === 'success') reversal = op;
  }
  const counted = success ?? latest;
  const shown = counted ?? reversal;
  return {
    hasPayout: latest !== null,
    status: reversal !== null ? 'reversed' : (counted?.operation_status ?? null),
    amount_fen: shown?.amount_fen ?? null,
    currency: shown?.currency ?? null,
    operations,
    successfulPayouts,
    operation: shown,
  };
}

/** Whether the operations speak of a payout at all (a payout, or a reversal of one the console sent). */
function showsPayout(side: ProviderSide): boolean {
  return side.hasPayout || side.status === 'reversed';
}

function exceptionOf(
  kind: ReconciliationExceptionKind,
  paymentId: string,
  payout: ConsolePayout | undefined,
  side: ProviderSide | null,
): FoundException {
  return {
    kind,
    payment_id: paymentId,
    batch_id: payout?.batch_id ?? null,
    console_amount_fen: payout?.amount_fen ?? null,
    console_currency: payout?.currency ?? null,
    console_status: payout?.state ?? null,
    provider_amount_fen: side?.amount_fen ?? null,
    provider_currency: side?.currency ?? null,
    provider_status: side?.status ?? null,
    provider_operation_ids: (side?.operations ?? []).flatMap((op) =>
      op.operation_id === null ? [] : [op.operation_id],
    ),
  };
}

function itemOf(op: ProviderOperation): ReconciliationItemView {
  return {
    payment_id: op.payment_id,
    operation_id: op.operation_id,
    operation_type: op.operation_type,
    status: op.operation_status,
    amount_fen: op.amount_fen,
    currency: op.currency,
    at: op.created_at,
  };
}

/** A payout in its grace period: the console's side, and the provider's operation when it shows one. */
function pendingItem(payout: ConsolePayout, side: ProviderSide | null): ReconciliationItemView {
  return {
    payment_id: payout.payment_id,
    operation_id: side?.operation?.operation_id ?? null,
    operation_type: 'payout',
    status: payout.state,
    amount_fen: payout.amount_fen,
    currency: payout.currency,
    at: payout.first_sent_at_ms === null ? null : new Date(payout.first_sent_at_ms).toISOString(),
  };
}

function groupByPayment(operations: readonly ProviderOperation[]): Map<string, ProviderOperation[]> {
  const groups = new Map<string, ProviderOperation[]>();
  for (const op of operations) {
    const group = groups.get(op.payment_id);
    if (group) group.push(op);
    else groups.set(op.payment_id, [op]);
  }
  return groups;
}

/** Whether the provider is expected to know the payout: it left the machine and was not refused. */
export function expectedAtProvider(payout: ConsolePayout): boolean {
  return payout.first_sent_at_ms !== null && payout.state !== 'rejected';
}

export function reconcileOperations(
  payouts: readonly ConsolePayout[],
  operations: readonly ProviderOperation[],
  { nowMs, graceMinutes }: MatchOptions,
): MatchResult {
  const groups = groupByPayment(operations);
  const found = new Map<ReconciliationExceptionKind, FoundException[]>(KIND_ORDER.map((k) => [k, []]));
  const add = (e: FoundException) => found.get(e.kind)!.push(e);
  const pending: ReconciliationItemView[] = [];
  const purchases: ReconciliationItemView[] = [];
  const unmatchedConsole: CountAndSum = { count: 0, total_fen: 0 };
  const unmatchedProvider: CountAndSum = { count: 0, total_fen: 0 };
  const graceStart = nowMs - graceMinutes * 60_000;
  const known = new Map<string, ConsolePayout>();
  let matched = 0;
  let matchedFen = 0;
  let compared = 0;

  for (const payout of payouts) {
    known.set(payout.payment_id, payout);
    if (!expectedAtProvider(payout)) continue;
    compared++;
    const operationsOfPayment = groups.get(payout.payment_id);
    const side = operationsOfPayment ? providerSide(operationsOfPayment) : null;
    const inGrace = payout.first_sent_at_ms! > graceStart;
    const kinds: ReconciliationExceptionKind[] = [];
    let waiting = false;
    if (side === null || !showsPayout(side)) {
      if (inGrace) waiting = true;
      else kinds.push('missing_at_provider');
    } else {
      if (side.amount_fen !== payout.amount_fen || (side.currency ?? payout.currency) !== payout.currency)
        kinds.push('amount_mismatch');
      if (comparable(payout.state) !== comparable(side.status ?? '')) {
        if (inGrace) waiting = true;
        else kinds.push('status_mismatch');
      }
      if (side.successfulPayouts > 1) kinds.push('duplicate');
    }
    if (kinds.length === 0 && !waiting) {
      matched++;
      matchedFen += payout.amount_fen;
      continue;
    }
    unmatchedConsole.count++;
    unmatchedConsole.total_fen += payout.amount_fen;
    if (side !== null && showsPayout(side)) {
      unmatchedProvider.count++;
      unmatchedProvider.total_fen += side.amount_fen ?? 0;
    }
    if (kinds.length === 0) pending.push(pendingItem(payout, side));
    for (const kind of kinds) add(exceptionOf(kind, payout.payment_id, payout, side));
  }

  for (const [paymentId, operationsOfPayment] of groups) {
    const payout = known.get(paymentId);
    if (payout !== undefined && expectedAtProvider(payout)) continue;
    const side = providerSide(operationsOfPayment);
    if (payout === undefined && !side.hasPayout) {
      // The latest operation of a purchase says where it stands.
      purchases.push(itemOf(operationsOfPayment.reduce(later)));
      continue;
    }
    unmatchedProvider.count++;
    unmatchedProvider.total_fen += side.amount_fen ?? 0;
    // A payout the console never sent (or the Gate refused) that the provider shows anyway.
    add(exceptionOf(payout ? 'status_mismatch' : 'unknown_at_console', paymentId, payout, side));
  }

  const exceptions = KIND_ORDER.flatMap((kind) => found.get(kind)!);
  return {
    summary: {
      matched,
      missing_at_provider: found.get('missing_at_provider')!.length,
      unknown_at_console: found.get('unknown_at_console')!.length,
      amount_mismatch: found.get('amount_mismatch')!.length,
      status_mismatch: found.get('status_mismatch')!.length,
      duplicates: found.get('duplicate')!.length,
      pending: pending.length,
      purchases: purchases.length,
    },
    exceptions,
    pending,
    purchases,
    matched_fen: matchedFen,
    unmatched_console: unmatchedConsole,
    unmatched_provider: unmatchedProvider,
    console_payouts: compared,
    provider_operations: operations.length,
  };
}
