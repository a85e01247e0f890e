/** Compares the shipped bank table of a method with the list Gate returns, by bank id. */
import type { Bank } from '../reference/referenceData.js';
import type { FetchedBank } from '../providers/types.js';
import type { StoredBank } from '../store/ports.js';

export interface BankListDiff {
  /** In Gate's list, not shipped. */
  added: Bank[];
  /** Shipped, no longer in Gate's list. */
  removed: Bank[];
  /** Same id, another name. */
  renamed: Array<{ id: number; from: string; to: string }>;
}

/** Names compared as displayed: outer and repeated spaces do not count as a rename. */
function sameName(a: string, b: string): boolean {
  const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');
  return tidy(a) === tidy(b);
}

function byId<T extends { id: number }>(banks: T[]): Map<number, T> {
  const map = new Map<number, T>();
  // The first occurrence of an id wins, as for a lookup by id.
  for (const bank of banks) if (!map.has(bank.id)) map.set(bank.id, bank);
  return map;
}

/** Every list in the result is sorted by id. */
export function diffBankLists(shipped: Bank[], fetched: FetchedBank[]): BankListDiff {
  const shippedById = byId(shipped);
  const fetchedById = byId(fetched);
  const ascending = (a: { id: number }, b: { id: number }): number => a.id - b.id;

  const added = [...fetchedById.values()]
    .filter((bank) => !shippedById.has(bank.id))
    .map((bank) => ({ id: bank.id, name: bank.name }))
    .sort(ascending);
  const removed = [...shippedById.values()]
    .filter((bank) => !fetchedById.has(bank.id))
    .map((bank) => ({ id: bank.id, name: bank.name }))
    .sort(ascending);
  const renamed: BankListDiff['renamed'] = [];
  for (const [id, was] of shippedById) {
    const now = fetchedById.get(id);
    if (now && !sameName(was.name, now.name)) renamed.push({ id, from: was.name, to: now.name });
  }
  renamed.sort(ascending);
  return { added, removed, renamed };
}

/** A fetched bank as it is kept: currency dropped (payouts are CNY only), absent fields left out. */
export function toStoredBank(bank: FetchedBank): StoredBank {
  const { id, name, nativeName, abbr, minAmount, maxAmount } = bank;
  const stored: StoredBank = { id, name };
  for (const [key, value] of Object.entries({ nativeName, abbr, minAmount, maxAmount })) {
    if (value !== undefined) Object.assign(stored, { [key]: value });
  }
  return stored;
}
