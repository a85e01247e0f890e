import { parameterError, type ParameterName, type PaygateCode } from './codes.js';

/**
 * Field formats of the seed's credit table: PayID an32, TransID ans..64, Amount n..10 (> 0), Currency a3 (only
 * CNY here), RefNr an..32, ReqId ans..32. `ans` is read as printable ASCII without `&` and `=`, which cannot
 * travel inside Data unambiguously.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: PaygateCode };

const AN = /^[A-Za-z0-9]*$/;
const ANS = /^[\u0020-\u007e]*$/;
const UNSAFE = /[&=]/;

interface Format {
  name: ParameterName;
  key: string;
  alphabet: 'an' | 'ans';
  max: number;
  /** Fixed length (an32). */
  exact?: boolean;
}

const FORMATS = {
  PayID: { name: 'PayID', key: 'payid', alphabet: 'an', max: 32, exact: true },
  TransID: { name: 'TransID', key: 'transid', alphabet: 'ans', max: 64 },
  RefNr: { name: 'RefNr', key: 'refnr', alphabet: 'an', max: 32 },
  ReqId: { name: 'ReqId', key: 'reqid', alphabet: 'ans', max: 32 },
} as const satisfies Record<string, Format>;

/** A text field: `undefined` when absent or empty (a problem only if `required`). */
function text(fields: Map<string, string>, format: Format, required: boolean): Checked<string | undefined> {
  const value = fields.get(format.key) ?? '';
  if (value === '') {
    return required
      ? { ok: false, problem: parameterError('missing', format.name) }
      : { ok: true, value: undefined };
  }
  const alphabet = format.alphabet === 'an' ? AN : ANS;
  if (!alphabet.test(value) || UNSAFE.test(value)) {
    return { ok: false, problem: parameterError('format', format.name) };
  }
  if (value.length > format.max) return { ok: false, problem: parameterError('tooLong', format.name) };
  if (format.exact && value.length !== format.max) {
    return { ok: false, problem: parameterError('format', format.name, `${format.max} characters expected`) };
  }
  return { ok: true, value };
}

/** Amount n..10, integer minor units (fen), above zero. */
function amount(fields: Map<string, string>): Checked<number> {
  const value = fields.get('amount') ?? '';
  if (value === '') return { ok: false, problem: parameterError('missing', 'Amount') };
  if (!/^\d+$/.test(value)) return { ok: false, problem: parameterError('format', 'Amount') };
  if (value.length > 10) return { ok: false, problem: parameterError('tooLong', 'Amount') };
  const fen = Number(value);
  if (fen <= 0) return { ok: false, problem: parameterError('invalid', 'Amount', 'must be above 0') };
  return { ok: true, value: fen };
}

/** Currency a3; ChinaPay credits are in CNY only. */
function currency(fields: Map<string, string>): Checked<string> {
  const value = fields.get('currency') ?? '';
  if (value === '') return { ok: false, problem: parameterError('missing', 'Currency') };
  if (!/^[A-Za-z]{3}$/.test(value)) return { ok: false, problem: parameterError('format', 'Currency') };
  if (value.toUpperCase() !== 'CNY') {
    return { ok: false, problem: parameterError('notAllowed', 'Currency', 'only CNY') };
  }
  return { ok: true, value: 'CNY' };
}

export interface CreditFields {
  payId: string;
  transId: string;
  amount: number;
  currency: string;
  refNr: string | null;
  reqId: string | null;
}

/** The credit request's fields in the seed's formats, or the first problem (in the table's order). */
export function checkCreditFields(fields: Map<string, string>): Checked<CreditFields> {
  const payId = text(fields, FORMATS.PayID, true);
  if (!payId.ok) return payId;
  const transId = text(fields, FORMATS.TransID, true);
  if (!transId.ok) return transId;
  const fen = amount(fields);
  if (!fen.ok) return fen;
  const cny = currency(fields);
  if (!cny.ok) return cny;
  const refNr = text(fields, FORMATS.RefNr, false);
  if (!refNr.ok) return refNr;
  const reqId = text(fields, FORMATS.ReqId, false);
  if (!reqId.ok) return reqId;
  return {
    ok: true,
    value: {
      payId: payId.value ?? '',
      transId: transId.value ?? '',
      amount: fen.value,
      currency: cny.value,
      refNr: refNr.value ?? null,
      reqId: reqId.value ?? null,
    },
  };
}

export interface InquiryFields {
  payId: string;
  /** Optional in an inquiry by PayID; echoed in the answer. */
  transId: string;
}

/** The inquiry's PayID (an32, required) and TransID (ans..64, optional). */
export function checkInquiryFields(fields: Map<string, string>): Checked<InquiryFields> {
  const payId = text(fields, FORMATS.PayID, true);
  if (!payId.ok) return payId;
  const transId = text(fields, FORMATS.TransID, false);
  if (!transId.ok) return transId;
  return { ok: true, value: { payId: payId.value ?? '', transId: transId.value ?? '' } };
}
