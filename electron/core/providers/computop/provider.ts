/**
 * The Computop Paygate adapter behind the provider seam: refunds of earlier ChinaPay payments as credits with
 * reference. Before a credit leaves, an inquiry reads the payment's captured and credited amounts (a refund
 * above what remains is not sent); every credit carries its journaled ReqId, so a credit repeated after an
 * unknown outcome returns the original's result instead of crediting twice.
 */
import type {
  PaymentLedger,
  PayoutInstruction,
  PayoutProvider,
  PreflightOutcome,
  PreparedPayout,
  SendOutcome,
  StatusOutcome,
} from '../types.js';
import type { InquiryAnswer, PaygateResult } from './answers.js';
import { PaygateClient, PaygateClientClosedError } from './client.js';
import { buildCreditRequest, creditDigest, type CreditRequest } from './creditRequest.js';
import {
  creditedOutcome,
  decideBeforeCredit,
  decideStatus,
  DEFAULT_REQID_LIFETIME_MS,
  failedOutcome,
  ledgerOf,
  sendOutcomeOf,
  statusOfInquiryFailure,
  statusOfResend,
  type RefundFacts,
} from './decide.js';
import type { PaygateEndpoint } from './endpoints.js';
import { computopGuidance } from './guidance.js';

export interface ComputopProviderOptions {
  concurrency: number;
  requestsPerSecond: number;
  timeoutMs: number;
  now?: () => number;
  /** How long a ReqId may be repeated after its credit first left; 365 days minus one by default. */
  reqIdLifetimeMs?: number;
}

/** An inquiry is read-only, so it alone is retried (before a credit) this many times after its first try. */
export const INQUIRY_RETRIES = 3;
const INQUIRY_RETRY_DELAY_MS = 200;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const factsOf = (credit: CreditRequest): RefundFacts => ({
  payId: credit.payId,
  amountFen: credit.amountFen,
  currency: credit.currency,
});

/**
 * Runs tasks of one key one after another (tasks of different keys run side by side): an inquiry and the
 * credit it allows are never interleaved with another refund of the same payment.
 */
