/**
 * The credit request of a refund row, as Paygate's table gives its fields, checked before anything is sent:
 * Paygate refuses a request with a formatting error, and a refund that cannot be expressed exactly must go to
 * a person rather than out in some other shape.
 */
import { createHash } from 'node:crypto';
import type { PayoutInstruction } from '../types.js';
import { encodeFields, inquiryMac, requestMac } from './paygateCrypto.js';

/** The merchant as a request names and signs it (the Blowfish password is only needed to seal). */
export interface PaygateMerchant {
  merchantId: string;
  hmacPassword: string;
}

/** A credit as prepared: its fields in order, MAC last. */
export interface CreditRequest {
  readonly payId: string;
  readonly transId: string;
  readonly amountFen: number;
  readonly currency: string;
  readonly reqId: string;
  readonly fields: ReadonlyArray<readonly [string, string]>;
}

/**
 * Paygate's formats: `a` letters, `n` digits, `an` letters and digits, `ans` also special characters;
 * `..N` at most N, `N` exactly N. `ans` is taken as printable ASCII without `&` and `=`, the two characters
 * the unescaped `key=value&…` text inside Data cannot carry.
 */
const FORMATS = {
  a: '[A-Za-z]',
  n: '[0-9]',
  an: '[A-Za-z0-9]',
  ans: '[\\x20-\\x25\\x27-\\x3C\\x3E-\\x7E]',
} as const;

function fits(value: string, kind: keyof typeof FORMATS, min: number, max: number): boolean {
  return new RegExp(`^${FORMATS[kind]}{${min},${max}}$`).test(value);
}

/** Throws an Error naming the field and its format when `value` does not fit it. */
function check(field: string, value: string, kind: keyof typeof FORMATS, min: number, max: number): void {
  if (fits(value, kind, min, max)) return;
  const format = min === max ? `${kind}${max}` : `${kind}..${max}`;
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  throw new Error(`Computop ${field} "${shown}" does not fit its format ${format}`);
}

/** Checks the merchant id (ans..30) once, when the adapter is built. */
export function checkMerchantId(merchantId: string): void {
  check('MerchantID', merchantId, 'ans', 1, 30);
}

/**
 * The credit of a refund row: MerchantID, PayID, TransID (the row's payment_id), RefNr (only when given),
 * Amount (integer fen), Currency, ReqId, then MAC. The refund's reason is the finance team's own note and is
 * not sent. Throws an Error when the row is not a refund or a field does not fit Paygate's format.
 */
export function buildCreditRequest(payout: PayoutInstruction, merchant: PaygateMerchant): CreditRequest {
  const refund = payout.refund;
  if (!refund) throw new Error(`payout ${payout.payment_id} is not a refund: Computop only sends credits`);
  const amount = payout.amount_fen;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new Error(`Computop Amount must be a whole number of fen above 0, not ${amount}`);
  }
  const amountText = String(amount);
  check('MerchantID', merchant.merchantId, 'ans', 1, 30);
  check('PayID', refund.pay_id, 'an', 32, 32);
  check('TransID', payout.payment_id, 'ans', 1, 64);
  if (refund.ref_nr !== '') check('RefNr', refund.ref_nr, 'an', 1, 32);
  check('Amount', amountText, 'n', 1, 10);
  check('Currency', payout.currency, 'a', 3, 3);
  check('ReqId', refund.req_id, 'ans', 1, 32);

  const mac = requestMac(merchant.hmacPassword, {
    payId: refund.pay_id,
    transId: payout.payment_id,
    merchantId: merchant.merchantId,
    amount: amountText,
    currency: payout.currency,
  });
  const fields: Array<readonly [string, string]> = [
    ['MerchantID', merchant.merchantId],
    ['PayID', refund.pay_id],
    ['TransID', payout.payment_id],
    ...(refund.ref_nr !== '' ? [['RefNr', refund.ref_nr] as const] : []),
    ['Amount', amountText],
    ['Currency', payout.currency],
    ['ReqId', refund.req_id],
    ['MAC', mac],
  ];
  return {
    payId: refund.pay_id,
    transId: payout.payment_id,
    amountFen: amount,
    currency: payout.currency,
    reqId: refund.req_id,
    fields,
  };
}

/** SHA-256 (hex) of what a credit says, without its MAC: a rotated HMAC password changes no digest. */
export function creditDigest(request: CreditRequest): string {
  const unsigned = request.fields.filter(([key]) => key !== 'MAC');
  return createHash('sha256').update(encodeFields(unsigned), 'utf8').digest('hex');
}

/** The fields of an inquiry by PayID (TransID: the refund's own), with its MAC. */
export function inquiryFields(
  payId: string,
  transId: string,
  merchant: PaygateMerchant,
): ReadonlyArray<readonly [string, string]> {
  const mac = inquiryMac(merchant.hmacPassword, { payId, transId, merchantId: merchant.merchantId });
  return [
    ['MerchantID', merchant.merchantId],
    ['PayID', payId],
    ['TransID', transId],
    ['MAC', mac],
  ];
}
