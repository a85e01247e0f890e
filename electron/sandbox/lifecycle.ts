import { OPERATION_CODES } from './codes.js';
import { providerPaymentIdFor, requestIdFor } from './identifiers.js';
import type { PaymentRecord } from './store.js';

export type PaymentStatus = 'processing' | 'success' | 'decline' | 'error' | 'reversed';

/** One operation of a payment, as of a given instant. Times are epoch ms. */
export interface OperationView {
  id: number;
  type: 'payout' | 'reversal';
  status: 'processing' | 'success' | 'decline' | 'error';
  created_at: number;
  /** The last change of the operation (its completion once final). */
  updated_at: number;
  completed: boolean;
  request_id: string;
  provider_payment_id: string;
  code: string;
  message: string;
}

export interface PaymentView {
  record: PaymentRecord;
  status: PaymentStatus;
  /** The last status change of the payment. */
  updated_at: number;
  operations: OperationView[];
}

type Reason = { code: string; message: string };

/** Test-project rule from the seed documents: these amounts (fen) decline, every other amount succeeds. */
const DECLINING_AMOUNTS: ReadonlyMap<number, Reason> = new Map<number, Reason>([
  [40000, OPERATION_CODES.insufficientFunds],
  [40400, OPERATION_CODES.accountUnavailable],
]);

function finalOutcome(amount: number): Reason & { status: 'success' | 'decline' } {
  const decline = DECLINING_AMOUNTS.get(amount);
  return decline ? { status: 'decline', ...decline } : { status: 'success', ...OPERATION_CODES.success };
}

/**
 * A payment's state at `now`, computed from its stored timestamps only (so it is the same after a
 * restart): `processing` until `final_at`, then the test-project outcome, unless a control route put it
 * in `error` or reversed it.
 */
export function viewPayment(record: PaymentRecord, now: number, projectId: number): PaymentView {
  const payout: OperationView = {
    id: record.operation_id,
    type: 'payout',
    status: 'processing',
    created_at: record.registered_at,
    updated_at: record.registered_at,
    completed: false,
    request_id: record.request_id,
    provider_payment_id: providerPaymentIdFor(record.operation_id),
    ...OPERATION_CODES.awaiting,
  };

  if (record.override_status === 'error' && record.override_at !== null) {
    const failed: OperationView = {
      ...payout,
      status: 'error',
      updated_at: record.override_at,
      completed: true,
      code: record.override_code ?? OPERATION_CODES.merchantBalance.code,
      message: record.override_message ?? OPERATION_CODES.merchantBalance.message,
    };
    return { record, status: 'error', updated_at: record.override_at, operations: [failed] };
  }

  if (now < record.final_at)
    return { record, status: 'processing', updated_at: record.registered_at, operations: [payout] };

  const outcome = finalOutcome(record.amount);
  const finished: OperationView = { ...payout, ...outcome, updated_at: record.final_at, completed: true };

  if (
    record.override_status === 'reversed' &&
    record.override_at !== null &&
    record.reversal_operation_id !== null
  ) {
    const reversal: OperationView = {
      id: record.reversal_operation_id,
      type: 'reversal',
      status: 'success',
      created_at: record.override_at,
      updated_at: record.override_at,
      completed: true,
      request_id: requestIdFor(projectId, record.payment_id, record.attempt, 'reversal'),
      provider_payment_id: providerPaymentIdFor(record.reversal_operation_id),
      ...OPERATION_CODES.success,
    };
    return { record, status: 'reversed', updated_at: record.override_at, operations: [finished, reversal] };
  }

  return { record, status: outcome.status, updated_at: record.final_at, operations: [finished] };
}
