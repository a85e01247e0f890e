/**
 * The provider seam: the vocabulary the submission engine, its decision rules and its journal speak, whatever
 * the provider. An adapter (providers/ecommpay, providers/computop) turns its own requests, codes and
 * status names into these outcomes; nothing above this file knows a provider's code numbers.
 */
import type { BatchMethod, MethodId, PayoutDraft } from '../types.js';

/**
 * What a refund adds to a payout row: the earlier payment it credits. A refund row's `payment_id` is its
 * TransID, `amount_fen` the amount credited; the payee fields are empty.
 */
export interface RefundTerms {
  /** The provider's id of the payment refunded (Computop PayID, 32 characters). */
  pay_id: string;
  /** The credit's idempotency key (Computop ReqId, at most 32 characters), journaled at import. */
  req_id: string;
  /** The merchant's reference (Computop RefNr, at most 32 characters); '' when none. */
  ref_nr: string;
  reason: string;
  /** The original payment's captured amount as the shop's order system gave it; null when not given. */
  captured_fen: number | null;
  /**
   * What the provider said was already credited on the original payment just before this credit first left
   * (journaled with the send answer); null until then. With it a later inquiry proves this credit's outcome.
   */
  credited_before_fen: number | null;
}

/** A journaled payout, as the engine hands it to an adapter: every field the file gave, resolved. */
export type PayoutInstruction = Omit<PayoutDraft, 'amount_fen' | 'bank_id' | 'region_id'> & {
  method: BatchMethod;
  amount_fen: number;
  bank_id: number;
  region_id: number;
  /** Present on the rows of a refund batch (and only there). */
  refund?: RefundTerms | null;
  /** When its request first left (epoch ms); null or absent before. An idempotency key ages from here. */
  first_sent_at_ms?: number | null;
  /**
   * Its journal state when the engine asks for its status ('sending', 'unknown', 'accepted', a provider's
   * pending status, …): whether an answer was ever received decides whether a request may be repeated.
   */
  state?: string;
  /** The provider's reference from the answer that accepted it (Computop: the credit's XID); null before. */
  request_id?: string | null;
};

/**
 * What a provider said it holds for the original payment a refund credits, when an answer says it (Computop's
 * inquiry: captured and already credited amounts). The journal records it per payment: import validation and
 * later refunds of the same payment read it.
 */
export interface PaymentLedger {
  /** The provider's id of the original payment (PayID). */
  reference: string;
  capturedFen: number;
  creditedFen: number;
  currency: string | null;
}

/** A request built for one payout, ready to send. The same payout always gives the same digest. */
export interface PreparedPayout {
  readonly paymentId: string;
  readonly method: BatchMethod;
  /** SHA-256 of what the request says (without its signature): a resend must carry exactly the same data. */
  readonly digest: string;
  /** The adapter's own request; opaque to the engine. */
  readonly request: unknown;
}

/**
 * Why an outcome is unknown. `try_later` is the provider asking us to come back; nothing was processed.
 * `unreachable` (status queries only): the query never reached the provider.
 */
export type UnknownReason =
  | 'unreachable'
  | 'timeout'
  | 'network'
  | 'server_error'
  | 'malformed'
  | 'bad_signature'
  | 'try_later'
  | 'rejected'
  | 'unexpected';

/**
 * The synchronous answer to a payout request. Only `accepted` and `already_exists` prove the provider has it.
 * A `ledger` on it is what the provider said of a refund's original payment just BEFORE the request itself
 * left (Computop: the inquiry made before each credit).
 */
export type SendOutcome =
  | { kind: 'accepted'; reference: string; httpStatus?: number; ledger?: PaymentLedger }
  /** The payment id is registered already: the original exists, so only its status is ever read. */
  | { kind: 'already_exists'; code: string; message: string; httpStatus?: number }
  /** Refused before registration, with the provider's code: nothing was registered. Final. */
  | { kind: 'rejected'; code: string; message: string; httpStatus?: number; ledger?: PaymentLedger }
  /**
   * The request never left: the provider could not be reached at all (connection refused, no such host, TLS
   * failed, no connection before the deadline). Nothing was sent, so the payout may simply be sent later.
   */
  | { kind: 'not_sent'; detail: string }
  /** No usable answer: resolved by a status query, never by a blind resend. */
  | {
      kind: 'unknown';
      reason: UnknownReason;
      detail: string;
      httpStatus?: number;
      code?: string;
      message?: string;
      ledger?: PaymentLedger;
    };

