/** The database itself: facts no person sets, its integrity, its copies. */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';
import { APPLICATION_ID } from './database.js';

/** The random id the database got when it was created (migration 7). */
export function installationId(db: Database): string {
  const id = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'installation_id'`).pluck().get();
  if (!id) throw new Error('the database has no installation id');
  return id;
}

/**
 * SQLite's online backup: a consistent copy while the console keeps working. The copy is opened once to
 * check that it is a whole console database before the backup counts as made.
 */
export async function backupDatabase(db: Database, destination: string, audit: AuditRecord): Promise<number> {
  if (existsSync(destination)) {
    throw new StoreError('BACKUP_EXISTS', 'the backup file exists already', { path: destination });
  }
  const { totalPages } = await db.backup(destination);
  const copy = new BetterSqlite3(destination, { readonly: true, fileMustExist: true });
  try {
    const quick = copy.pragma('quick_check', { simple: true });
    if (copy.pragma('application_id', { simple: true }) !== APPLICATION_ID || quick !== 'ok') {
      throw new StoreError('DATABASE_DAMAGED', `the copy does not check out: ${String(quick)}`, {
        path: destination,
        detail: String(quick),
      });
    }
  } finally {
    copy.close();
  }
  appendAudit(db, { ...audit, details: { ...audit.details, destination, pages: totalPages } });
  return totalPages;
}
