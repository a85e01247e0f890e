/**
 * The adapter's never-credit-twice rules as pure functions: what an inquiry and a credit answer mean for a
 * refund, in the provider-neutral outcomes of providers/types.ts. No I/O here (provider.ts does it), so every
 * rule is unit-tested alone.
 */
import { formatFen } from '../../money.js';
import type { PaymentLedger, SendOutcome, StatusOutcome, UnknownReason } from '../types.js';
import type { AnswerProblem, CreditAnswer, InquiryAnswer, PaygateResult } from './answers.js';
import { classifyCode, REFUND_ABOVE_CAPTURE } from './codes.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Paygate forgets a ReqId after 12 months; a day's margin keeps the console on the safe side of that. */
export const DEFAULT_REQID_LIFETIME_MS = 364 * DAY_MS;

/** A refund as the rules see it. */
export interface RefundFacts {
  payId: string;
  amountFen: number;
  currency: string;
}

/** What a successful inquiry says of the payment (its amounts are present: answers.ts checks that). */
export function ledgerOf(inquiry: InquiryAnswer, payId: string): PaymentLedger {
  return {
    reference: payId,
    capturedFen: inquiry.amountCap ?? 0,
    creditedFen: inquiry.amountCred ?? 0,
    currency: inquiry.currency,
  };
}

const yuan = (fen: number) => `¥${formatFen(fen)}`;

/** How a problem without a usable answer reads as a reason for an unknown outcome. */
function reasonOf(problem: Exclude<AnswerProblem, 'unreachable'>): UnknownReason {
  return problem === 'http_status' ? 'unexpected' : problem;
}

/** An answer's message: its Description, or the code when it gives none. */
const messageOf = (answer: CreditAnswer | InquiryAnswer) =>
  answer.description || `Paygate code ${answer.code}`;

/**
 * What the inquiry made before a credit allows:
 * - `send`: the payment has at least the refund left (AmountCap − AmountCred), with what it holds;
 * - `refuse`: a final outcome without sending (above what remains, or the inquiry itself refused: 2…/4…);
 * - `retry`: the inquiry gave no usable word (pending or information code): ask again.
 */
export type BeforeCredit =
  | { kind: 'send'; ledger: PaymentLedger }
  | { kind: 'refuse'; outcome: SendOutcome }
  | { kind: 'retry'; detail: string };

export function decideBeforeCredit(inquiry: InquiryAnswer, refund: RefundFacts): BeforeCredit {
  const codeClass = classifyCode(inquiry.code);
  if (codeClass === 'error' || codeClass === 'fatal') {
    return {
      kind: 'refuse',
      outcome: {
        kind: 'rejected',
        code: inquiry.code,
        message: `the inquiry of PayID ${refund.payId} was refused, so the credit was not sent: ${messageOf(inquiry)}`,
      },
    };
  }
  if (codeClass !== 'success') {
    return { kind: 'retry', detail: `the inquiry answered code ${inquiry.code}: ${messageOf(inquiry)}` };
  }
  const ledger = ledgerOf(inquiry, refund.payId);
  const remaining = ledger.capturedFen - ledger.creditedFen;
  if (refund.amountFen > remaining) {
    const message =
      `refund ${yuan(refund.amountFen)} above what remains of the capture ${yuan(Math.max(remaining, 0))} ` +
      `(captured ${yuan(ledger.capturedFen)}, already credited ${yuan(ledger.creditedFen)})`;
    return { kind: 'refuse', outcome: { kind: 'rejected', code: REFUND_ABOVE_CAPTURE, message, ledger } };
  }
  return { kind: 'send', ledger };
}

