import { OPERATION_CODES, STATUS_ERRORS } from '../codes.js';
import type { SandboxContext } from '../context.js';
import { jsonReply, parseJsonObject, type Reply } from '../http.js';
import { viewPayment } from '../lifecycle.js';

/** One registered payment as the ledger shows it; `requests` counts every payout request for its id. */
export interface LedgerEntry {
  payment_id: string;
  amount: number;
  status: string;
  requests: number;
  /** Requests that arrived while this id was already registered (a resend of something the provider had). */
  requests_after_registered: number;
}

export function ledgerEntries(ctx: SandboxContext): LedgerEntry[] {
  const now = ctx.now();
  return ctx.store.list().map((record) => ({
    payment_id: record.payment_id,
    amount: record.amount,
    status: viewPayment(record, now, ctx.options.projectId).status,
    requests: ctx.store.requestCount(record.payment_id),
    requests_after_registered: ctx.store.requestsAfterRegistered(record.payment_id),
  }));
}

function controlError(status: number, code: string, message: string): Reply {
  return jsonReply(status, { status: 'error', code, message });
}

function paymentIdIn(raw: string): string | null {
  const id = parseJsonObject(raw)?.['payment_id'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** `POST /__sandbox/reverse {"payment_id"}`: a `success` becomes `reversed` (a reversal operation is added). */
function reverse(ctx: SandboxContext, raw: string): Reply {
  const paymentId = paymentIdIn(raw);
  if (!paymentId) return controlError(400, '2004', 'Missing required parameter: payment_id');
  const record = ctx.store.find(paymentId);
  if (!record) return controlError(404, STATUS_ERRORS.notFound.code, STATUS_ERRORS.notFound.message);
  const now = ctx.now();
  const status = viewPayment(record, now, ctx.options.projectId).status;
  if (status !== 'success')
    return controlError(409, '409', `Only a success can be reversed; this one is ${status}`);
  ctx.store.markReversed(paymentId, now);
  return jsonReply(200, { status: 'success', payment_id: paymentId, payment_status: 'reversed' });
}

/**
 * `POST /__sandbox/error {"payment_id", "code"?, "message"?}`: a `processing` payment ends in `error`
 * (the platform rejected it), which lets the same payment_id be sent again.
 */
function fail(ctx: SandboxContext, raw: string): Reply {
  const body = parseJsonObject(raw);
  const paymentId = paymentIdIn(raw);
  if (!body || !paymentId) return controlError(400, '2004', 'Missing required parameter: payment_id');
  const record = ctx.store.find(paymentId);
  if (!record) return controlError(404, STATUS_ERRORS.notFound.code, STATUS_ERRORS.notFound.message);
  const now = ctx.now();
  const status = viewPayment(record, now, ctx.options.projectId).status;
  if (status !== 'processing') {
    return controlError(409, '409', `Only a processing payment can be put in error; this one is ${status}`);
  }
  const code = typeof body['code'] === 'string' ? body['code'] : OPERATION_CODES.merchantBalance.code;
  const message =
    typeof body['message'] === 'string' ? body['message'] : OPERATION_CODES.merchantBalance.message;
  ctx.store.markError(paymentId, now, code, message);
  return jsonReply(200, { status: 'success', payment_id: paymentId, payment_status: 'error' });
}

/** The /__sandbox/* control routes; undefined when the method and path name none of them. */
export function handleControl(
  ctx: SandboxContext,
  method: string,
  path: string,
  raw: string,
): Reply | undefined {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sandbox/ledger':
      return jsonReply(200, ledgerEntries(ctx));
    case 'GET /__sandbox/requests':
      return jsonReply(200, ctx.store.requestCounts());
    case 'GET /__sandbox/stats':
      return jsonReply(200, ctx.stats.snapshot());
    case 'POST /__sandbox/reverse':
      return reverse(ctx, raw);
    case 'POST /__sandbox/error':
      return fail(ctx, raw);
    default:
      return undefined;
  }
}
