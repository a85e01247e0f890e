/**
 * What a payout request's synchronous answer means. The rule that matters most: anything that does not
 * prove "accepted", "duplicate" or "refused before registration" is `unknown`, and the engine resolves an
 * unknown by a status query, never by resending blindly.
 */
import { describeAnswer, errorBodyOf, isRecord, parseJson } from './answerBody.js';
import type { HttpResult } from './http.js';
import { redact } from './redact.js';
import type { PayoutAnswer } from './types.js';

const DUPLICATE_CODE = '3041';

function unknown(
  reason: Extract<PayoutAnswer, { kind: 'unknown' }>['reason'],
  detail: string,
  httpStatus?: number,
): PayoutAnswer {
  return httpStatus === undefined
    ? { kind: 'unknown', reason, detail }
    : { kind: 'unknown', reason, httpStatus, detail };
}

/** HTTP 200 `{"status":"success","request_id"}` for our payment_id (the acceptance body is not signed). */
function acceptance(status: number, bodyText: string, body: unknown, paymentId: string): PayoutAnswer {
  if (!isRecord(body) || body['status'] !== 'success') {
    return unknown('unexpected', describeAnswer(status, bodyText, 'not an acceptance'), status);
  }
  const echoed = body['payment_id'];
  if (echoed !== undefined && String(echoed) !== paymentId) {
    return unknown('unexpected', `HTTP ${status}: acceptance names another payment_id`, status);
  }
  const requestId = body['request_id'];
  return { kind: 'accepted', httpStatus: status, requestId: typeof requestId === 'string' ? requestId : '' };
}

/** Classifies the answer to a payout request for `paymentId`. `secret` is only used to keep it out of texts. */
export function classifyPayoutAnswer(result: HttpResult, paymentId: string, secret?: string): PayoutAnswer {
  if ('error' in result) return unknown(result.error, redact(result.detail, secret));

  const { status, bodyText } = result;
  const body = parseJson(bodyText);
  const error = errorBodyOf(body);
  const message = error ? redact(error.message, secret) : '';

  // Whatever the HTTP status: the payment_id is taken, so the original exists.
  if (error?.code === DUPLICATE_CODE)
    return { kind: 'duplicate', httpStatus: status, code: DUPLICATE_CODE, message };

  if (status >= 500) {
    const what = error ? `server error ${error.code} ${message}` : 'server error';
    return unknown('server_error', redact(describeAnswer(status, bodyText, what), secret), status);
  }
  if (body === undefined) return unknown('malformed', describeAnswer(status, bodyText, 'not JSON'), status);
  if (status === 200) return acceptance(status, bodyText, body, paymentId);
  if (status >= 400 && error) return { kind: 'rejected', httpStatus: status, code: error.code, message };
  return unknown('unexpected', describeAnswer(status, bodyText, 'unexpected answer'), status);
}
