/**
 * The Gate client's vocabulary: where to send, how to behave, and what each answer means for the engine.
 * See ../../../../shared/design/gateway-ecommpay.md for the provider facts behind these shapes.
 */
import type { MethodId } from '../types.js';

export interface GateEndpoint {
  /** e.g. https://api.ecommpay.com or http://127.0.0.1:PORT (a path prefix is kept). */
  baseUrl: string;
  projectId: number;
  /** NEVER logged, never in an error message, never in a returned object. */
  secretKey: string;
  /** Production default '/v2/payment/chinaunionpay/payout' for every method. */
  payoutPaths: Record<MethodId, string>;
  /** '/v2/payment/status' */
  statusPath: string;
  /** '/v2/info/banks/chinaunionpay/payout/list' */
  bankListPaths: Record<MethodId, string>;
}

/** Fields the payout file does not carry, configurable by an admin. */
export interface PayoutDefaults {
  customerIp: string;
  /** 'CN' */
  country: string;
  city?: string;
  zip?: string;
  street?: string;
  email?: string;
  description?: string;
}

export interface GateClientOptions {
  /** Whole-request deadline; default 30000. */
  timeoutMs?: number;
  /** Requests in flight at most (and sockets per origin); default 8. */
  concurrency?: number;
  /** Request starts per second; default 0 = unlimited. */
  requestsPerSecond?: number;
  payoutDefaults: PayoutDefaults;
  /** Clock for generated ids (bank-list payment_id); default Date.now. */
  now?: () => number;
}

/** The synchronous answer to a payout request. Only `accepted` and `duplicate` prove Gate has the payment. */
export type PayoutAnswer =
  | { kind: 'accepted'; httpStatus: number; requestId: string }
  /** The original exists: read its status, never invent a new payment_id. */
  | { kind: 'duplicate'; httpStatus: number; code: '3041'; message: string }
  /** A 4xx error body: the payment is not registered. */
  | { kind: 'rejected'; httpStatus: number; code: string; message: string }
  /** Outcome unknown: resolve by a status query, never by resending blindly. */
  | {
      kind: 'unknown';
      reason: 'timeout' | 'network' | 'server_error' | 'malformed' | 'unexpected';
      httpStatus?: number;
      detail: string;
    };

export type StatusAnswer =
  | {
      kind: 'found';
      /** payment.status: authoritative. */
      paymentStatus: string;
      /** Status, code and message of the last operation of type payout, if any. */
      operationStatus: string | null;
      code: string | null;
      message: string | null;
      /** payment.sum, in minor units. */
      amount: number | null;
      currency: string | null;
      providerDate: string | null;
      operationId: string | null;
    }
  /** 3061 or 3062; 3062 (and sometimes 3061) can be temporary: ask again later before resending. */
  | { kind: 'not_found'; code: string; message: string }
  | {
      kind: 'unknown';
      reason:
        'timeout' | 'network' | 'server_error' | 'malformed' | 'bad_signature' | 'rejected' | 'unexpected';
      httpStatus?: number;
      detail: string;
      /** Gate's error code when it answered with an error body (e.g. 3261: our signature was refused). */
      code?: string;
    };

/** A bank as the bank-list endpoint returned it. Limit key names are unconfirmed, so they are found leniently. */
export interface FetchedBank {
  id: number;
  name: string;
  nativeName?: string;
  abbr?: string;
  currency?: string;
  minAmount?: number;
  maxAmount?: number;
}

export type BankListAnswer =
  | {
      ok: true;
      banks: FetchedBank[];
      /** Items without a usable id or name, left out. */
      skipped: number;
    }
  | { ok: false; detail: string };

// The signed request bodies. Type aliases (not interfaces) so they stay assignable to the signer's JsonValue.

export type PayoutRequestBody = {
  general: { project_id: number; payment_id: string; signature?: string };
  payment: { amount: number; currency: 'CNY'; description?: string };
  customer: {
    id: string;
    ip_address?: string;
    email?: string;
    state?: string;
    city?: string;
    country: string;
    phone?: string;
    zip?: string;
    street?: string;
    first_name: string;
    last_name: string;
    identify?: { doc_number: string };
  };
  card: { pan: string };
  account: { bank_id: number; region_id: number; branch?: string; city?: string };
};

export type SignedPayoutBody = PayoutRequestBody & {
  general: PayoutRequestBody['general'] & { signature: string };
};

export type StatusRequestBody = {
  general: { project_id: number; payment_id: string; signature: string };
};

export type BankListRequestBody = {
  general: { project_id: number; payment_id: string; signature: string };
  payment: { amount: number; currency: 'CNY' };
};
