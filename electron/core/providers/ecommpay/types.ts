/**
 * ecommpay Gate's own shapes: where to send, how the client behaves, and the signed request bodies. What an
 * answer means is expressed in the provider-neutral outcomes of ../types.ts.
 * See shared/design/gateway-ecommpay.md for the provider facts behind these shapes.
 */
import type { MethodId } from '../../types.js';

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
  /** Which of customer.first_name / last_name carries the family name (姓); default 'first_name'. */
  familyNameField?: 'first_name' | 'last_name';
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
