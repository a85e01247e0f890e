/**
 * SQLite's and the file system's failures, as the store's own codes: the layers above never see an SQLite
 * error, and a person reads the real cause (a read-only folder, a lock, a full disk) instead of "failed".
 */
import BetterSqlite3 from 'better-sqlite3';
import { StoreError, type StoreErrorCode } from '../errors.js';

const SQLITE_CODES: Array<[RegExp, StoreErrorCode]> = [
  [/^SQLITE_READONLY/, 'DATABASE_READ_ONLY'],
  [/^SQLITE_(BUSY|LOCKED)/, 'DATABASE_LOCKED'],
  [/^SQLITE_FULL/, 'DISK_FULL'],
  [/^SQLITE_(CORRUPT|IOERR_SHORT_READ)/, 'DATABASE_DAMAGED'],
  [/^SQLITE_NOTADB/, 'NOT_A_CONSOLE_DATABASE'],
  [/^SQLITE_CANTOPEN/, 'DATABASE_CANNOT_OPEN'],
];

const FILE_SYSTEM_CODES: Record<string, StoreErrorCode> = {
  EACCES: 'DATABASE_READ_ONLY',
  EPERM: 'DATABASE_READ_ONLY',
  EROFS: 'DATABASE_READ_ONLY',
  ENOSPC: 'DISK_FULL',
  ENOTDIR: 'DATABASE_CANNOT_OPEN',
  EISDIR: 'DATABASE_CANNOT_OPEN',
};

/** The store's error for a failure of SQLite or of the file system; anything else unchanged. */
export function storeFailure(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  if (error instanceof BetterSqlite3.SqliteError) {
    const code = SQLITE_CODES.find(([pattern]) => pattern.test(error.code))?.[1];
    if (code) return new StoreError(code, error.message, { path, detail: error.code });
  }
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof errno === 'string' && errno in FILE_SYSTEM_CODES) {
    return new StoreError(FILE_SYSTEM_CODES[errno] as StoreErrorCode, String((error as Error).message), {
      path,
      detail: errno,
    });
  }
  return error;
}
