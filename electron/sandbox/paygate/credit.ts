import { requestMac } from '../../core/providers/computop/paygateCrypto.js';
import { checkAuthenticity } from './authenticity.js';
import { CREDIT_CODES, parameterError, type PaygateCode } from './codes.js';
import type { PaygateContext } from './context.js';
import {
  clearFailure,
  failureAnswer,
  openRequest,
  sealAnswer,
  type PaygateMerchant,
  type PaygateReply,
} from './envelope.js';
import { checkCreditFields, type CreditFields } from './fields.js';
import type { CreditRecord } from './ledger.js';
import { creditOutcome, creditStateAt } from './outcomes.js';

type Decision = { ok: true; credit: CreditRecord } | { ok: false; problem: PaygateCode };

/**
 * What a valid credit request does to the ledger. A known ReqId answers with its original credit (nothing is
 * credited again, pending or not); a TransID already used is refused; otherwise the credit is recorded, FAILED
 * when it exceeds what is left of the capture (settled credits and pending ones both count), else with the
 * outcome its amount asks for (see outcomes.ts).
 */
function decideCredit(ctx: PaygateContext, request: CreditFields, now: number): Decision {
  const { ledger } = ctx;
  if (request.reqId !== null) {
    const original = ledger.findCreditByReqId(request.reqId);
    if (original) {
      ledger.noteReplay(original.trans_id);
      return { ok: true, credit: original };
    }
  }
  if (ledger.findCreditByTransId(request.transId)) {
    return { ok: false, problem: parameterError('alreadyPresent', 'TransID', 'TransID must be unique') };
  }
  const payment = ledger.findPayment(request.payId);
  if (!payment) return { ok: false, problem: parameterError('notAllowed', 'PayID', 'unknown PayID') };

  const { captured, credited, pending } = ledger.amounts(payment, now);
  const aboveCapture = request.amount > captured - credited - pending;
  const outcome = aboveCapture
    ? { pending: false, final: 'FAILED' as const, code: CREDIT_CODES.aboveCapture }
    : creditOutcome(request.amount);
  const credit = ledger.recordCredit({
    trans_id: request.transId,
    req_id: request.reqId,
    pay_id: payment.pay_id,
    amount: request.amount,
    currency: request.currency,
    ref_nr: request.refNr,
    created_at: now,
    settles_at: outcome.pending ? now + ctx.pendingMs : null,
    final_status: outcome.final,
    final_code: outcome.code.code,
    final_description: outcome.code.description,
  });
  return { ok: true, credit };
}

/** The answer about a credit as it stands at `now` (PENDING until it settles). */
function creditAnswer(
  merchant: PaygateMerchant,
  credit: CreditRecord,
  now: number,
  wrongMac: boolean,
): PaygateReply {
  const state = creditStateAt(credit, now);
  return sealAnswer(
    merchant,
    {
      payId: credit.pay_id,
      xid: credit.xid,
      transId: credit.trans_id,
      status: state.status,
      code: state.code,
      description: state.description,
    },
    credit.ref_nr === null ? [] : [['RefNr', credit.ref_nr]],
    wrongMac,
  );
}

/**
 * `POST /credit.aspx`: a credit with reference (refund of a captured ChinaPay payment). The request is opened
 * with the merchant's Blowfish password, its MAC (`PayID*TransID*MerchantID*Amount*Currency`) and fields
 * checked, then decided against the ledger. `wrongMac` is the bad_signature fault.
 */
export function handleCredit(ctx: PaygateContext, raw: string, wrongMac: boolean): PaygateReply {
  const opened = openRequest(raw, ctx.merchants);
  if (!opened.ok) {
    return opened.merchant
      ? failureAnswer(opened.merchant, undefined, opened.problem, wrongMac)
      : clearFailure(opened.clearMerchantId, opened.problem);
  }
  const { merchant, fields } = opened;
  const field = (key: string) => fields.get(key) ?? '';
  const forged = checkAuthenticity(merchant, fields, (merchantId) => [
    requestMac(merchant.hmacPassword, {
      payId: field('payid'),
      transId: field('transid'),
      merchantId,
      amount: field('amount'),
      currency: field('currency'),
    }),
  ]);
  if (forged) return failureAnswer(merchant, fields, forged, wrongMac);

  const checked = checkCreditFields(fields);
  if (!checked.ok) return failureAnswer(merchant, fields, checked.problem, wrongMac);

  const now = ctx.now();
  const decision = ctx.ledger.transaction(() => decideCredit(ctx, checked.value, now));
  if (!decision.ok) return failureAnswer(merchant, fields, decision.problem, wrongMac);
  return creditAnswer(merchant, decision.credit, now, wrongMac);
}