/** The outcome of a credit request, given the ledger the inquiry before it saw. Only Code decides. */
export function sendOutcomeOf(result: PaygateResult<CreditAnswer>, ledger: PaymentLedger): SendOutcome {
  if (!result.ok) {
    if (result.problem === 'unreachable') return { kind: 'not_sent', detail: result.detail };
    return {
      kind: 'unknown',
      reason: reasonOf(result.problem),
      detail: result.detail,
      ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
      ledger,
    };
  }
  const { answer, httpStatus } = result;
  switch (classifyCode(answer.code)) {
    case 'success':
    case 'pending':
      return {
        kind: 'accepted',
        reference: answer.xid || answer.payId || ledger.reference,
        httpStatus,
        ledger,
      };
    case 'error':
    case 'fatal':
      return { kind: 'rejected', code: answer.code, message: messageOf(answer), httpStatus, ledger };
    default:
      return {
        kind: 'unknown',
        reason: 'unexpected',
        detail: `Paygate answered code ${answer.code}, which is no outcome`,
        httpStatus,
        code: answer.code,
        message: messageOf(answer),
        ledger,
      };
  }
}

/** What the journal knows of a sent refund when its status is asked, and what the inquiry said just now. */
export interface StatusFacts {
  /** The payout's journal state ('sending', 'unknown', 'accepted', 'pending', …). */
  state: string | undefined;
  amountFen: number;
  /** AmountCred as the inquiry before the first credit saw it; null when not journaled. */
  creditedBeforeFen: number | null;
  firstSentAtMs: number | null;
  nowMs: number;
  reqIdLifetimeMs: number;
  /** The XID of the answer that accepted the credit (journaled as its reference); null when none. */
  acceptedXid: string | null;
  inquiry: Pick<InquiryAnswer, 'amountCred' | 'lastStatus' | 'xid'>;
}

/**
 * - `credited`: the credited amount grew by at least this refund since just before it left: it is done;
 * - `failed`: Paygate answered the credit once, the amounts do not show it, and the payment's last action IS
 *   this credit (the inquiry's XID is the one that accepted it, or — its amount-before journaled — the console
 *   sent nothing of this payment after it: one credit per payment at a time) with status FAILED: a pending
 *   credit that settled as a failure, which no amount can ever show;
 * - `wait`: Paygate answered the credit once (accepted or pending): it is never sent again (Paygate processes
 *   a repeated ReqId of an action still open once more), so wait for the amounts;
 * - `ask_later`: no answer was ever journaled, but the payment's last action is still open at Paygate: a
 *   resend now would be processed again, so ask later;
 * - `expired`: no answer was ever journaled and the ReqId may be forgotten by Paygate: a person decides;
 * - `resend`: no answer was ever journaled: repeat the identical credit, same ReqId; Paygate answers with the
 *   original's result (or carries it out now if it never arrived).
 * Only the states 'unknown' and 'sending' (no answer journaled) ever lead to a resend.
 */
export type StatusDecision =
  | { kind: 'credited' }
  | { kind: 'failed'; detail: string }
  | { kind: 'wait' }
  | { kind: 'ask_later'; detail: string }
  | { kind: 'expired'; detail: string }
  | { kind: 'resend' };

const NO_ANSWER_STATES: ReadonlySet<string> = new Set(['unknown', 'sending']);

/** A LastStatus that says the payment's last action is not finished. */
export function isOpenStatus(lastStatus: string): boolean {
  return /pending|open|in.?progress|processing/i.test(lastStatus);
}

