/** Bank lists fetched from Gate, one row per method and fetch; the newest row is the one shown. */
import type { Database } from 'better-sqlite3';
import type { EnvironmentName } from '../environments.js';
import type { BankListDiff } from '../gate/bankListDiff.js';
import type { FetchedBank } from '../gate/types.js';
import type { MethodId } from '../types.js';

/** A bank as stored. Limits are kept as Gate sent them: their key names and units are unconfirmed upstream. */
export type StoredBank = Pick<FetchedBank, 'id' | 'name' | 'nativeName' | 'abbr' | 'minAmount' | 'maxAmount'>;

export interface StoredBankList {
  id: number;
  method: MethodId;
  /** ISO time the answer arrived. */
  fetchedAt: string;
  fetchedBy: string;
  environment: EnvironmentName;
  banks: StoredBank[];
  /** Against the shipped table at fetch time (it may differ later, when the console ships a new table). */
  diff: BankListDiff;
}

interface BankListRow {
  id: number;
  method: string;
  fetched_at: string;
  fetched_by: string;
  environment: string;
  banks: string;
  diff: string;
}

/** Drops what the stored shape does not keep (currency: payouts are CNY only). */
export function toStoredBank(bank: FetchedBank): StoredBank {
  const { id, name, nativeName, abbr, minAmount, maxAmount } = bank;
  const stored: StoredBank = { id, name };
  // Absent fields stay absent rather than becoming explicit nulls in the JSON.
  for (const [key, value] of Object.entries({ nativeName, abbr, minAmount, maxAmount })) {
    if (value !== undefined) Object.assign(stored, { [key]: value });
  }
  return stored;
}

export function insertBankList(db: Database, list: Omit<StoredBankList, 'id'>): number {
  const result = db
    .prepare(
      `INSERT INTO bank_lists (method, fetched_at, fetched_by, environment, banks, diff)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      list.method,
      list.fetchedAt,
      list.fetchedBy,
      list.environment,
      JSON.stringify(list.banks),
      JSON.stringify(list.diff),
    );
  return Number(result.lastInsertRowid);
}

/** The newest stored list of a method (any environment), or null if none was ever fetched. */
export function latestBankList(db: Database, method: MethodId): StoredBankList | null {
  // fetched_at is always toISOString() (fixed width, UTC), so text order is time order; id breaks ties.
  const row = db
    .prepare<[string], BankListRow>(
      `SELECT id, method, fetched_at, fetched_by, environment, banks, diff FROM bank_lists
       WHERE method = ? ORDER BY fetched_at DESC, id DESC LIMIT 1`,
    )
    .get(method);
  if (!row) return null;
  return {
    id: row.id,
    method: row.method as MethodId,
    fetchedAt: row.fetched_at,
    fetchedBy: row.fetched_by,
    environment: row.environment as EnvironmentName,
    banks: JSON.parse(row.banks) as StoredBank[],
    diff: JSON.parse(row.diff) as BankListDiff,
  };
}
