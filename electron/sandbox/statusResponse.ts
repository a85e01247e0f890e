import type { JsonValue, SignatureOrder } from '../core/providers/ecommpay/signature.js';
import { sign } from '../core/providers/ecommpay/signature.js';
import { OPERATION_CODES } from './codes.js';
import { PROVIDER_ID, providerPaymentIdFor, requestIdFor } from './identifiers.js';
import type { OperationView, PaymentView } from './lifecycle.js';
import { gateDate } from './time.js';

type JsonObject = Record<string, JsonValue>;

function operationBody(op: OperationView, amount: number, currency: string): JsonObject {
  const sum = { amount, currency };
  return {
    id: op.id,
    type: op.type,
    status: op.status,
    date: gateDate(op.updated_at),
    created_date: gateDate(op.created_at),
    request_id: op.request_id,
    sum_initial: sum,
    sum_converted: { ...sum },
    provider: {
      id: PROVIDER_ID,
      payment_id: op.provider_payment_id,
      date: gateDate(op.updated_at),
      auth_code: '',
    },
    code: op.code,
    message: op.message,
  };
}

/**
 * `count` earlier payout attempts of the payment that timed out (20602), before its current operation: what a
 * payment retried by the platform lists. Their ids are derived from the current operation's, so they are
 * stable and never another payment's.
 */
function retriedOperations(view: PaymentView, projectId: number, count: number): OperationView[] {
  const { record } = view;
  return Array.from({ length: count }, (_, i): OperationView => {
    const id = record.operation_id * 100 + i + 1;
    return {
      id,
      type: 'payout',
      status: 'decline',
      created_at: record.registered_at,
      updated_at: record.registered_at,
      completed: true,
      request_id: requestIdFor(projectId, record.payment_id, record.attempt, `retry-${i + 1}`),
      provider_payment_id: providerPaymentIdFor(id),
      ...OPERATION_CODES.timeout,
    };
  });
}

/**
 * The body of a status answer for a known payment (before signing); `retried` earlier payout operations are
 * listed before the payment's own (the sandbox option `retriedOperations`).
 */
export function paymentStatusBody(projectId: number, view: PaymentView, retried = 0): JsonObject {
  const { record } = view;
  const operations = [...retriedOperations(view, projectId, retried), ...view.operations];
  return {
    project_id: projectId,
    payment: {
      id: record.payment_id,
      type: 'payout',
      status: view.status,
      date: gateDate(view.updated_at),
      method: 'ChinaUnionPay',
      sum: { amount: record.amount, currency: record.currency },
      description: record.description,
    },
    operations: operations.map((op) => operationBody(op, record.amount, record.currency)),
    errors: [],
  };
}

/** The body of a status answer that found nothing (3061), or says so temporarily (3062). */
export function notFoundStatusBody(
  projectId: number,
  paymentId: string,
  error: { code: string; message: string },
): JsonObject {
  return {
    project_id: projectId,
    payment: { id: paymentId, status: 'error' },
    operations: [],
    errors: [{ code: error.code, message: error.message }],
  };
}

/**
 * Adds the top-level signature, as Gate does on every status answer: in the documented order, or in the
 * SDKs' (`sdk-numeric`, the sandbox option `statusSignatureOrder`).
 */
export function signed(body: JsonObject, secret: string, order: SignatureOrder = 'documented'): JsonObject {
  return { ...body, signature: sign(body, secret, order) };
}
