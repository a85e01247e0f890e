/**
 * What ecommpay's synchronous answer to a payout request means. The rule that matters most: anything that does
 * not prove "accepted", "already exists" or "refused before registration" is `unknown`, and the engine
 * resolves an unknown by a status query, never by resending blindly.
 */
import type { SendOutcome, UnknownReason } from '../types.js';
import type { HttpResult } from '../transport/http.js';
import { redact } from '../redact.js';
import { describeAnswer, errorBodyOf, isRecord, parseJson } from './answerBody.js';

/** "Payment ID already exists": the original payout is registered, whatever the HTTP status. */
const ALREADY_EXISTS_CODE = '3041';
/** 408 and 429 mean "not now": the request was not processed, so it is settled by a status query. */
const TRY_LATER_HTTP = new Set([408, 429]);

function unknown(reason: UnknownReason, detail: string, httpStatus?: number): SendOutcome {
  return httpStatus === undefined
    ? { kind: 'unknown', reason, detail }
    : { kind: 'unknown', reason, httpStatus, detail };
}

/** HTTP 200 `{"status":"success","request_id"}` for our payment_id (the acceptance body is not signed). */
function acceptance(status: number, bodyText: string, body: unknown, paymentId: string): SendOutcome {
  if (!isRecord(body) || body['status'] !== 'success') {
    return unknown('unexpected', describeAnswer(status, bodyText, 'not an acceptance'), status);
  }
  const echoed = body['payment_id'];
  if (echoed !== undefined && String(echoed) !== paymentId) {
    return unknown('unexpected', `HTTP ${status}: acceptance names another payment_id`, status);
  }
  const requestId = body['request_id'];
  return { kind: 'accepted', httpStatus: status, reference: typeof requestId === 'string' ? requestId : '' };
}

/** Classifies the answer to a payout request for `paymentId`. `secret` is only used to keep it out of texts. */
export function classifyPayoutAnswer(result: HttpResult, paymentId: string, secret?: string): SendOutcome {
  if ('error' in result) {
    if (result.error === 'unreachable') return { kind: 'not_sent', detail: redact(result.detail, secret) };
    return unknown(result.error, redact(result.detail, secret));
  }

  const { status, bodyText } = result;
  const body = parseJson(bodyText);
  const error = errorBodyOf(body);
  const message = error ? redact(error.message, secret) : '';

  if (error?.code === ALREADY_EXISTS_CODE)
    return { kind: 'already_exists', httpStatus: status, code: ALREADY_EXISTS_CODE, message };

  if (status >= 500) {
    const what = error ? `server error ${error.code} ${message}` : 'server error';
    return unknown('server_error', redact(describeAnswer(status, bodyText, what), secret), status);
  }
  if (body === undefined) return unknown('malformed', describeAnswer(status, bodyText, 'not JSON'), status);
  if (status === 200) return acceptance(status, bodyText, body, paymentId);
  if (status >= 400 && error) {
    if (TRY_LATER_HTTP.has(status)) {
      const detail = `HTTP ${status}: ${error.code} ${message}`;
      return { kind: 'unknown', reason: 'try_later', httpStatus: status, detail, code: error.code, message };
    }
    return { kind: 'rejected', httpStatus: status, code: error.code, message };
  }
  return unknown('unexpected', describeAnswer(status, bodyText, 'unexpected answer'), status);
}
