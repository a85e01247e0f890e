/** The users table: accounts, their roles and password hashes, failed sign-ins and lockouts. */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { Role } from '../../../contract/records.js';
import { StoreError } from '../errors.js';
import type { NewUser, UserChange, UserRecord } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

type UserRow = Omit<UserRecord, 'roles' | 'must_change_password'> & {
  roles: string;
  must_change_password: number;
};

function toRecord(row: UserRow): UserRecord {
  return {
    ...row,
    roles: JSON.parse(row.roles) as Role[],
    must_change_password: row.must_change_password === 1,
  };
}

export function countUsers(db: Database): number {
  return db.prepare<[], number>('SELECT count(*) FROM users').pluck().get() ?? 0;
}

export function userByName(db: Database, name: string): UserRecord | null {
  const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?').get(name);
  return row ? toRecord(row) : null;
}

export function userBySkeleton(db: Database, skeleton: string): UserRecord | null {
  const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE skeleton = ?').get(skeleton);
  return row ? toRecord(row) : null;
}

export function listUsers(db: Database): UserRecord[] {
  return db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id').all().map(toRecord);
}

/** Adds an account; USER_EXISTS when its name or look-alike skeleton is taken (checked under the write lock). */
export function addUser(db: Database, user: NewUser, audit: AuditRecord): UserRecord {
  return db
    .transaction(() => {
      const clash =
        db
          .prepare<[string, string], string>('SELECT name FROM users WHERE name = ? OR skeleton = ?')
          .pluck()
          .get(user.name, user.skeleton) ?? null;
      if (clash !== null)
        throw new StoreError('USER_EXISTS', 'an account with this name exists', { detail: clash });
      try {
        db.prepare(
          `INSERT INTO users (name, skeleton, display_name, roles, password_hash, password_changed_at,
             must_change_password, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          user.name,
          user.skeleton,
          user.displayName,
          JSON.stringify(user.roles),
          user.passwordHash,
          audit.at,
          user.mustChangePassword ? 1 : 0,
          audit.at,
          audit.actor,
        );
      } catch (error) {
        if (error instanceof BetterSqlite3.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new StoreError('USER_EXISTS', 'an account with this name exists', { detail: user.name });
        throw error;
      }
      appendAudit(db, audit);
      return userByName(db, user.name) as UserRecord;
    })
    .immediate();
}

const CHANGE_COLUMNS = {
  passwordHash: 'password_hash',
  roles: 'roles',
  disabledAt: 'disabled_at',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  mustChangePassword: 'must_change_password',
  passwordChangedAt: 'password_changed_at',
} as const satisfies Record<keyof UserChange, string>;

/** Changes an account; its audit entry (when given) in the same transaction. False when there is no such account. */
export function updateUser(
  db: Database,
  name: string,
  change: UserChange,
  audit: AuditRecord | null,
): boolean {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS) as Array<[keyof UserChange, string]>) {
    const value = change[key];
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(
      key === 'roles' ? JSON.stringify(value) : key === 'mustChangePassword' ? (value ? 1 : 0) : value,
    );
  }
  if (sets.length === 0) return userByName(db, name) !== null;
  return db
    .transaction(() => {
      const changed = db
        .prepare(`UPDATE users SET ${sets.join(', ')} WHERE name = ?`)
        .run(...values, name).changes;
      if (changed === 0) return false;
      if (audit) appendAudit(db, audit);
      return true;
    })
    .immediate();
}
