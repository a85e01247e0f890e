import { inquiryMac, paygateMac, requestMac } from '../../core/providers/computop/paygateCrypto.js';
import { checkAuthenticity } from './authenticity.js';
import { INQUIRY_OK, parameterError } from './codes.js';
import type { PaygateContext } from './context.js';
import {
  clearFailure,
  failureAnswer,
  openRequest,
  sealAnswer,
  type PaygateMerchant,
  type PaygateReply,
} from './envelope.js';
import { checkInquiryFields } from './fields.js';
import type { PaygatePayment } from './ledger.js';
import { creditStateAt } from './outcomes.js';

/**
 * The inquiry MACs accepted. Documented: `PayID*TransID*MerchantID**`; real clients differ, so also with the
 * request's Amount and Currency in the last two places, and with the TransID left empty or left out.
 */
function inquiryMacs(merchant: PaygateMerchant, fields: Map<string, string>, merchantId: string): string[] {
  const field = (key: string) => fields.get(key) ?? '';
  const payId = field('payid');
  const key = merchant.hmacPassword;
  const macs: string[] = [];
  for (const transId of new Set([field('transid'), ''])) {
    macs.push(inquiryMac(key, { payId, transId, merchantId }));
    macs.push(
      requestMac(key, { payId, transId, merchantId, amount: field('amount'), currency: field('currency') }),
    );
  }
  macs.push(paygateMac(key, [payId, merchantId, '', '']));
  return macs;
}

/** The status of the payment's last action: its latest credit now, or the capture (OK) when none was made. */
function lastStatus(
  ctx: PaygateContext,
  payment: PaygatePayment,
  now: number,
): { status: string; xid: string } {
  const last = ctx.ledger.lastCredit(payment.pay_id);
  return last
    ? { status: creditStateAt(last, now).status, xid: last.xid }
    : { status: 'OK', xid: payment.xid };
}

/**
 * `POST /inquire.aspx`: a payment's amounts by PayID. `Status`/`Code` are the inquiry's own; `AmountAuth` and
 * `AmountCap` are the captured amount, `AmountCred` the settled OK credits (pending ones are not in it), and
 * `LastStatus` the status of the last action. `wrongMac` is the bad_signature fault.
 */
export function handleInquire(ctx: PaygateContext, raw: string, wrongMac: boolean): PaygateReply {
  const opened = openRequest(raw, ctx.merchants);
  if (!opened.ok) {
    return opened.merchant
      ? failureAnswer(opened.merchant, undefined, opened.problem, wrongMac)
      : clearFailure(opened.clearMerchantId, opened.problem);
  }
  const { merchant, fields } = opened;
  const forged = checkAuthenticity(merchant, fields, (merchantId) =>
    inquiryMacs(merchant, fields, merchantId),
  );
  if (forged) return failureAnswer(merchant, fields, forged, wrongMac);

  const checked = checkInquiryFields(fields);
  if (!checked.ok) return failureAnswer(merchant, fields, checked.problem, wrongMac);
  const { payId, transId } = checked.value;
  const payment = ctx.ledger.findPayment(payId);
  if (!payment) {
    return failureAnswer(merchant, fields, parameterError('notAllowed', 'PayID', 'unknown PayID'), wrongMac);
  }

  const now = ctx.now();
  const amounts = ctx.ledger.amounts(payment, now);
  const last = lastStatus(ctx, payment, now);
  return sealAnswer(
    merchant,
    {
      payId,
      xid: last.xid,
      transId,
      status: 'OK',
      code: INQUIRY_OK.code,
      description: INQUIRY_OK.description,
    },
    [
      ['AmountAuth', String(amounts.captured)],
      ['AmountCap', String(amounts.captured)],
      ['AmountCred', String(amounts.credited)],
      ['Currency', payment.currency],
      ['LastStatus', last.status],
    ],
    wrongMac,
  );
}
