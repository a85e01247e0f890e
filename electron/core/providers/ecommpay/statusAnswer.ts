/**
 * What ecommpay's status answer means. Status answers are signed: one whose signature does not verify is never
 * trusted, however plausible it looks, because acting on a forged "not found" could pay twice. The signature is
 * checked in the documented order, then in the SDKs' order (they differ once `operations[]` has 11 or more
 * entries); the outcome says which one matched.
 *
 * The answer's operations come as `operations[]` (status answers) or as one `operation` object (callbacks and
 * callback-style answers); both are read.
 */
import {
  codeText,
  describeAnswer,
  errorBodyOf,
  isRecord,
  parseJson,
  textOrNull,
  type JsonRecord,
} from './answerBody.js';
import type { HttpResult } from '../transport/http.js';
import { redact } from '../redact.js';
import { FINAL_STATUSES, type FinalStatus, type StatusOutcome } from '../types.js';
import { verifiedOrder, type JsonValue, type SignatureOrder } from './signature.js';

type UnknownStatus = Extract<StatusOutcome, { kind: 'unknown' }>;

/**
 * A status outcome as read from an ecommpay answer. An answer whose signature verified says in which order
 * (`documented`, or `sdk-numeric` for an answer signed as the PHP/JavaScript SDKs sort long arrays), so the
 * journal can record it; unverified answers (`unknown`) carry none.
 */
export type EcommpayStatusOutcome = StatusOutcome & { signatureOrder?: SignatureOrder };

/** "Transaction not found": the provider's word that it has no such payment (evidence once repeated late). */
const NOT_FOUND_CODE = '3061';
/** "Details not yet received": the provider cannot tell yet; never evidence of absence. */
const NOT_FOUND_YET_CODE = '3062';

/** ecommpay's payout statuses that end a payout; every other status (`processing`, `awaiting …`) is pending. */
const FINAL: ReadonlySet<string> = new Set<string>(FINAL_STATUSES);

function isFinalStatus(status: string): status is FinalStatus {
  return FINAL.has(status);
}

function unknown(reason: UnknownStatus['reason'], detail: string, httpStatus?: number): UnknownStatus {
  return httpStatus === undefined
    ? { kind: 'unknown', reason, detail }
    : { kind: 'unknown', reason, httpStatus, detail };
}

/** The order the answer's signature verified in, or null when it does not verify in any. */
function signatureOrderOf(body: JsonRecord, secret: string): SignatureOrder | null {
  try {
    return verifiedOrder(body as Record<string, JsonValue>, secret);
  } catch {
    // The signer refuses non-integer numbers; a body it cannot re-sign cannot be trusted either.
    return null;
  }
}

const isPayoutOperation = (op: unknown): op is JsonRecord => isRecord(op) && op['type'] === 'payout';

/**
 * The last operation of type payout, the one whose outcome the payment reports: from `operations[]`, or else
 * the single `operation` object a callback-style answer carries.
 */
function lastPayoutOperation(body: JsonRecord): JsonRecord | null {
  const operations = Array.isArray(body['operations']) ? body['operations'] : [];
  for (let i = operations.length - 1; i >= 0; i -= 1) {
    const op: unknown = operations[i];
    if (isPayoutOperation(op)) return op;
  }
  const single = body['operation'];
  return isPayoutOperation(single) ? single : null;
}

/** `payment.status` is authoritative; code and message come from the last payout operation. */
function found(payment: JsonRecord, body: JsonRecord, secret: string): StatusOutcome {
  const op = lastPayoutOperation(body);
  const sum = isRecord(payment['sum']) ? payment['sum'] : {};
  const message = op ? textOrNull(op['message']) : null;
  const status = payment['status'] as string;
  const reported = {
    providerStatus: status,
    amountFen: Number.isSafeInteger(sum['amount']) ? (sum['amount'] as number) : null,
    currency: textOrNull(sum['currency']),
    code: op ? codeText(op['code']) : null,
    message: message === null ? null : redact(message, secret),
  };
  return isFinalStatus(status) ? { kind: 'final', status, ...reported } : { kind: 'pending', ...reported };
}

/** A verified HTTP 200 body: not found, found, or something we do not understand. */
function readVerified(body: JsonRecord, paymentId: string, secret: string): StatusOutcome {
  const errors = Array.isArray(body['errors']) ? body['errors'] : [];
  const firstError: unknown = errors[0];
  const errorCode = isRecord(firstError) ? codeText(firstError['code']) : null;
  if (errorCode === NOT_FOUND_CODE || errorCode === NOT_FOUND_YET_CODE) {
    const message = redact(isRecord(firstError) ? (textOrNull(firstError['message']) ?? '') : '', secret);
    const kind = errorCode === NOT_FOUND_CODE ? 'not_found' : 'not_found_yet';
    return { kind, code: errorCode, message };
  }

  const payment = body['payment'];
  if (!isRecord(payment) || typeof payment['status'] !== 'string') {
    return unknown('unexpected', 'HTTP 200: signed answer without a payment status', 200);
  }
  if (payment['id'] !== undefined && String(payment['id']) !== paymentId) {
    return unknown('unexpected', 'HTTP 200: status answer names another payment_id', 200);
  }
  return found(payment, body, secret);
}

/** Classifies the answer to a status query for `paymentId`, verifying its signature with `secret`. */
export function classifyStatusAnswer(
  result: HttpResult,
  paymentId: string,
  secret: string,
): EcommpayStatusOutcome {
  if ('error' in result) return unknown(result.error, redact(result.detail, secret));

  const { status, bodyText } = result;
  const body = parseJson(bodyText);
  const error = errorBodyOf(body);
  if (status >= 500) {
    const what = error ? `server error ${error.code} ${error.message}` : 'server error';
    return unknown('server_error', redact(describeAnswer(status, bodyText, what), secret), status);
  }

  if (status >= 400) {
    if (!error) return unknown('unexpected', describeAnswer(status, bodyText, 'no error body'), status);
    // E.g. 3261: Gate refused our signature (wrong secret key?). Nothing is known about the payment.
    const detail = redact(`HTTP ${status}: ${error.code} ${error.message}`, secret);
    return { ...unknown('rejected', detail, status), code: error.code };
  }

  if (status !== 200)
    return unknown('unexpected', describeAnswer(status, bodyText, 'unexpected answer'), status);
  if (!isRecord(body))
    return unknown('malformed', describeAnswer(status, bodyText, 'not a JSON object'), status);
  const signatureOrder = signatureOrderOf(body, secret);
  if (signatureOrder === null) {
    const what = 'signature missing or wrong in every order tried';
    return unknown('bad_signature', describeAnswer(status, bodyText, what), status);
  }
  return { ...readVerified(body, paymentId, secret), signatureOrder };
}
