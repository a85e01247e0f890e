import { maskPan } from '../i18n/mask.js';
import { formatFen } from '../money.js';
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
  /** What was journaled to be paid: the provider's word is checked against it. */
  amount_fen: number;
  currency: string;
  card_number: string;
}

/** The code of a payout the provider reports differently from what was journaled. */
export const PROVIDER_MISMATCH = 'PROVIDER_MISMATCH';

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
  const http = 'httpStatus' in answer ? (answer.httpStatus ?? null) : null;
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
    case 'not_sent':
      // The request never left (the provider could not be reached): the payout is simply still to be sent.
      return {
        state: CONSOLE_STATES.queued,
        set: { code: null, message: `not sent: ${answer.detail}`, next_check_at_ms: null },
        event: { answer: 'not_sent', detail: answer.detail },
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
  // Which signature order the answer matched, journaled with it (see StatusOutcome).
  const signed: Record<string, string> = answer.signatureOrder
    ? { signature_order: answer.signatureOrder }
    : {};

  if (answer.kind === 'not_found_yet')
    return askAgain({ status_answer: 'not_found_yet', code: answer.code, trusted: false, ...signed });

  if (answer.kind === 'not_found') {
    // Only a payout the provider never acknowledged may turn out to be unregistered, and only once the
    // provider said so repeatedly, the last time after the grace time.
    if (acknowledged(progress.state)) {
      return askAgain({ status_answer: 'not_found', code: answer.code, trusted: false, ...signed });
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
          ...signed,
        },
      };
    }
    return askAgain(
      { status_answer: 'not_found', code: answer.code, count: notFound, ...signed },
      { not_found_count: notFound },
    );
  }

  const details = {
    provider_status: answer.providerStatus,
    code: answer.code,
    message: answer.message,
    not_found_count: 0,
  };
  // The provider's word is checked against ours: a payment it holds with another amount, currency or card is
  // not this payout (a payment id reused elsewhere, say). It goes to a person, never to success.
  const mismatch = providerMismatch(progress, answer);
  if (mismatch) {
    return {
      state: CONSOLE_STATES.needsAttention,
      set: {
        ...details,
        code: PROVIDER_MISMATCH,
        message: mismatch,
        status_checks: checks,
        next_check_at_ms: null,
      },
      event: {
        status_answer: answer.providerStatus,
        mismatch,
        provider_amount_fen: answer.amountFen,
        provider_currency: answer.currency,
        ...signed,
      },
    };
  }
  if (answer.kind === 'final') {
    const status = answer.status;
    return {
      state: status,
      set: { ...details, status_checks: checks, final_at: iso(nowMs), next_check_at_ms: null },
      event: {
        status_answer: status,
        code: answer.code,
        ...(status === 'reversed' && progress.state === 'success' ? { reversed_after_success: true } : {}),
        ...signed,
      },
    };
  }
  // Still moving (processing, awaiting clarification, …): the provider's own status becomes the state.
  return {
    ...askAgain({ status_answer: answer.providerStatus, ...signed }, details),
    state: answer.providerStatus,
  };
}

/**
 * How the provider's report differs from the journaled payout (both values, for a person), or null when it
 * matches. Only what the provider says is compared: a field it does not report is not a difference.
 */
export function providerMismatch(
  progress: Pick<DeliveryProgress, 'amount_fen' | 'currency' | 'card_number'>,
  answer: { amountFen: number | null; currency: string | null; maskedCard?: string | null },
): string | null {
  const differences: string[] = [];
  if (answer.amountFen !== null && answer.amountFen !== progress.amount_fen)
    differences.push(
      `amount: provider ${formatFen(answer.amountFen)}, journal ${formatFen(progress.amount_fen)}`,
    );
  if (answer.currency !== null && answer.currency.toUpperCase() !== progress.currency.toUpperCase())
    differences.push(`currency: provider ${answer.currency}, journal ${progress.currency}`);
  if (answer.maskedCard && !sameCard(answer.maskedCard, progress.card_number))
    differences.push(`card: provider ${answer.maskedCard}, journal ${maskPan(progress.card_number)}`);
  return differences.length === 0 ? null : `the provider reports another payment: ${differences.join('; ')}`;
}

/** Whether a masked card number (digits around a mask) can be this card: its visible digits agree. */
function sameCard(masked: string, pan: string): boolean {
  const compact = masked.replace(/[\s-]/g, '');
  const [, head = '', tail = ''] = /^(\d*)\D+(\d*)$/.exec(compact) ?? [null, compact, ''];
  if (!/\D/.test(compact)) return compact === pan;
  return pan.startsWith(head) && pan.endsWith(tail);
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
