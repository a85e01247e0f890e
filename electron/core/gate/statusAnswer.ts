/**
 * What a status answer means. Status answers are signed: one whose signature does not verify is never
 * trusted, however plausible it looks, because acting on a forged "not found" could pay twice.
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
import type { HttpResult } from './http.js';
import { redact } from './redact.js';
import { verify, type JsonValue } from './signature.js';
import type { StatusAnswer } from './types.js';

type UnknownStatus = Extract<StatusAnswer, { kind: 'unknown' }>;

const NOT_FOUND_CODES = new Set(['3061', '3062']);

function unknown(reason: UnknownStatus['reason'], detail: string, httpStatus?: number): UnknownStatus {
  return httpStatus === undefined
    ? { kind: 'unknown', reason, detail }
    : { kind: 'unknown', reason, httpStatus, detail };
}

function verifies(body: JsonRecord, secret: string): boolean {
  try {
    return verify(body as Record<string, JsonValue>, secret);
  } catch {
    // The signer refuses non-integer numbers; a body it cannot re-sign cannot be trusted either.
    return false;
  }
}

/** The last operation of type payout: the one whose outcome the payment reports. */
function lastPayoutOperation(body: JsonRecord): JsonRecord | null {
  const operations = Array.isArray(body['operations']) ? body['operations'] : [];
  for (let i = operations.length - 1; i >= 0; i -= 1) {
    const op: unknown = operations[i];
    if (isRecord(op) && op['type'] === 'payout') return op;
  }
  return null;
}

function found(payment: JsonRecord, body: JsonRecord, secret: string): StatusAnswer {
  const op = lastPayoutOperation(body);
  const sum = isRecord(payment['sum']) ? payment['sum'] : {};
  const provider = op && isRecord(op['provider']) ? op['provider'] : {};
  const message = op ? textOrNull(op['message']) : null;
  return {
    kind: 'found',
    paymentStatus: payment['status'] as string,
    operationStatus: op ? textOrNull(op['status']) : null,
    code: op ? codeText(op['code']) : null,
    message: message === null ? null : redact(message, secret),
    amount: Number.isSafeInteger(sum['amount']) ? (sum['amount'] as number) : null,
    currency: textOrNull(sum['currency']),
    providerDate: textOrNull(provider['date']),
    operationId: op ? codeText(op['id']) : null,
  };
}

/** A verified HTTP 200 body: not found, found, or something we do not understand. */
function readVerified(body: JsonRecord, paymentId: string, secret: string): StatusAnswer {
  const errors = Array.isArray(body['errors']) ? body['errors'] : [];
  const firstError: unknown = errors[0];
  const errorCode = isRecord(firstError) ? codeText(firstError['code']) : null;
  if (errorCode !== null && NOT_FOUND_CODES.has(errorCode)) {
    const message = isRecord(firstError) ? (textOrNull(firstError['message']) ?? '') : '';
    return { kind: 'not_found', code: errorCode, message: redact(message, secret) };
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
export function classifyStatusAnswer(result: HttpResult, paymentId: string, secret: string): StatusAnswer {
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
  if (!verifies(body, secret)) {
    return unknown('bad_signature', describeAnswer(status, bodyText, 'signature missing or wrong'), status);
  }
  return readVerified(body, paymentId, secret);
}
