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

export type Validated = { ok: true; payout: PayoutRequest } | { ok: false; error: GateError };

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
 * Fields Gate refuses a CUP payout without (seed 000, request format). Customer contact fields (email,
 * phone, address, ip) and customer.id are left optional: the console's files may not have them.
 */
const REQUIRED_FIELDS = [
  'general.payment_id',
  'payment.amount',
  'payment.currency',
  'customer.first_name',
  'customer.last_name',
  'card.pan',
  'account.bank_id',
  'account.region_id',
] as const;

function checkShapes(body: JsonObject): GateError | null {
  for (const path of REQUIRED_FIELDS) {
    if (isBlank(valueAt(body, path))) return missingField(path);
  }
  if (typeof valueAt(body, 'general.payment_id') !== 'string') {
    return invalidField('general.payment_id', 'must be a string');
  }
  const amount = valueAt(body, 'payment.amount');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return invalidField('payment.amount', 'must be a positive integer in minor units');
  }
  for (const path of ['customer.first_name', 'customer.last_name', 'card.pan', 'payment.currency']) {
    if (typeof valueAt(body, path) !== 'string') return invalidField(path, 'must be a string');
  }
  for (const path of ['account.bank_id', 'account.region_id']) {
    if (asId(valueAt(body, path)) === null) return invalidField(path, 'must be an integer');
  }
  return null;
}

/**
 * Validates a signed, project-checked payout request for a method, in Gate's order after the signature:
 * required fields (2004), currency (3025), limits (2642 above, 3358 below), bank and region (2801).
 * Duplicates are the ledger's business (see the payout route).
 */
export function validatePayout(body: JsonObject, method: SandboxMethod, catalog: MethodCatalog): Validated {
  const shapeProblem = checkShapes(body);
  if (shapeProblem) return { ok: false, error: shapeProblem };

  const currency = valueAt(body, 'payment.currency') as string;
  if (currency !== 'CNY') return { ok: false, error: ERRORS.currencyUnsupported };

  const amount = valueAt(body, 'payment.amount') as number;
  if (amount > method.limits.max_fen) return { ok: false, error: ERRORS.amountAboveMax };
  if (amount < method.limits.min_fen) return { ok: false, error: ERRORS.amountBelowMin };

  const bankId = asId(valueAt(body, 'account.bank_id')) as number;
  if (!method.bankIds.has(bankId)) return { ok: false, error: bankNotFound(`bank_id ${bankId}`) };
  const regionId = asId(valueAt(body, 'account.region_id')) as number;
  if (!catalog.regionIds.has(regionId)) return { ok: false, error: bankNotFound(`region_id ${regionId}`) };

  return {
    ok: true,
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
