import {
  answerMac,
  decryptData,
  encodeFields,
  encryptData,
  macMatches,
  PaygateCryptoError,
  parseFields,
} from '../../core/providers/computop/paygateCrypto.js';
import { cryptoError, parameterError, type PaygateCode } from './codes.js';

/** One merchant the emulated Paygate serves, with its two passwords. */
export interface PaygateMerchant {
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
}

/** What a Paygate route answers (a form-encoded text body), before faults are applied. */
export interface PaygateReply {
  status: number;
  body: string;
}

export type OpenedRequest =
  | { ok: true; merchant: PaygateMerchant; fields: Map<string, string> }
  /** `merchant` is null when the request named no merchant this Paygate knows: nothing can be encrypted. */
  | { ok: false; merchant: PaygateMerchant | null; clearMerchantId: string; problem: PaygateCode };

/** The outer form fields, keys lower-cased (Paygate's keys are case-insensitive); the first of duplicates wins. */
function outerFields(raw: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    const name = key.toLowerCase();
    if (!fields.has(name)) fields.set(name, value.trim());
  }
  return fields;
}

// Decrypting with the wrong Blowfish password gives bytes that are rarely valid UTF-8; when they are, control
// characters give them away.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return true;
  }
  return false;
}

/**
 * Opens `MerchantID` (clear), `Len` and `Data` into the decrypted fields (keys lower-cased), with the merchant
 * whose Blowfish password decrypts them. Checks nothing inside: the MAC and fields are the route's business.
 */
export function openRequest(raw: string, merchants: readonly PaygateMerchant[]): OpenedRequest {
  const outer = outerFields(raw);
  const clearMerchantId = outer.get('merchantid') ?? '';
  const fail = (merchant: PaygateMerchant | null, problem: PaygateCode): OpenedRequest => ({
    ok: false,
    merchant,
    clearMerchantId,
    problem,
  });
  if (clearMerchantId === '') return fail(null, parameterError('missing', 'MerchantID'));
  const merchant = merchants.find((m) => m.merchantId === clearMerchantId);
  if (!merchant) return fail(null, parameterError('notAllowed', 'MerchantID', 'unknown merchant'));

  const lenText = outer.get('len');
  const data = outer.get('data');
  if (lenText === undefined || lenText === '') return fail(merchant, parameterError('missing', 'Len'));
  if (data === undefined || data === '') return fail(merchant, parameterError('missing', 'Data'));
  if (!/^\d{1,9}$/.test(lenText)) return fail(merchant, parameterError('format', 'Len'));

  let plaintext: string;
  try {
    plaintext = decryptData(Number(lenText), data, merchant.blowfishPassword);
  } catch (err) {
    if (!(err instanceof PaygateCryptoError)) throw err;
    return fail(merchant, cryptoError('Data', `Data cannot be decrypted: ${err.problem}`));
  }
  if (hasControlCharacter(plaintext)) {
    return fail(merchant, cryptoError('Data', 'Data cannot be decrypted: not text'));
  }
  return { ok: true, merchant, fields: parseFields(plaintext) };
}

/** Whether `given` equals one of the `candidates` MACs (case-insensitively). */
export function macAccepted(given: string, candidates: readonly string[]): boolean {
  return candidates.some((expected) => macMatches(expected, given));
}

/** The fields every answer starts with; the route adds its own after them. */
export interface AnswerHead {
  payId: string;
  xid: string;
  transId: string;
  status: string;
  code: string;
  description: string;
}

// A value holding `&` or `=` cannot travel inside Data; an error answer echoes such a value as empty.
function echoable(value: string): string {
  return /[&=]/.test(value) ? '' : value;
}

/**
 * An encrypted answer `Len=<n>&Data=<HEX>`: `mid, PayID, XID, TransID, Status, Code, Description`, the route's
 * `extra` fields, then `MAC` over `PayID*TransID*MerchantID*Status*Code`. With `wrongMac` (the bad_signature
 * fault), the MAC is made with a key that is not the merchant's.
 */
export function sealAnswer(
  merchant: PaygateMerchant,
  head: AnswerHead,
  extra: ReadonlyArray<readonly [string, string]>,
  wrongMac = false,
): PaygateReply {
  const payId = echoable(head.payId);
  const transId = echoable(head.transId);
  const macKey = wrongMac ? `${merchant.hmacPassword}#not-the-merchant-key` : merchant.hmacPassword;
  const mac = answerMac(macKey, {
    payId,
    transId,
    merchantId: merchant.merchantId,
    status: head.status,
    code: head.code,
  });
  const text = encodeFields([
    ['mid', merchant.merchantId],
    ['PayID', payId],
    ['XID', head.xid],
    ['TransID', transId],
    ['Status', head.status],
    ['Code', head.code],
    ['Description', head.description.replace(/[&=]/g, ' ')],
    ...extra.map(([key, value]) => [key, echoable(value)] as const),
    ['MAC', mac],
  ]);
  const { len, data } = encryptData(text, merchant.blowfishPassword);
  return { status: 200, body: `Len=${len}&Data=${data}` };
}

/**
 * The answer to a request from a merchant this Paygate does not know: without its passwords nothing can be
 * encrypted or MACed, so Status, Code and Description come in clear.
 */
export function clearFailure(clearMerchantId: string, problem: PaygateCode): PaygateReply {
  const fields = new URLSearchParams();
  if (clearMerchantId !== '') fields.set('mid', clearMerchantId);
  fields.set('Status', 'FAILED');
  fields.set('Code', problem.code);
  fields.set('Description', problem.description);
  return { status: 200, body: fields.toString() };
}

/** A FAILED answer for a request that could be opened but not used, echoing what it named. */
export function failureAnswer(
  merchant: PaygateMerchant,
  fields: Map<string, string> | undefined,
  problem: PaygateCode,
  wrongMac: boolean,
): PaygateReply {
  return sealAnswer(
    merchant,
    {
      payId: fields?.get('payid') ?? '',
      xid: '',
      transId: fields?.get('transid') ?? '',
      status: 'FAILED',
      code: problem.code,
      description: problem.description,
    },
    [],
    wrongMac,
  );
}
