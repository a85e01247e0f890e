import { errorReply, jsonReply, parseJsonObject, type Reply } from '../http.js';
import { ERRORS } from '../codes.js';
import type { SandboxContext } from '../context.js';
import { requestIdFor } from '../identifiers.js';
import { viewPayment } from '../lifecycle.js';
import type { SandboxMethod } from '../methods.js';
import { validatePayout } from '../payoutValidation.js';
import { checkGateRequest, isObject } from '../requestAuth.js';

/** The payment id a payout request names, if its body can be read at all (for request counting). */
export function peekPaymentId(raw: string): string | null {
  const body = parseJsonObject(raw);
  const general = body?.['general'];
  const id = isObject(general) ? general['payment_id'] : undefined;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * `POST /v2/payment/chinaunionpay/payout` (the seeds' path, for every method: `methods` are those it pays
 * for) and `/v2/payment/banks/{method}/payout`. A valid new payment is registered (`processing`) for the method
 * that takes it and acknowledged with Gate's unsigned acceptance body. A known payment_id is refused with 3041,
 * unless that payment ended in `error`: then Gate accepts the same id again.
 */
export function handlePayout(ctx: SandboxContext, methods: readonly SandboxMethod[], raw: string): Reply {
  const { projectId, secretKey, finalAfterMs, requireAllFields } = ctx.options;
  const checked = checkGateRequest(raw, projectId, secretKey);
  if (!checked.ok) return checked.reply;

  const validated = validatePayout(checked.body, methods, ctx.catalog, { requireAllFields });
  if (!validated.ok) return errorReply(validated.error);
  const { payout, method } = validated;

  const now = ctx.now();
  const existing = ctx.store.find(payout.payment_id);
  if (existing && viewPayment(existing, now, projectId).status !== 'error') {
    return errorReply(ERRORS.duplicatePaymentId);
  }

  const record = ctx.store.register(
    { ...payout, method: method.id, registered_at: now, final_at: now + finalAfterMs },
    (attempt) => requestIdFor(projectId, payout.payment_id, attempt),
  );
  return jsonReply(200, {
    status: 'success',
    request_id: record.request_id,
    project_id: projectId,
    payment_id: record.payment_id,
  });
}
