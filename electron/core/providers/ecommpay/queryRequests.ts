/** The signed bodies of the two read-only Gate requests: payment status and bank list. */
import { sign } from './signature.js';
import type { BankListRequestBody, GateEndpoint, StatusRequestBody } from './types.js';

/** `{"general":{"project_id","payment_id","signature"}}` */
export function buildStatusRequest(endpoint: GateEndpoint, paymentId: string): StatusRequestBody {
  const general = { project_id: endpoint.projectId, payment_id: paymentId };
  return { general: { ...general, signature: sign({ general }, endpoint.secretKey) } };
}

/** `general{project_id, payment_id, signature}` + `payment{amount, currency}`; payment_id is any unique value. */
export function buildBankListRequest(
  endpoint: GateEndpoint,
  paymentId: string,
  amountFen: number,
): BankListRequestBody {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new TypeError('amountFen must be a positive integer');
  const general = { project_id: endpoint.projectId, payment_id: paymentId };
  const payment = { amount: amountFen, currency: 'CNY' as const };
  return { general: { ...general, signature: sign({ general, payment }, endpoint.secretKey) }, payment };
}
