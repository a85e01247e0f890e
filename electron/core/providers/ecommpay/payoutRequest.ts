/**
 * Builds the signed Gate payout request for one stored payout (seed 000, "Payout by using Gate").
 *
 * The body is a pure function of (payout, endpoint, defaults, region) with a fixed key order, so a
 * resend after an unknown outcome carries exactly the same bytes as the first attempt.
 */
import type { Region } from '../../reference/referenceData.js';
import type { PayoutInstruction } from '../types.js';
import { sign, type JsonValue } from './signature.js';
import type { GateEndpoint, PayoutDefaults, SignedPayoutBody } from './types.js';

type JsonObject = Record<string, JsonValue>;

/** What the body is built from: a journaled payout (its method decides only the path, not the body). */
type PayoutFields = Omit<PayoutInstruction, 'method'>;

/** Trimmed text, or undefined when there is nothing to send (Gate gets no empty strings). */
function present(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** An object of the given entries in the given order, leaving out the absent ones. */
function compact(entries: Array<[string, JsonValue | undefined]>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function requireInteger(value: number, what: string): number {
  // Floats sign differently on each side and fen are whole by definition.
  if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be an integer`);
  return value;
}

/** Gate wants the phone as digits only, without the leading +. */
function phoneDigits(phone: string): string | undefined {
  return present(phone.replace(/\D/g, ''));
}

/**
 * customer.first_name and customer.last_name. The file's 姓 (family name) is our last_name; where the
 * provider wants it is a project setting. The seeds' examples all put the family name 伍 in first_name and
 * the given name 倩文 in last_name, so that is the default.
 */
function nameParts(payout: PayoutFields, defaults: PayoutDefaults): [string, string] {
  const family = payout.last_name.trim();
  const given = payout.first_name.trim();
  return (defaults.familyNameField ?? 'first_name') === 'first_name' ? [family, given] : [given, family];
}

function customerPart(payout: PayoutFields, defaults: PayoutDefaults, region?: Region): JsonObject {
  const docNumber = present(payout.id_number);
  const [firstName, lastName] = nameParts(payout, defaults);
  // Payouts imported before the address was stored have empty address fields: the defaults fill them.
  return compact([
    ['id', present(payout.customer_id) ?? payout.payment_id],
    ['ip_address', present(defaults.customerIp)],
    ['email', present(payout.email) ?? present(defaults.email)],
    ['state', present(payout.province) ?? present(region?.name_zh)],
    ['city', present(payout.city) ?? present(payout.bank_city) ?? present(defaults.city)],
    ['country', present(defaults.country) ?? 'CN'],
    ['phone', phoneDigits(payout.phone)],
    ['zip', present(payout.zip) ?? present(defaults.zip)],
    ['street', present(payout.street) ?? present(defaults.street)],
    ['first_name', firstName],
    ['last_name', lastName],
    ['identify', docNumber ? { doc_number: docNumber } : undefined],
  ]);
}

/** The unsigned body, in a fixed key order. */
function unsignedBody(
  payout: PayoutFields,
  endpoint: GateEndpoint,
  defaults: PayoutDefaults,
  region?: Region,
): JsonObject {
  const paymentId = present(payout.payment_id);
  if (!paymentId) throw new TypeError('payout has no payment_id');
  if (payout.amount_fen <= 0) throw new TypeError('amount_fen must be positive');
  return {
    general: {
      project_id: requireInteger(endpoint.projectId, 'projectId'),
      payment_id: paymentId,
    },
    payment: compact([
      ['amount', requireInteger(payout.amount_fen, 'amount_fen')],
      // Gate pays CUP in CNY only; validation refused anything else before the payout was stored.
      ['currency', 'CNY'],
      ['description', present(payout.description) ?? present(defaults.description)],
    ]),
    customer: customerPart(payout, defaults, region),
    card: { pan: payout.card_number.replace(/\s/g, '') },
    account: compact([
      ['bank_id', requireInteger(payout.bank_id, 'bank_id')],
      ['region_id', requireInteger(payout.region_id, 'region_id')],
      ['branch', present(payout.branch)],
      ['city', present(payout.bank_city) ?? present(payout.city)],
    ]),
  };
}

/**
 * The body as it will be sent, without its signature, for a person to read (validate --preview): the card
 * number masked by `maskPan`, everything else exactly as the request builder makes it.
 */
export function previewPayoutRequest(
  payout: PayoutFields,
  endpoint: Omit<GateEndpoint, 'secretKey'>,
  defaults: PayoutDefaults,
  maskPan: (pan: string) => string,
  region?: Region,
): Record<string, JsonValue> {
  const body = unsignedBody(payout, { ...endpoint, secretKey: '' }, defaults, region);
  const card = body['card'] as JsonObject;
  return { ...body, card: { ...card, pan: maskPan(String(card['pan'])) } };
}

/**
 * The signed payout request body. `region` is the payout's region (its `name_zh` becomes customer.state).
 * Throws a TypeError for a payout that cannot be sent as is (no payment_id, non-integer amounts or ids).
 */
export function buildPayoutRequest(
  payout: PayoutFields,
  endpoint: GateEndpoint,
  defaults: PayoutDefaults,
  region?: Region,
): SignedPayoutBody {
  if (region && region.id !== payout.region_id) {
    throw new TypeError(`region ${region.id} given for a payout in region ${payout.region_id}`);
  }
  const body = unsignedBody(payout, endpoint, defaults, region);
  const general = body['general'] as JsonObject;
  const signed = { ...body, general: { ...general, signature: sign(body, endpoint.secretKey) } };
  return signed as unknown as SignedPayoutBody;
}