function createSerializer(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

export function createComputopProvider(
  endpoint: PaygateEndpoint,
  options: ComputopProviderOptions,
): PayoutProvider {
  const client = new PaygateClient(endpoint, options);
  const now = options.now ?? Date.now;
  const reqIdLifetimeMs = options.reqIdLifetimeMs ?? DEFAULT_REQID_LIFETIME_MS;
  const onePaymentAtATime = createSerializer();

  /** The inquiry before a credit, retried while it gives no usable word; null when Paygate is unreachable. */
  async function inquireBeforeCredit(
    credit: CreditRequest,
  ): Promise<{ kind: 'send'; ledger: PaymentLedger } | { kind: 'stop'; outcome: SendOutcome }> {
    let lastDetail = '';
    for (let attempt = 0; attempt <= INQUIRY_RETRIES; attempt += 1) {
      if (attempt > 0) await pause(INQUIRY_RETRY_DELAY_MS * attempt);
      const result: PaygateResult<InquiryAnswer> = await client.inquire(credit.payId, credit.transId);
      if (!result.ok) {
        if (result.problem === 'unreachable') {
          return { kind: 'stop', outcome: { kind: 'not_sent', detail: `inquiry: ${result.detail}` } };
        }
        lastDetail = result.detail;
        continue;
      }
      const decision = decideBeforeCredit(result.answer, factsOf(credit));
      if (decision.kind === 'send') return decision;
      if (decision.kind === 'refuse') return { kind: 'stop', outcome: decision.outcome };
      lastDetail = decision.detail;
    }
    const detail = `the inquiry before the credit failed ${INQUIRY_RETRIES + 1} times (last: ${lastDetail}); the credit was not sent`;
    return { kind: 'stop', outcome: { kind: 'not_sent', detail } };
  }

  async function sendCredit(credit: CreditRequest): Promise<SendOutcome> {
    const before = await inquireBeforeCredit(credit);
    if (before.kind === 'stop') return before.outcome;
    return sendOutcomeOf(await client.credit(credit), before.ledger);
  }

  async function statusOf(payout: PayoutInstruction): Promise<StatusOutcome> {
    const refund = payout.refund;
    if (!refund)
      return { kind: 'unknown', reason: 'unexpected', detail: 'not a refund: Computop has no status for it' };
    const inquiry = await client.inquire(refund.pay_id, payout.payment_id);
    if (!inquiry.ok || inquiry.answer.code !== '00000000') return statusOfInquiryFailure(inquiry);
    const ledger = ledgerOf(inquiry.answer, refund.pay_id);
    const facts: RefundFacts = {
      payId: refund.pay_id,
      amountFen: payout.amount_fen,
      currency: payout.currency,
    };
    const decision = decideStatus({
      state: payout.state,
      amountFen: payout.amount_fen,
      creditedBeforeFen: refund.credited_before_fen,
      firstSentAtMs: payout.first_sent_at_ms ?? null,
      nowMs: now(),
      reqIdLifetimeMs,
      acceptedXid: payout.request_id ?? null,
      inquiry: inquiry.answer,
    });
    switch (decision.kind) {
      case 'credited':
        return creditedOutcome(facts, ledger);
      case 'failed':
        return failedOutcome(decision.detail, ledger);
      case 'wait':
        return {
          kind: 'pending',
          providerStatus: 'pending',
          amountFen: null,
          currency: null,
          code: null,
          message: null,
          ledger,
        };
      case 'ask_later':
        return { kind: 'unknown', reason: 'try_later', detail: decision.detail };
      case 'expired':
        return { kind: 'unknown', reason: 'unexpected', detail: decision.detail };
      case 'resend': {
        // The identical credit: same fields, same ReqId (rebuilt exactly as prepare builds it).
        const credit = buildCreditRequest(payout, client.merchant);
        return statusOfResend(await client.credit(credit), ledger);
      }
    }
  }

  /** The engine's look before it journals a credit as leaving: the same inquiry and capture rule as `send`. */
  async function preflightOf(payout: PayoutInstruction): Promise<PreflightOutcome> {
    const credit = buildCreditRequest(payout, client.merchant);
    const before = await inquireBeforeCredit(credit);
    if (before.kind === 'send') return { kind: 'ready', ledger: before.ledger };
    const outcome = before.outcome;
    if (outcome.kind === 'rejected')
      return {
        kind: 'refused',
        code: outcome.code,
        message: outcome.message,
        ...(outcome.ledger ? { ledger: outcome.ledger } : {}),
      };
    return { kind: 'not_sent', detail: outcome.kind === 'not_sent' ? outcome.detail : 'the inquiry failed' };
  }

  return {
    name: 'computop',

    async preflight(payout: PayoutInstruction): Promise<PreflightOutcome> {
      const key = (payout.refund?.pay_id ?? payout.payment_id).toLowerCase();
      try {
        return await onePaymentAtATime(key, () => preflightOf(payout));
      } catch (error) {
        if (error instanceof PaygateClientClosedError) return { kind: 'not_sent', detail: error.message };
        throw error;
      }
    },

    prepare(payout: PayoutInstruction): PreparedPayout {
      const credit = buildCreditRequest(payout, client.merchant);
      return {
        paymentId: payout.payment_id,
        method: payout.method,
        digest: creditDigest(credit),
        request: credit,
      };
    },

    async send(prepared: PreparedPayout): Promise<SendOutcome> {
      const credit = prepared.request as CreditRequest;
      try {
        return await onePaymentAtATime(credit.payId.toLowerCase(), () => sendCredit(credit));
      } catch (error) {
        // Closed before the credit left (the inquiry or the credit was refused by the client itself).
        if (error instanceof PaygateClientClosedError) return { kind: 'not_sent', detail: error.message };
        throw error;
      }
    },

    async queryStatus(payout: PayoutInstruction): Promise<StatusOutcome> {
      const key = (payout.refund?.pay_id ?? payout.payment_id).toLowerCase();
      try {
        return await onePaymentAtATime(key, () => statusOf(payout));
      } catch (error) {
        if (error instanceof PaygateClientClosedError)
          return { kind: 'unknown', reason: 'unexpected', detail: error.message };
        throw error;
      }
    },

    guidance: computopGuidance,

    async close() {
      client.close();
    },
  };
}
