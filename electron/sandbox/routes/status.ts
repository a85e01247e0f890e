import { missingField, STATUS_ERRORS } from '../codes.js';
import type { SandboxContext } from '../context.js';
import type { FaultKind } from '../faults.js';
import { errorReply, jsonReply, type Reply } from '../http.js';
import { viewPayment } from '../lifecycle.js';
import { checkGateRequest } from '../requestAuth.js';
import { notFoundStatusBody, paymentStatusBody, signed } from '../statusResponse.js';

/** The key a `bad_signature` fault signs with: anything but the project's secret. */
function wrongKey(secret: string): string {
  return `${secret}#not-the-project-key`;
}

/**
 * `POST /v2/payment/status`: the payment's state now, signed with the project secret (top-level
 * `signature`, in the order of the `statusSignatureOrder` option). Unknown ids get 200 with payment status
 * `error` and 3061. Two faults act here:
 * `temporary_3062` answers 3062 for a payment that exists, `bad_signature` signs with a wrong key.
 */
export function handleStatus(ctx: SandboxContext, raw: string, fault: FaultKind | null): Reply {
  const { projectId, secretKey, statusSignatureOrder, retriedOperations } = ctx.options;
  const checked = checkGateRequest(raw, projectId, secretKey);
  if (!checked.ok) return checked.reply;

  const paymentId = checked.general['payment_id'];
  if (typeof paymentId !== 'string' || paymentId.length === 0) {
    return errorReply(missingField('general.payment_id'));
  }

  const record = ctx.store.find(paymentId);
  let body;
  if (fault === 'temporary_3062')
    body = notFoundStatusBody(projectId, paymentId, STATUS_ERRORS.temporarilyNotFound);
  else if (!record) body = notFoundStatusBody(projectId, paymentId, STATUS_ERRORS.notFound);
  else body = paymentStatusBody(projectId, viewPayment(record, ctx.now(), projectId), retriedOperations);

  const key = fault === 'bad_signature' ? wrongKey(secretKey) : secretKey;
  return jsonReply(200, signed(body, key, statusSignatureOrder));
}
