import type { PayoutAnswer, StatusAnswer } from '../gate/types.js';
import { nextPollDelay, type SubmissionTiming } from './config.js';
import { CONSOLE_STATES, FINAL_PROVIDER_STATUSES } from './states.js';

/**
 * The never-pay-twice rules as pure functions: given what the provider answered, what a payout becomes.
 * No I/O here, so every rule is unit-tested on its own.
 */

/** What the journal knows about a payout's delivery. */
export interface DeliveryProgress {
  state: string;
  send_attempts: number;
  first_sent_at_ms: number | null;
  last_sent_at_ms: number | null;
  status_checks: number;
  not_found_count: number;
}

/** A change to one payout's journal row, and why. Only the listed columns change. */
export interface Transition {
  state: string;
  set: {
    provider_status?: string | null;
    code?: string | null;
    message?: string | null;
    request_id?: string | null;
    next_check_at_ms?: number | null;
    status_checks?: number;
    not_found_count?: number;
    final_at?: string | null;
  };
  /** Recorded in payout_events; never holds secrets or full card numbers. */
  event: Record<string, string | number | boolean | null>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** After the payout request itself. */
export function afterPayoutAnswer(
  answer: PayoutAnswer,
  sentAtMs: number,
  nowMs: number,
  timing: SubmissionTiming,
): Transition {
  const firstCheck = Math.max(nowMs, sentAtMs + timing.statusDelayMs);
  switch (answer.kind) {
    case 'accepted':
      return {
        state: CONSOLE_STATES.accepted,
        set: { request_id: answer.requestId, next_check_at_ms: firstCheck, code: null, message: null },
        event: { answer: 'accepted', http_status: answer.httpStatus },
      };
    case 'duplicate':
      // The payment id is already registered: the original exists, so we only ever read its status.
      return {
        state: CONSOLE_STATES.accepted,
        set: { code: answer.code, message: answer.message, next_check_at_ms: firstCheck },
        event: { answer: 'duplicate', code: answer.code, http_status: answer.httpStatus },
      };
    case 'rejected':
      // 408/429 mean "not now": the request was not processed, so the outcome is settled by status query.
      if (answer.httpStatus === 408 || answer.httpStatus === 429) {
        return {
          state: CONSOLE_STATES.unknown,
          set: { code: answer.code, message: answer.message, next_check_at_ms: firstCheck },
          event: { answer: 'try_later', code: answer.code, http_status: answer.httpStatus },
        };
      }
      return {
        state: CONSOLE_STATES.rejected,
        set: { code: answer.code, message: answer.message, final_at: iso(nowMs), next_check_at_ms: null },
        event: { answer: 'rejected', code: answer.code, http_status: answer.httpStatus },
      };
    case 'unknown':
      return {
        state: CONSOLE_STATES.unknown,
        set: { code: null, message: `no usable answer: ${answer.reason}`, next_check_at_ms: firstCheck },
        event: { answer: 'unknown', reason: answer.reason, http_status: answer.httpStatus ?? null },
      };
  }
}

/** Has the provider ever acknowledged this payout? Then it must never be sent again. */
function acknowledged(state: string): boolean {
  return state !== CONSOLE_STATES.unknown && state !== CONSOLE_STATES.sending;
}

/** After a status query. */
export function afterStatusAnswer(
  progress: DeliveryProgress,
  answer: StatusAnswer,
  nowMs: number,
  timing: SubmissionTiming,
): Transition {
  const checks = progress.status_checks + 1;
  const askAgain = (event: Transition['event'], extra: Transition['set'] = {}): Transition => ({
    state: progress.state,
    set: { status_checks: checks, next_check_at_ms: nowMs + nextPollDelay(timing, checks), ...extra },
    event,
  });

  if (answer.kind === 'unknown') return askAgain({ status_answer: 'unknown', reason: answer.reason });

  if (answer.kind === 'not_found') {
    // Only a payout the provider never acknowledged may turn out to be unregistered. 3062 ("details not yet
    // received") is never evidence of absence; 3061 is, once repeated after the grace time.
    if (acknowledged(progress.state) || answer.code !== '3061') {
      return askAgain({ status_answer: 'not_found', code: answer.code, trusted: false });
    }
    const notFound = progress.not_found_count + 1;
    const sinceSend = nowMs - (progress.last_sent_at_ms ?? nowMs);
    if (sinceSend >= timing.notFoundGraceMs && notFound >= timing.notFoundConfirmations) {
      return {
        state: CONSOLE_STATES.queued,
        set: {
          not_found_count: 0,
          status_checks: checks,
          next_check_at_ms: null,
          code: answer.code,
          message: answer.message,
        },
        event: {
          status_answer: 'not_found',
          code: answer.code,
          resend: 'provider says not registered; same payment_id',
        },
      };
    }
    return askAgain(
      { status_answer: 'not_found', code: answer.code, count: notFound },
      { not_found_count: notFound },
    );
  }

  const status = answer.paymentStatus;
  const details = { provider_status: status, code: answer.code, message: answer.message, not_found_count: 0 };
  if (FINAL_PROVIDER_STATUSES.has(status)) {
    return {
      state: status,
      set: { ...details, status_checks: checks, final_at: iso(nowMs), next_check_at_ms: null },
      event: {
        status_answer: status,
        code: answer.code,
        ...(status === 'reversed' && progress.state === 'success' ? { reversed_after_success: true } : {}),
      },
    };
  }
  // processing, awaiting clarification, awaiting retry, or a status this console does not know yet.
  return {
    ...askAgain({ status_answer: status }, details),
    state: status,
  };
}

/** A payout still not final after the threshold time goes to a person; it is never retried silently. */
export function afterThreshold(
  progress: DeliveryProgress,
  nowMs: number,
  timing: SubmissionTiming,
): Transition | null {
  if (progress.first_sent_at_ms === null || nowMs - progress.first_sent_at_ms < timing.thresholdMs)
    return null;
  return {
    state: CONSOLE_STATES.needsAttention,
    set: {
      next_check_at_ms: null,
      message: `not final after ${Math.round(timing.thresholdMs / 60_000)} min (last: ${progress.state})`,
    },
    event: { threshold_ms: timing.thresholdMs, last_state: progress.state },
  };
}
