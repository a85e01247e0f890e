/** Bank lists fetched from a provider, one row per method and fetch; the newest row is the one shown. */
import type { Database } from 'better-sqlite3';
import type { BankListDiff } from '../../banks/diff.js';
import type { MethodId } from '../../types.js';
import type { StoredBank, StoredBankList } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

interface BankListRow {
  id: number;
  method: string;
  fetched_at: string;
  fetched_by: string;
  environment: string;
  banks: string;
  diff: string;
}

/** Stores the lists of one refresh and its audit entry in one transaction; returns their ids. */
export function storeFetchedBankLists(
  db: Database,
  lists: ReadonlyArray<Omit<StoredBankList, 'id'>>,
  audit: AuditRecord,
): number[] {
  return db
    .transaction(() => {
      const ids = lists.map((list) => insertBankList(db, list));
      appendAudit(db, audit);
      return ids;
    })
    .immediate();
}

function insertBankList(db: Database, list: Omit<StoredBankList, 'id'>): number {
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
    environment: row.environment,
    banks: JSON.parse(row.banks) as StoredBank[],
    diff: JSON.parse(row.diff) as BankListDiff,
  };
}
