import type { Bank } from '../reference/referenceData.js';
import { addError, requiredMissing, type IssueSink } from './issues.js';
import { lookupKey, smallNumber } from './text.js';
import type { MethodNames } from './amount.js';

/** What a bank name resolves to. */
interface NameMatch {
  /** The bank's ID; null when the name is carried by several IDs (Luzhou Bank: 340 and 391). */
  id: number | null;
  /** Every ID with this name, for the message ("340, 391"). */
  ids: string;
}

/** The method's bank list indexed for lookups; built once per validation run. */
export interface BankIndex {
  ids: ReadonlySet<number>;
  /** Lookup key of a bank name → what it resolves to. */
  byName: ReadonlyMap<string, NameMatch>;
}

export function buildBankIndex(banks: readonly Bank[]): BankIndex {
  const ids = new Set<number>();
  const idsByName = new Map<string, number[]>();
  for (const bank of banks) {
    ids.add(bank.id);
    const key = lookupKey(bank.name);
    const same = idsByName.get(key);
    if (same) same.push(bank.id);
    else idsByName.set(key, [bank.id]);
  }
  const byName = new Map<string, NameMatch>();
  for (const [key, same] of idsByName) {
    byName.set(key, { id: same.length === 1 ? (same[0] ?? null) : null, ids: same.join(', ') });
  }
  return { ids, byName };
}

/**
 * Resolves the bank cell to a bank ID of the method: either a numeric ID in the method's list or an exact
 * bank name (case and spacing ignored). Returns null when it cannot be resolved.
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
  const number = smallNumber(value);
  if (number >= 0) return index.ids.has(number) ? number : unknownBank(value, names, issues);
  // Most cells spell a name like the table does: plain lower case before the full normalisation.
  const match = index.byName.get(value.toLowerCase()) ?? index.byName.get(lookupKey(value));
  if (match === undefined) return unknownBank(value, names, issues);
  if (match.id === null) addError(issues, 'BANK_AMBIGUOUS', 'bank_id', { value, ids: match.ids });
  return match.id;
}

function unknownBank(value: string, names: MethodNames, issues: IssueSink): null {
  addError(issues, 'BANK_UNKNOWN', 'bank_id', { value, method: names.method, method_zh: names.method_zh });
  return null;
}
