/**
 * Every code and message the emulator answers with, in one place. Codes marked (doc) come from the
 * gateway notes (../shared/design/gateway-ecommpay.md); the others are the sandbox's own realistic
 * choices, since the exact upstream values are unconfirmed.
 */

/** A synchronous Gate error: `{"status":"error","code","message"}` with its HTTP status. */
export interface GateError {
  httpStatus: number;
  code: string;
  message: string;
}

export const ERRORS = {
  malformedJson: { httpStatus: 422, code: '422', message: 'Malformed JSON in request body' }, // HTTP 422 (doc)
  signatureMissing: { httpStatus: 400, code: '3262', message: 'Signature is empty' }, // (doc)
  signatureWrong: { httpStatus: 400, code: '3261', message: 'Signature is invalid' }, // (doc)
  projectUnknown: { httpStatus: 400, code: '3001', message: 'Project not found' },
  currencyUnsupported: { httpStatus: 400, code: '3025', message: 'Currency is not supported: only CNY' },
  amountAboveMax: { httpStatus: 400, code: '2642', message: 'Amount exceeds the maximum payout limit' }, // (doc)
  amountBelowMin: { httpStatus: 400, code: '3358', message: 'Amount is below the minimum payout limit' }, // (doc)
  duplicatePaymentId: { httpStatus: 400, code: '3041', message: 'Payment ID already exists' }, // (doc)
  platformUnavailable: { httpStatus: 500, code: '500', message: 'Platform unavailable' }, // (doc)
  notFound: { httpStatus: 404, code: '404', message: 'Not found' },
  bodyTooLarge: { httpStatus: 413, code: '413', message: 'Request body too large' },
  dataApiToken: { httpStatus: 401, code: '401', message: 'Invalid Data API token' },
} as const satisfies Record<string, GateError>;

/** Missing or unusable parameter (doc: 2004), naming the field. */
export function missingField(path: string): GateError {
  return { httpStatus: 400, code: '2004', message: `Missing required parameter: ${path}` };
}

export function invalidField(path: string, why: string): GateError {
  return { httpStatus: 400, code: '2004', message: `Invalid parameter ${path}: ${why}` };
}

/** Unknown bank or region (doc: 2801). */
export function bankNotFound(what: string): GateError {
  return { httpStatus: 400, code: '2801', message: `Bank ID not found: ${what}` };
}

/** Codes that ride in a status answer's `errors[]` (HTTP 200). */
export const STATUS_ERRORS = {
  notFound: { code: '3061', message: 'Transaction not found' }, // (doc)
  temporarilyNotFound: { code: '3062', message: 'Payment not found' }, // (doc: may be temporary)
} as const;

/** Operation codes (doc). */
export const OPERATION_CODES = {
  success: { code: '0', message: 'Success' },
  awaiting: { code: '9999', message: 'Awaiting processing' },
  insufficientFunds: { code: '20105', message: 'Insufficient funds on customer account' },
  accountUnavailable: { code: '20106', message: 'Customer account is no longer available' },
  /** An attempt the platform retried (seed 003's message); see the sandbox option `retriedOperations`. */
  timeout: { code: '20602', message: 'Time-out' },
  /** Default reason of a payment put in `error` through /__sandbox/error. */
  merchantBalance: { code: '3028', message: 'Insufficient merchant balance' },
} as const;