/** Outcomes that end a payout (`reversed` may still follow `success`). */
export const FINAL_STATUSES = ['success', 'decline', 'error', 'partially_paid_out', 'reversed'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

interface ReportedPayment {
  /** The provider's own name for the status, as it said it. */
  providerStatus: string;
  /** The amount and currency the provider holds for this payment, when it says them. */
  amountFen: number | null;
  currency: string | null;
  /** The card or account number as the provider shows it (masked), when it says it. */
  maskedCard?: string | null;
  code: string | null;
  message: string | null;
  /** A refund's original payment as the provider holds it now, when the answer says it. */
  ledger?: PaymentLedger;
}

/**
 * How a signed answer's signature was verified, in the provider's own terms (ecommpay: 'documented' or
 * 'sdk-numeric', the array order its SDKs use): journaled with the answer, so an order the provider changes
 * to is visible.
 */
interface Verified {
  signatureOrder?: string;
}

/** The answer to a status query. */
export type StatusOutcome =
  | ({ kind: 'final'; status: FinalStatus } & ReportedPayment & Verified)
  /** Registered and still moving; `providerStatus` becomes the payout's state. */
  | ({ kind: 'pending' } & ReportedPayment & Verified)
  /** The provider says it has no such payment: evidence of absence once repeated after the grace time. */
  | ({ kind: 'not_found'; code: string; message: string } & Verified)
  /** The provider cannot tell yet (details not received): never evidence of absence. */
  | ({ kind: 'not_found_yet'; code: string; message: string } & Verified)
  | { kind: 'unknown'; reason: UnknownReason; detail: string; httpStatus?: number; code?: string };

/** A bank as a provider lists it. Limits are kept as sent: their units are the provider's. */
export interface FetchedBank {
  id: number;
  name: string;
  nativeName?: string;
  abbr?: string;
  currency?: string;
  minAmount?: number;
  maxAmount?: number;
}

export type BankListOutcome =
  | {
      ok: true;
      banks: FetchedBank[];
      /** Items without a usable id or name, left out. */
      skipped: number;
    }
  | { ok: false; detail: string };

/**
 * What a provider checks before a payout's request is journaled as leaving (Computop: the inquiry of the
 * payment a refund credits). `ready` with the payment's figures, which the journal records with the claim —
 * so they are on disk before the request leaves, whatever happens next; `refused`: final, nothing sent;
 * `not_sent`: the provider could not be asked, the payout stays queued.
 */
export type PreflightOutcome =
  | { kind: 'ready'; ledger?: PaymentLedger }
  | { kind: 'refused'; code: string; message: string; ledger?: PaymentLedger }
  | { kind: 'not_sent'; detail: string };

/** One provider as the engine and the application layer use it. */
export interface PayoutProvider {
  /** 'ecommpay', …: recorded with what it sends. */
  readonly name: string;
  /**
   * Builds the signed request of a payout. Pure: the same payout always gives the same request. Throws when
   * the payout cannot be expressed for this provider (then nothing is sent and a person looks at it).
   */
  prepare(payout: PayoutInstruction): PreparedPayout;
  /**
   * Asked before a payout is claimed for sending, when the provider needs to look first (refunds: the
   * payment's captured and credited amounts). Absent: nothing to check.
   */
  preflight?(payout: PayoutInstruction): Promise<PreflightOutcome>;
  /** Sends once, never retries. Network and provider conditions come back as outcomes, not exceptions. */
  send(prepared: PreparedPayout): Promise<SendOutcome>;
  /**
   * Where a sent payout stands. Given the whole journaled payout: ecommpay asks by payment id; Computop
   * repeats the credit under its journaled ReqId (the provider answers with the original's outcome and never
   * credits twice) and settles pending credits from the payment's captured and credited amounts.
   */
  queryStatus(payout: PayoutInstruction): Promise<StatusOutcome>;
  /** The banks the provider pays to for a method, where it can list them. */
  fetchBankList?(method: MethodId): Promise<BankListOutcome>;
  /** Plain guidance for a provider code, in the user's language; null when the code means nothing known. */
  guidance?(code: string, lang: 'en' | 'zh-CN'): string | null;
  /** Refuses further requests and closes connections (requests in flight end as unknown). */
  close(): Promise<void>;
}
