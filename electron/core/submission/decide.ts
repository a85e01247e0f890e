import { CONSOLE_STATES } from '../payoutStates.js';
import type { SendOutcome, StatusOutcome } from '../providers/types.js';
import type { PayoutTransition } from '../store/types.js';
import { nextPollDelay, type SubmissionTiming } from './config.js';

/**
 * The never-pay-twice rules as pure functions: given what the provider answered (in the provider-neutral
 * outcomes of providers/types.ts), what a payout becomes. No I/O here, so every rule is unit-tested alone.
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

export type Transition = PayoutTransition;

const iso = (ms: number) => new Date(ms).toISOString();

/** After the payout request itself. */
export function afterPayoutAnswer(
  answer: SendOutcome,
  sentAtMs: number,
  nowMs: number,
  timing: SubmissionTiming,
): Transition {
  const firstCheck = Math.max(nowMs, sentAtMs + timing.statusDelayMs);
  const http = answer.httpStatus ?? null;
  switch (answer.kind) {
    case 'accepted':
      return {
        state: CONSOLE_STATES.accepted,
        set: { request_id: answer.reference, next_check_at_ms: firstCheck, code: null, message: null },
        event: { answer: 'accepted', http_status: http },
      };
    case 'already_exists':
      // The payment id is already registered: the original exists, so we only ever read its status.
      return {
        state: CONSOLE_STATES.accepted,
        set: { code: answer.code, message: answer.message, next_check_at_ms: firstCheck },
        event: { answer: 'already_exists', code: answer.code, http_status: http },
      };
    case 'rejected':
      return {
        state: CONSOLE_STATES.rejected,
        set: { code: answer.code, message: answer.message, final_at: iso(nowMs), next_check_at_ms: null },
        event: { answer: 'rejected', code: answer.code, http_status: http },
      };
    case 'unknown':
      // "Try later" was not processed; either way the outcome is settled by status query, never by a resend.
      if (answer.reason === 'try_later') {
        return {
          state: CONSOLE_STATES.unknown,
          set: { code: answer.code ?? null, message: answer.message ?? null, next_check_at_ms: firstCheck },
          event: { answer: 'try_later', code: answer.code ?? null, http_status: http },
        };
      }
      return {
        state: CONSOLE_STATES.unknown,
        set: { code: null, message: `no usable answer: ${answer.reason}`, next_check_at_ms: firstCheck },
        event: { answer: 'unknown', reason: answer.reason, http_status: http },
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
  answer: StatusOutcome,
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

  if (answer.kind === 'not_found_yet')
    return askAgain({ status_answer: 'not_found_yet', code: answer.code, trusted: false });

  if (answer.kind === 'not_found') {
    // Only a payout the provider never acknowledged may turn out to be unregistered, and only once the
    // provider said so repeatedly, the last time after the grace time.
    if (acknowledged(progress.state)) {
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

  const details = {
    provider_status: answer.providerStatus,
    code: answer.code,
    message: answer.message,
    not_found_count: 0,
  };
  if (answer.kind === 'final') {
    const status = answer.status;
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
  // Still moving (processing, awaiting clarification, …): the provider's own status becomes the state.
  return {
    ...askAgain({ status_answer: answer.providerStatus }, details),
    state: answer.providerStatus,
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
