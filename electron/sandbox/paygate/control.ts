import { jsonReply, parseJsonObject, type Reply } from '../http.js';
import type { PaygateContext } from './context.js';
import type { CreditStatus } from './ledger.js';
import { creditStateAt } from './outcomes.js';
import type { PaygateStatsRecorder } from './stats.js';

export interface PaygatePaymentEntry {
  pay_id: string;
  currency: string;
  /** AmountAuth = AmountCap. */
  captured_fen: number;
  /** Settled OK credits (inquire.aspx's AmountCred). */
  credited_fen: number;
  /** Credits still pending, reserved against the capture. */
  pending_fen: number;
  /** inquire.aspx's LastStatus: the latest credit's status, or OK (the capture) when none. */
  last_status: CreditStatus;
}

export interface PaygateCreditEntry {
  trans_id: string;
  req_id: string | null;
  pay_id: string;
  xid: string;
  amount_fen: number;
  currency: string;
  ref_nr: string | null;
  status: CreditStatus;
  code: string;
  created_at: number;
  /** When a pending credit settles (or settled); null when it was final at once. */
  settles_at: number | null;
  /** Requests with the same ReqId answered from memory, without crediting again. */
  replays: number;
}

/** The emulated Paygate's ledger as GET /__sandbox/paygate/ledger shows it (amounts as of now). */
export interface PaygateLedgerView {
  merchant_id: string;
  payments: PaygatePaymentEntry[];
  credits: PaygateCreditEntry[];
}

export function paygateLedgerView(ctx: PaygateContext): PaygateLedgerView {
  const now = ctx.now();
  const { ledger } = ctx;
  const credits = ledger.listCredits().map((credit): PaygateCreditEntry => {
    const state = creditStateAt(credit, now);
    return {
      trans_id: credit.trans_id,
      req_id: credit.req_id,
      pay_id: credit.pay_id,
      xid: credit.xid,
      amount_fen: credit.amount,
      currency: credit.currency,
      ref_nr: credit.ref_nr,
      status: state.status,
      code: state.code,
      created_at: credit.created_at,
      settles_at: credit.settles_at,
      replays: credit.replays,
    };
  });
  const payments = ledger.listPayments().map((payment): PaygatePaymentEntry => {
    const amounts = ledger.amounts(payment, now);
    const last = ledger.lastCredit(payment.pay_id);
    return {
      pay_id: payment.pay_id,
      currency: payment.currency,
      captured_fen: amounts.captured,
      credited_fen: amounts.credited,
      pending_fen: amounts.pending,
      last_status: last ? creditStateAt(last, now).status : 'OK',
    };
  });
  return { merchant_id: ctx.merchants[0]?.merchantId ?? '', payments, credits };
}

function controlError(status: number, message: string): Reply {
  return jsonReply(status, { status: 'error', code: String(status), message });
}

/** Paygate's own limit: Amount is n..10. */
const MAX_AMOUNT = 9_999_999_999;

/**
 * `POST /__sandbox/paygate/payments {"pay_id"?, "captured_fen"}`: adds a captured CNY payment (a PayID of 32
 * letters and digits is generated when absent). 200 `{status, pay_id, captured_fen}`; 409 for a known PayID.
 */
function addPayment(ctx: PaygateContext, raw: string): Reply {
  const body = parseJsonObject(raw);
  if (!body) return controlError(400, 'Body must be a JSON object');
  const captured = body['captured_fen'];
  if (
    typeof captured !== 'number' ||
    !Number.isSafeInteger(captured) ||
    captured <= 0 ||
    captured > MAX_AMOUNT
  ) {
    return controlError(400, `captured_fen must be an integer from 1 to ${MAX_AMOUNT}`);
  }
  const payId = body['pay_id'];
  if (payId !== undefined && (typeof payId !== 'string' || !/^[A-Za-z0-9]{32}$/.test(payId))) {
    return controlError(400, 'pay_id must be 32 letters or digits');
  }
  const payment = ctx.ledger.addPayment(payId, captured, ctx.now());
  if (!payment) return controlError(409, `PayID ${String(payId)} already exists`);
  return jsonReply(200, { status: 'success', pay_id: payment.pay_id, captured_fen: payment.captured });
}

/**
 * `POST /__sandbox/paygate/settle {"trans_id"?}`: pending credits (all, or that one) settle now, to the outcome
 * their amount asks for. 200 `{status, settled: [trans_id…]}`.
 */
function settle(ctx: PaygateContext, raw: string): Reply {
  const body = raw.trim() === '' ? {} : parseJsonObject(raw);
  if (!body) return controlError(400, 'Body must be a JSON object');
  const transId = body['trans_id'];
  if (transId !== undefined && (typeof transId !== 'string' || transId === '')) {
    return controlError(400, 'trans_id must be a non-empty string');
  }
  const settled = ctx.ledger.settlePending(ctx.now(), transId);
  return jsonReply(200, { status: 'success', settled });
}

/** The /__sandbox/paygate/* control routes (never faulted or delayed); undefined for any other request. */
export function handlePaygateControl(
  ctx: PaygateContext,
  stats: PaygateStatsRecorder,
  method: string,
  path: string,
  raw: string,
): Reply | undefined {
  switch (`${method} ${path}`) {
    case 'GET /__sandbox/paygate/ledger':
      return jsonReply(200, paygateLedgerView(ctx));
    case 'GET /__sandbox/paygate/stats':
      return jsonReply(200, stats.snapshot());
    case 'POST /__sandbox/paygate/payments':
      return addPayment(ctx, raw);
    case 'POST /__sandbox/paygate/settle':
      return settle(ctx, raw);
    default:
      return undefined;
  }
}
