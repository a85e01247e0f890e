import type { Bank } from '../reference/referenceData.js';
import { addError, addWarning, requiredMissing, type IssueSink } from './issues.js';
import { smallNumber } from './text.js';
import type { MethodNames } from './amount.js';
import { bankKey, createBankSuggester, type BankSuggester } from './bankSuggestions.js';

/** What a bank name resolves to. */
interface NameMatch {
  /** The bank's ID; null when the name is carried by several IDs (Luzhou Bank, 泸州银行: 340 and 391). */
  id: number | null;
  /** Every ID with this name, for the message ("340, 391"). */
  ids: string;
}

/** The method's bank list indexed for lookups; built once per validation run. */
export interface BankIndex {
  ids: ReadonlySet<number>;
  /** A bank name (English or Chinese) → what it resolves to, by bankKey and as the table spells it. */
  byName: ReadonlyMap<string, NameMatch>;
  /** The entries that are really region names (16 Jilin Sheng), by ID: a row using one gets a warning. */
  regionNames: ReadonlyMap<number, string>;
  /** The table, for "did you mean" (indexed on the first unknown cell). */
  banks: readonly Bank[];
}

export function buildBankIndex(banks: readonly Bank[]): BankIndex {
  const ids = new Set<number>();
  const regionNames = new Map<number, string>();
  const idsByKey = new Map<string, number[]>();
  const add = (name: string, id: number) => {
    const key = bankKey(name);
    const same = idsByKey.get(key);
    if (!same) idsByKey.set(key, [id]);
    else if (!same.includes(id)) same.push(id);
  };
  for (const bank of banks) {
    ids.add(bank.id);
    if (bank.looks_like_region === true) regionNames.set(bank.id, bank.name);
    add(bank.name, bank.id);
    if (bank.name_zh) add(bank.name_zh, bank.id);
  }
  const byName = new Map<string, NameMatch>();
  for (const [key, same] of idsByKey) {
    byName.set(key, { id: same.length === 1 ? (same[0] ?? null) : null, ids: same.join(', ') });
  }
  // The names as the table spells them too, so most cells resolve without being normalised. Each points to
  // the entry of its key, so both lookups always agree.
  for (const bank of banks) {
    for (const name of [bank.name, bank.name.toLowerCase(), bank.name_zh]) {
      const match = name === undefined ? undefined : byName.get(bankKey(name));
      if (name !== undefined && match !== undefined && !byName.has(name)) byName.set(name, match);
    }
  }
  return { ids, byName, regionNames, banks };
}

/**
 * Resolves the bank cell to a bank ID of the method: a numeric ID in the method's list, or a bank's English
 * or Chinese name, ignoring case, spaces and full-width forms (`中国 工商银行`, `２３`). Returns null when
 * it cannot be resolved; an unknown cell gets up to three suggestions. A resolved ID whose table entry is a
 * region name gets BANK_LOOKS_LIKE_REGION.
 */
export function checkBank(
  value: string,
  index: BankIndex,
  names: MethodNames,
  issues: IssueSink,
): number | null {
  if (value.length === 0) {
    requiredMissing(issues, 'bank_id');
    return null;
  }
  let id: number;
  const number = smallNumber(value);
  if (number >= 0) {
    if (!index.ids.has(number)) return unknownBank(value, index, names, issues);
    id = number;
  } else {
    const match = index.byName.get(value) ?? index.byName.get(bankKey(value));
    if (match === undefined) return unknownBank(value, index, names, issues);
    if (match.id === null) {
      addError(issues, 'BANK_AMBIGUOUS', 'bank_id', { value, ids: match.ids });
      return null;
    }
    id = match.id;
  }
  if (index.regionNames.size > 0) {
    const region = index.regionNames.get(id);
    if (region !== undefined) {
      addWarning(issues, 'BANK_LOOKS_LIKE_REGION', 'bank_id', {
        value,
        id,
        name: region,
        method: names.method,
        method_zh: names.method_zh,
      });
    }
  }
  return id;
}

/** One suggester per index, made on its first unknown cell. */
const suggesters = new WeakMap<BankIndex, BankSuggester>();

/** The banks an unknown cell may have meant (at most three, best first). */
export function bankSuggestions(value: string, index: BankIndex): readonly Bank[] {
  let suggester = suggesters.get(index);
  if (!suggester) {
    suggester = createBankSuggester(index.banks);
    suggesters.set(index, suggester);
  }
  return suggester(value);
}

function unknownBank(value: string, index: BankIndex, names: MethodNames, issues: IssueSink): null {
  const params: Record<string, string> = { value, method: names.method, method_zh: names.method_zh };
  const found = bankSuggestions(value, index);
  if (found.length > 0) {
    // Each language's message lists the suggestions in its own form: "23 Industrial and … (中国工商银行)".
    params['suggestions'] = found
      .map((bank) => `${bank.id} ${bank.name}${bank.name_zh ? ` (${bank.name_zh})` : ''}`)
      .join('; ');
    params['suggestions_zh'] = found.map((bank) => `${bank.id} ${bank.name_zh ?? bank.name}`).join('、');
  }
  addError(issues, 'BANK_UNKNOWN', 'bank_id', params);
  return null;
}
