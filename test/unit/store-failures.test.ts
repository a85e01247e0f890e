import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeKnownError } from '../../electron/core/app/errors.js';
import { StoreError } from '../../electron/core/store/errors.js';
import { storeFailure } from '../../electron/core/store/sqlite/failures.js';

/**
 * What the file system or SQLite refuses reaches a person as its real cause. (A full disk or a read-only
 * folder cannot be made on a test machine where the tests run as root; the translation itself is tested.)
 */
const PATH = '/data/console.sqlite';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe('storeFailure', () => {
  it.each([
    [
      new BetterSqlite3.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'),
      'DATABASE_READ_ONLY',
    ],
    [new BetterSqlite3.SqliteError('readonly', 'SQLITE_READONLY_DIRECTORY'), 'DATABASE_READ_ONLY'],
    [new BetterSqlite3.SqliteError('database is locked', 'SQLITE_BUSY'), 'DATABASE_LOCKED'],
    [new BetterSqlite3.SqliteError('database table is locked', 'SQLITE_LOCKED'), 'DATABASE_LOCKED'],
    [new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL'), 'DISK_FULL'],
    [new BetterSqlite3.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'), 'DATABASE_DAMAGED'],
    [new BetterSqlite3.SqliteError('file is not a database', 'SQLITE_NOTADB'), 'NOT_A_CONSOLE_DATABASE'],
    [
      new BetterSqlite3.SqliteError('unable to open database file', 'SQLITE_CANTOPEN'),
      'DATABASE_CANNOT_OPEN',
    ],
    [errno('EACCES'), 'DATABASE_READ_ONLY'],
    [errno('EROFS'), 'DATABASE_READ_ONLY'],
    [errno('ENOSPC'), 'DISK_FULL'],
    [errno('ENOTDIR'), 'DATABASE_CANNOT_OPEN'],
  ])('%s becomes %s, naming the file and the cause', (error, code) => {
    const failure = storeFailure(error, PATH);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ code, details: { path: PATH } });
    const described = describeKnownError(failure, 'en');
    expect(described?.code).toBe(code);
    expect(described?.message).toContain(PATH);
    expect(describeKnownError(failure, 'zh-CN')?.message).toContain(PATH);
  });

  it('leaves every other failure as it was (to be logged with a reference)', () => {
    const other = new Error('boom');
    expect(storeFailure(other, PATH)).toBe(other);
    const constraint = new BetterSqlite3.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(storeFailure(constraint, PATH)).toBe(constraint);
    const known = new StoreError('PAYMENT_ID_USED', 'used', { paymentId: 'P-1' });
    expect(storeFailure(known, PATH)).toBe(known);
  });

  it('says a full disk plainly, in both languages', () => {
    const failure = storeFailure(errno('ENOSPC'), PATH);
    expect(describeKnownError(failure, 'en')?.message).toBe(
      `The disk holding ${PATH} is full. Nothing was changed; free some space and try again.`,
    );
    expect(describeKnownError(failure, 'zh-CN')?.message).toBe(
      `${PATH} 所在的磁盘已满。未做任何更改；请释放空间后重试。`,
    );
  });
});
