/**
 * Paygate's answers, opened and checked: decrypted, cut to Len, read with case-insensitive keys, their MAC
 * verified when they carry one, and their ids checked against the request's. No decisions about money here:
 * only whether an answer is usable and what it says.
 */
import type { HttpResult } from '../transport/http.js';
import { answerMac, macMatches, openAnswer, PaygateCryptoError } from './paygateCrypto.js';

/** Why there is no usable answer. `unreachable`: the request never left. */
export type AnswerProblem =
  'unreachable' | 'timeout' | 'network' | 'server_error' | 'http_status' | 'malformed' | 'bad_signature';

export type PaygateResult<T> =
  | { ok: true; answer: T; httpStatus: number }
  | { ok: false; problem: AnswerProblem; detail: string; httpStatus?: number };

/** What an answer says in common: ids, Status (informational only) and Code (the outcome). */
export interface PaygateAnswer {
  payId: string;
  xid: string;
  transId: string;
  status: string;
  code: string;
  description: string;
  /** Whether the answer carried a MAC (it then matched: a wrong one makes the answer unusable). */
  signed: boolean;
}

export type CreditAnswer = PaygateAnswer & { refNr: string };

export interface InquiryAnswer extends PaygateAnswer {
  /** The payment's amounts in minor units; null when the answer does not give them (a refused inquiry). */
  amountCap: number | null;
  amountCred: number | null;
  amountAuth: number | null;
  currency: string | null;
  lastStatus: string;
}

/** What the answer must match: the merchant that asked, and the ids it asked about. */
export interface AnswerExpectation {
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
  payId: string;
  /** Checked when given (an inquiry's answer may name the payment's own TransID). */
  transId?: string;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The decrypted, verified fields of an answer, or why it cannot be used. */
export function readAnswer(
  result: HttpResult,
  expected: AnswerExpectation,
): PaygateResult<{ fields: Map<string, string>; base: PaygateAnswer }> {
  if ('error' in result) return { ok: false, problem: result.error, detail: result.detail };
  const httpStatus = result.status;
  if (httpStatus >= 500)
    return { ok: false, problem: 'server_error', detail: `HTTP ${httpStatus}`, httpStatus };
  if (httpStatus < 200 || httpStatus >= 300) {
    return { ok: false, problem: 'http_status', detail: `HTTP ${httpStatus}`, httpStatus };
  }
  let fields: Map<string, string>;
  try {
    fields = openAnswer(result.bodyText, expected.blowfishPassword);
  } catch (error) {
    if (!(error instanceof PaygateCryptoError)) throw error;
    return {
      ok: false,
      problem: 'malformed',
      detail: `cannot open the answer: ${error.message}`,
      httpStatus,
    };
  }
  const malformed = (detail: string) => ({
    ok: false as const,
    problem: 'malformed' as const,
    detail,
    httpStatus,
  });

  const code = fields.get('code');
  if (code === undefined || code === '') return malformed('the answer has no Code');
  const mid = fields.get('mid') ?? fields.get('merchantid');
  const base: PaygateAnswer = {
    payId: fields.get('payid') ?? '',
    xid: fields.get('xid') ?? '',
    transId: fields.get('transid') ?? '',
    status: fields.get('status') ?? '',
    code,
    description: fields.get('description') ?? '',
    signed: fields.has('mac'),
  };
  const mac = fields.get('mac');
  if (mac !== undefined) {
    const computed = answerMac(expected.hmacPassword, {
      payId: base.payId,
      transId: base.transId,
      merchantId: mid ?? expected.merchantId,
      status: base.status,
      code,
    });
    if (!macMatches(computed, mac)) {
      return { ok: false, problem: 'bad_signature', detail: 'the answer MAC does not match', httpStatus };
    }
  }
  if (mid !== undefined && !sameId(mid, expected.merchantId)) {
    return malformed(`the answer is for merchant ${mid}, not ours`);
  }
  if (base.payId !== '' && !sameId(base.payId, expected.payId)) {
    return malformed(`the answer is for PayID ${base.payId}, not ${expected.payId}`);
  }
  if (expected.transId !== undefined && base.transId !== '' && base.transId !== expected.transId) {
    return malformed(`the answer is for TransID ${base.transId}, not ${expected.transId}`);
  }
  return { ok: true, answer: { fields, base }, httpStatus };
}

export function readCreditAnswer(
  result: HttpResult,
  expected: AnswerExpectation,
): PaygateResult<CreditAnswer> {
  const read = readAnswer(result, expected);
  if (!read.ok) return read;
  const { fields, base } = read.answer;
  return { ok: true, httpStatus: read.httpStatus, answer: { ...base, refNr: fields.get('refnr') ?? '' } };
}

/** A whole number of minor units, or null when absent; undefined when present but not one. */
function amountOf(fields: Map<string, string>, key: string): number | null | undefined {
  const text = fields.get(key)?.trim();
  if (text === undefined || text === '') return null;
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * An inquiry's answer. A successful inquiry (Code 00000000) must give AmountCap and AmountCred as whole
 * numbers; the other codes refuse the inquiry and need not.
 */
export function readInquiryAnswer(
  result: HttpResult,
  expected: AnswerExpectation,
): PaygateResult<InquiryAnswer> {
  const read = readAnswer(result, expected);
  if (!read.ok) return read;
  const { fields, base } = read.answer;
  const amountCap = amountOf(fields, 'amountcap');
  const amountCred = amountOf(fields, 'amountcred');
  const amountAuth = amountOf(fields, 'amountauth');
  const malformed = (detail: string) => ({
    ok: false as const,
    problem: 'malformed' as const,
    detail,
    httpStatus: read.httpStatus,
  });
  if (amountCap === undefined || amountCred === undefined || amountAuth === undefined) {
    return malformed('the inquiry answer has an amount that is not a whole number');
  }
  if (base.code === '00000000' && (amountCap === null || amountCred === null)) {
    return malformed('the inquiry answer has no AmountCap or AmountCred');
  }
  return {
    ok: true,
    httpStatus: read.httpStatus,
    answer: {
      ...base,
      amountCap,
      amountCred,
      amountAuth,
      currency: fields.get('currency') || null,
      lastStatus: fields.get('laststatus') ?? '',
    },
  };
}
