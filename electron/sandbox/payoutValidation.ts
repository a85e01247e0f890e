import { maskPan } from '../core/i18n/mask.js';
import { ERRORS, bankNotFound, invalidField, missingField, type GateError } from './codes.js';
import type { MethodCatalog, SandboxMethod } from './methods.js';
import { isObject, type JsonObject } from './requestAuth.js';

/** The parts of a payout request the emulator keeps (the card number only masked). */
export interface PayoutRequest {
  payment_id: string;
  amount: number;
  currency: string;
  description: string;
  account_number: string;
  customer_id: string;
  bank_id: number;
  region_id: number;
}

export type Validated =
  { ok: true; payout: PayoutRequest; method: SandboxMethod } | { ok: false; error: GateError };

function valueAt(body: JsonObject, path: string): unknown {
  let current: unknown = body;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0);
}

/** Integer IDs may come as numbers or digit strings (the seed example sends `"bank_id": "123"`). */
function asId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/**
 * Fields a payout cannot be made without; with `requireAllFields` off, the only ones required. Customer contact
 * and address fields, customer.id and the bank's branch and city are then left optional.
 */
const ESSENTIAL_FIELDS = [
  'general.payment_id',
  'payment.amount',
  'payment.currency',
  'customer.first_name',
  'customer.last_name',
  'card.pan',
  'account.bank_id',
  'account.region_id',
] as const;

/**
 * Every field the seeds say "must be specified in any request" (000 "Payout by using Gate", the same in 001
 * and 002), in their order. general.project_id and general.signature are checked with the signature, before
 * these (requestAuth.ts); customer.identify.doc_number alone is optional.
 */
export const MANDATORY_FIELDS = [
  'general.project_id',
  'general.payment_id',
  'general.signature',
  'payment.amount',
  'payment.currency',
  'payment.description',
  'customer.id',
  'customer.ip_address',
  'customer.email',
  'customer.state',
  'customer.city',
  'customer.country',
  'customer.phone',
  'customer.zip',
  'customer.street',
  'customer.first_name',
  'customer.last_name',
  'card.pan',
  'account.bank_id',
  'account.region_id',
  'account.branch',
  'account.city',
] as const;

/** Fields that carry an id or an amount (checked below); every other mandatory field is text. */
const NOT_TEXT: ReadonlySet<string> = new Set([
  'general.project_id',
  'payment.amount',
  'account.bank_id',
  'account.region_id',
]);

/** The only country a CUP payout is for (the seeds: "country—country (pass CN)"). */
const COUNTRY = 'CN';

export interface ValidationOptions {
  /** Require every field of MANDATORY_FIELDS (see the sandbox option of the same name). */
  requireAllFields: boolean;
}

function checkShapes(body: JsonObject, options: ValidationOptions): GateError | null {
  const required: readonly string[] = options.requireAllFields ? MANDATORY_FIELDS : ESSENTIAL_FIELDS;
  for (const path of required) {
    if (isBlank(valueAt(body, path))) return missingField(path);
  }
  if (typeof valueAt(body, 'general.payment_id') !== 'string') {
    return invalidField('general.payment_id', 'must be a string');
  }
  const amount = valueAt(body, 'payment.amount');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return invalidField('payment.amount', 'must be a positive integer in minor units');
  }
  const texts = options.requireAllFields
    ? MANDATORY_FIELDS.filter((path) => !NOT_TEXT.has(path))
    : ['customer.first_name', 'customer.last_name', 'card.pan', 'payment.currency'];
  for (const path of texts) {
    if (typeof valueAt(body, path) !== 'string') return invalidField(path, 'must be a string');
  }
  if (options.requireAllFields && valueAt(body, 'customer.country') !== COUNTRY) {
    return invalidField('customer.country', `must be ${COUNTRY}`);
  }
  for (const path of ['account.bank_id', 'account.region_id']) {
    if (asId(valueAt(body, path)) === null) return invalidField(path, 'must be an integer');
  }
  return null;
}

/** The widest limits of a set of methods. */
function widestLimits(methods: readonly SandboxMethod[]): { min_fen: number; max_fen: number } {
  return {
    min_fen: Math.min(...methods.map((m) => m.limits.min_fen)),
    max_fen: Math.max(...methods.map((m) => m.limits.max_fen)),
  };
}

/** The amount against limits: 2642 above, 3358 below, null within. */
function limitError(amount: number, limits: { min_fen: number; max_fen: number }): GateError | null {
  if (amount > limits.max_fen) return ERRORS.amountAboveMax;
  if (amount < limits.min_fen) return ERRORS.amountBelowMin;
  return null;
}

/**
 * Validates a signed, project-checked payout request for the methods its path pays for (one, or several on the
 * shared path), in Gate's order after the signature: required fields (2004), currency (3025), limits (2642
 * above, 3358 below; the widest of the methods), bank and region (2801). On the shared path the payout is for
 * the first method that has the bank and whose limits take the amount. Duplicates are the ledger's business
 * (see the payout route).
 */
export function validatePayout(
  body: JsonObject,
  methods: readonly SandboxMethod[],
  catalog: MethodCatalog,
  options: ValidationOptions,
): Validated {
  const shapeProblem = checkShapes(body, options);
  if (shapeProblem) return { ok: false, error: shapeProblem };

  const currency = valueAt(body, 'payment.currency') as string;
  if (currency !== 'CNY') return { ok: false, error: ERRORS.currencyUnsupported };

  const amount = valueAt(body, 'payment.amount') as number;
  const overall = limitError(amount, widestLimits(methods));
  if (overall) return { ok: false, error: overall };

  const bankId = asId(valueAt(body, 'account.bank_id')) as number;
  const withBank = methods.filter((m) => m.bankIds.has(bankId));
  if (withBank.length === 0) return { ok: false, error: bankNotFound(`bank_id ${bankId}`) };
  const regionId = asId(valueAt(body, 'account.region_id')) as number;
  if (!catalog.regionIds.has(regionId)) return { ok: false, error: bankNotFound(`region_id ${regionId}`) };

  const method = withBank.find((m) => limitError(amount, m.limits) === null);
  if (!method)
    return { ok: false, error: limitError(amount, widestLimits(withBank)) ?? ERRORS.amountAboveMax };

  return {
    ok: true,
    method,
    payout: {
      payment_id: valueAt(body, 'general.payment_id') as string,
      amount,
      currency,
      description: text(valueAt(body, 'payment.description')),
      account_number: maskPan(text(valueAt(body, 'card.pan'))),
      customer_id: text(valueAt(body, 'customer.id')),
      bank_id: bankId,
      region_id: regionId,
    },
  };
}
