import type { JsonValue } from '../core/providers/ecommpay/signature.js';
import { sign } from '../core/providers/ecommpay/signature.js';
import { PROVIDER_ID } from './identifiers.js';
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

/** The body of a status answer for a known payment (before signing). */
export function paymentStatusBody(projectId: number, view: PaymentView): JsonObject {
  const { record } = view;
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
    operations: view.operations.map((op) => operationBody(op, record.amount, record.currency)),
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

/** Adds the top-level signature, as Gate does on every status answer. */
export function signed(body: JsonObject, secret: string): JsonObject {
  return { ...body, signature: sign(body, secret) };
}
