/**
 * The Data API's `/operations/get` answer saved to a file: one answer `{"operations":[…],"signature":…}`, a
 * JSON array of such answers (one per page), or a bare array of operations. Amounts are minor units in
 * `sum_initial` (else `sum_converted`), the currency beside them.
 */
import { ProviderFileError, quoted } from './errors.js';
import { minorUnits, normaliseCurrency, normaliseWord } from './fields.js';
import type { ProviderOperation } from './types.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notOperations(): ProviderFileError {
  return new ProviderFileError('PROVIDER_FILE_UNREADABLE', { reason: 'json_shape' });
}

/** The raw operation objects of a parsed document, in file order. */
function rawOperations(document: unknown): unknown[] {
  if (isObject(document)) {
    if (!Array.isArray(document['operations'])) throw notOperations();
    return document['operations'];
  }
  if (!Array.isArray(document)) throw notOperations();
  // An array of pages, or an array of operations: told apart by its first element.
  const pages = document.length > 0 && isObject(document[0]) && 'operations' in document[0];
  if (!pages) return document;
  return document.flatMap((page) => {
    if (!isObject(page) || !Array.isArray(page['operations'])) throw notOperations();
    return page['operations'] as unknown[];
  });
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** One operation; `item` (1-based) names it in an error. */
function operationOf(raw: unknown, item: number): ProviderOperation {
  if (!isObject(raw))
    throw new ProviderFileError('PROVIDER_FILE_VALUE', { item, field: 'operation', value: quoted(raw) });
  const paymentId = text(raw['payment_id']);
  if (paymentId === null) {
    throw new ProviderFileError('PROVIDER_FILE_VALUE', {
      item,
      field: 'payment_id',
      value: quoted(raw['payment_id'] ?? ''),
    });
  }
  const sum = isObject(raw['sum_initial']) ? raw['sum_initial'] : raw['sum_converted'];
  const amount = isObject(sum) ? minorUnits(sum['amount']) : null;
  if (amount === null) {
    throw new ProviderFileError('PROVIDER_FILE_VALUE', {
      item,
      field: 'amount',
      value: quoted(isObject(sum) ? (sum['amount'] ?? '') : ''),
    });
  }
  return {
    payment_id: paymentId,
    operation_id: text(raw['operation_id']),
    operation_type: normaliseWord(text(raw['operation_type']) ?? ''),
    operation_status: normaliseWord(text(raw['operation_status']) ?? ''),
    amount_fen: amount,
    currency: isObject(sum) ? normaliseCurrency(sum['currency']) : null,
    created_at: text(raw['operation_created_at']),
    completed_at: text(raw['operation_completed_at']),
    code: text(raw['payment_provider_code']),
    message: text(raw['payment_provider_message']),
  };
}

/** The operations of a parsed JSON document, in file order (repeats not removed yet). */
export function operationsFromJson(document: unknown): ProviderOperation[] {
  return rawOperations(document).map((raw, i) => operationOf(raw, i + 1));
}