export function decideStatus(facts: StatusFacts): StatusDecision {
  const credited = facts.inquiry.amountCred;
  if (
    facts.creditedBeforeFen !== null &&
    credited !== null &&
    credited - facts.creditedBeforeFen >= facts.amountFen
  ) {
    return { kind: 'credited' };
  }
  if (facts.state === undefined || !NO_ANSWER_STATES.has(facts.state)) {
    const xid = facts.inquiry.xid;
    // The payment's last action is this credit: its XID says so, or (the amount before it journaled) the
    // console sends one credit of a payment at a time, so nothing of ours came after it.
    const ours =
      facts.acceptedXid === null
        ? facts.creditedBeforeFen !== null
        : xid !== '' && xid.toLowerCase() === facts.acceptedXid.toLowerCase();
    if (ours && /^fail/i.test(facts.inquiry.lastStatus)) {
      return {
        kind: 'failed',
        detail: `Paygate reports this credit (XID ${xid}) as ${facts.inquiry.lastStatus}; nothing was credited`,
      };
    }
    return { kind: 'wait' };
  }
  if (isOpenStatus(facts.inquiry.lastStatus)) {
    return {
      kind: 'ask_later',
      detail: `the payment's last action is still open at Paygate (${facts.inquiry.lastStatus}); not resent yet`,
    };
  }
  if (facts.firstSentAtMs !== null && facts.nowMs - facts.firstSentAtMs >= facts.reqIdLifetimeMs) {
    return { kind: 'expired', detail: 'ReqId older than 12 months: not resent; a person decides' };
  }
  return { kind: 'resend' };
}

/** The status outcome of a repeated credit (same ReqId): Paygate's answer is the original's result. */
export function statusOfResend(result: PaygateResult<CreditAnswer>, ledger: PaymentLedger): StatusOutcome {
  if (!result.ok) {
    const reason: UnknownReason = result.problem === 'unreachable' ? 'unreachable' : reasonOf(result.problem);
    return {
      kind: 'unknown',
      reason,
      detail: `resending the credit: ${result.detail}`,
      ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
    };
  }
  const { answer } = result;
  // Paygate's credit answer does not state an amount: none is reported.
  const reported = { amountFen: null, currency: null, code: answer.code, ledger };
  switch (classifyCode(answer.code)) {
    case 'success':
      return {
        kind: 'final',
        status: 'success',
        providerStatus: answer.status || 'OK',
        ...reported,
        message: null,
      };
    case 'pending':
      return { kind: 'pending', providerStatus: 'pending', ...reported, message: answer.description || null };
    case 'error':
      return {
        kind: 'final',
        status: 'decline',
        providerStatus: answer.status || 'FAILED',
        ...reported,
        message: messageOf(answer),
      };
    case 'fatal':
      return {
        kind: 'final',
        status: 'error',
        providerStatus: answer.status || 'FAILED',
        ...reported,
        message: messageOf(answer),
      };
    default:
      return {
        kind: 'unknown',
        reason: 'unexpected',
        detail: `resending the credit: Paygate answered code ${answer.code}, which is no outcome`,
        code: answer.code,
      };
  }
}

/** The status outcome once the amounts prove the credit (rule `credited`). */
export function creditedOutcome(refund: RefundFacts, ledger: PaymentLedger): StatusOutcome {
  return {
    kind: 'final',
    status: 'success',
    providerStatus: 'OK',
    amountFen: refund.amountFen,
    currency: refund.currency,
    code: null,
    message: null,
    ledger,
  };
}

/** The status outcome of a pending credit that settled as a failure (rule `failed`). */
export function failedOutcome(detail: string, ledger: PaymentLedger): StatusOutcome {
  return {
    kind: 'final',
    status: 'decline',
    providerStatus: 'FAILED',
    amountFen: null,
    currency: null,
    code: null,
    message: detail,
    ledger,
  };
}

/** The status outcome of an inquiry with no usable word (refused, or no answer). */
export function statusOfInquiryFailure(
  result: PaygateResult<InquiryAnswer>,
): Extract<StatusOutcome, { kind: 'unknown' }> {
  if (!result.ok) {
    return {
      kind: 'unknown',
      reason: result.problem === 'unreachable' ? 'unreachable' : reasonOf(result.problem),
      detail: `inquiry: ${result.detail}`,
      ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
    };
  }
  const answer = result.answer;
  return {
    kind: 'unknown',
    reason:
      classifyCode(answer.code) === 'error' || classifyCode(answer.code) === 'fatal'
        ? 'rejected'
        : 'unexpected',
    detail: `inquiry answered code ${answer.code}: ${messageOf(answer)}`,
    httpStatus: result.httpStatus,
    code: answer.code,
  };
}
