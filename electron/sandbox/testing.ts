import {
  sign,
  signRequest,
  type JsonValue,
  type SignatureOrder,
} from '../core/providers/ecommpay/signature.js';

/**
 * Small helpers for tests that talk to the sandbox over HTTP (this folder's tests and the submission
 * engine's). Nothing here is used by the server itself.
 */

type JsonObject = Record<string, JsonValue>;

export interface SamplePayout {
  projectId: number;
  paymentId: string;
  amount?: number;
  currency?: string;
  bankId?: number | string;
  regionId?: number | string;
}

/**
 * A complete, unsigned CUP payout request body: every field seed 000 lists as mandatory (so it passes with
 * `requireAllFields`), valid for every method.
 */
export function samplePayoutBody(sample: SamplePayout): { general: JsonObject } & JsonObject {
  return {
    general: { project_id: sample.projectId, payment_id: sample.paymentId },
    payment: {
      amount: sample.amount ?? 10000,
      currency: sample.currency ?? 'CNY',
      description: 'sandbox test',
    },
    customer: {
      id: 'c-1',
      ip_address: '198.51.100.7',
      email: 'payee@example.com',
      state: '北京市',
      city: '北京',
      country: 'CN',
      phone: '8613800138000',
      zip: '100000',
      street: '长安街 1 号',
      first_name: '倩文',
      last_name: '伍',
    },
    card: { pan: '6216610000006793' },
    account: { bank_id: sample.bankId ?? 1, region_id: sample.regionId ?? 2, branch: 'BJ', city: '北京' },
  };
}

export function signedPayoutBody(sample: SamplePayout, secret: string): JsonObject {
  return signRequest(samplePayoutBody(sample), secret);
}

/**
 * A signed answer as Gate sends it (top-level `signature`), in the given order: `sdk-numeric` imitates an answer
 * signed the way the provider's PHP and JavaScript SDKs sort arrays of 11 or more elements.
 */
export function signedAnswer(
  body: JsonObject,
  secret: string,
  order: SignatureOrder = 'documented',
): JsonObject {
  return { ...body, signature: sign(body, secret, order) };
}

export function signedStatusBody(projectId: number, paymentId: string, secret: string): JsonObject {
  return signRequest({ general: { project_id: projectId, payment_id: paymentId } }, secret);
}

export interface JsonAnswer {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** POSTs a body (an object is sent as JSON, a string verbatim) and reads the whole answer. */
export async function postJson(url: string, body: unknown): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
