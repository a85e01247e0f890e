/**
 * Reads the bank-list answer: an unsigned JSON array of `{id, name, nativeName?, abbr?, …limits}`.
 * The limit key names are unconfirmed upstream, so they are recognised by `min`/`max` in the key, at the
 * item's top level or one object deeper (e.g. `limits.min_amount`, `minAmount`, `amount.max`).
 */
import { describeAnswer, errorBodyOf, isRecord, parseJson, type JsonRecord } from './answerBody.js';
import type { HttpResult } from '../transport/http.js';
import type { BankListOutcome as BankListAnswer, FetchedBank } from '../types.js';

function idOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function amountOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** `minAmount`, `min_amount`, `amount-min` → its words, so `terminal` never reads as a minimum. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/** The first numeric value whose key mentions `word`, top level first, then one object deeper. */
function limitOf(item: JsonRecord, word: 'min' | 'max'): number | undefined {
  const matches = (key: string): boolean => keyWords(key).some((w) => w === word || w === `${word}imum`);
  for (const [key, value] of Object.entries(item)) {
    const amount = amountOf(value);
    if (matches(key) && amount !== undefined) return amount;
  }
  for (const nested of Object.values(item)) {
    if (!isRecord(nested)) continue;
    for (const [key, value] of Object.entries(nested)) {
      const amount = amountOf(value);
      if (matches(key) && amount !== undefined) return amount;
    }
  }
  return undefined;
}

function bankOf(item: unknown): FetchedBank | null {
  if (!isRecord(item)) return null;
  const id = idOf(item['id']);
  const name = nonEmptyText(item['name']);
  if (id === null || name === undefined) return null;
  const bank: FetchedBank = { id, name };
  const optional = {
    nativeName: nonEmptyText(item['nativeName'] ?? item['native_name']),
    abbr: nonEmptyText(item['abbr']),
    currency: nonEmptyText(item['currency']),
    minAmount: limitOf(item, 'min'),
    maxAmount: limitOf(item, 'max'),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(bank, { [key]: value });
  }
  return bank;
}

/** The array itself, or (leniently) an object wrapping it under `banks` or `data`. */
function itemsOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (isRecord(body)) {
    for (const key of ['banks', 'data']) {
      if (Array.isArray(body[key])) return body[key] as unknown[];
    }
  }
  return null;
}

export function parseBankListAnswer(result: HttpResult): BankListAnswer {
  if ('error' in result) return { ok: false, detail: `${result.error}: ${result.detail}` };
  const { status, bodyText } = result;
  const body = parseJson(bodyText);
  if (status !== 200) {
    const error = errorBodyOf(body);
    const what = error ? `error ${error.code} ${error.message}` : 'bank list refused';
    return { ok: false, detail: describeAnswer(status, bodyText, what) };
  }
  const items = itemsOf(body);
  if (!items) return { ok: false, detail: describeAnswer(status, bodyText, 'not a bank list') };

  const banks: FetchedBank[] = [];
  for (const item of items) {
    const bank = bankOf(item);
    if (bank) banks.push(bank);
  }
  return { ok: true, banks, skipped: items.length - banks.length };
}
