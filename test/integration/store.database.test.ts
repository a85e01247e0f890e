import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { StoreError } from '../../electron/core/store/errors.js';
import { MIGRATIONS, migrate, schemaVersion } from '../../electron/core/store/sqlite/migrations.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-store-db-'));
  file = join(dir, 'nested', 'folder', 'console.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const latest = MIGRATIONS.at(-1)!.version;

describe('openDatabase', () => {
  it('creates the parent folder and migrates to the latest version', () => {
    const db = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(latest);
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'audit_log',
      'bank_lists',
      'batch_approvals',
      'batches',
      'credentials',
      'mapping_presets',
      'meta',
      'payment_ledgers',
      'payout_events',
      'payouts',
      'provider_secrets',
      'reconciliation_exceptions',
      'reconciliation_runs',
      'refund_details',
      'settings',
      'users',
    ]);
    db.close();
  });

  it('turns on WAL, foreign keys, FULL sync and a busy timeout', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('is idempotent on reopen and keeps the data', () => {
    const db = openDatabase(file);
    db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('t', 'op', 'test')").run();
    db.close();

    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(latest);
    expect(again.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    // A second connection to the same file while the first is open migrates nothing.
    const third = openDatabase(file);
    expect(schemaVersion(third)).toBe(latest);
    third.close();
    again.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(file);
    expect(() =>
      db
        .prepare(
          `INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id,
             last_name, first_name, customer_id, phone, email, id_number, branch, bank_city, description, created_at)
           VALUES (999, 2, 'P1', 100, 'CNY', '6222', 1, 1, '', '', '', '', '', '', '', '', '', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a database written by a newer console and leaves it untouched', () => {
    openDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${latest + 1}`);
    raw.close();

    let error: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('SCHEMA_TOO_NEW');
    expect((error as StoreError).message).toMatch(/newer than this console supports/);

    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latest + 1);
    check.close();
  });
});

describe('migrate', () => {
  it('rolls back a failing migration whole and keeps the previous version', () => {
    const db = openDatabase(file);
    const broken = [
      ...MIGRATIONS,
      { version: latest + 1, name: 'broken', sql: 'CREATE TABLE x (a); SELECT * FROM nope;' },
    ];
    expect(() => migrate(db, broken)).toThrow(/no such table: nope/);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'x'").pluck().get()).toBe(0);
    db.close();
  });

  it('applies only the migrations not yet applied', () => {
    const db = openDatabase(file);
    const next = [
      ...MIGRATIONS,
      { version: latest + 1, name: 'add x', sql: 'CREATE TABLE x (a INTEGER) STRICT;' },
    ];
    expect(migrate(db, next)).toBe(latest + 1);
    expect(migrate(db, next)).toBe(latest + 1);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(/expected 1/);
    db.close();
  });
});
