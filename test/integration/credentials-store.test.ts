import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS_MIGRATION_SQL,
  CredentialsError,
  deleteCredentials,
  describeCredentials,
  loadCredentials,
  passphraseCipher,
  saveCredentials,
  type SecretCipher,
} from '../../electron/core/credentials/index.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { listAudit } from '../../electron/core/store/audit.js';

const SECRET = 'gate-secret-7Hq2xVw9LmZp4Rt';
const PASSPHRASE = 'vault passphrase for tests';
const cipher = passphraseCipher(PASSPHRASE);

let dir: string;
let file: string;
let db: Database;

function open(): Database {
  const opened = openDatabase(file);
  opened.exec(CREDENTIALS_MIGRATION_SQL);
  return opened;
}

function save(overrides: Partial<Parameters<typeof saveCredentials>[2]> = {}, using: SecretCipher = cipher) {
  saveCredentials(db, using, {
    environment: 'production',
    projectId: 4211,
    secretKey: SECRET,
    user: 'alice',
    ...overrides,
  });
}

function thrown(fn: () => unknown): CredentialsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialsError);
    return err as CredentialsError;
  }
  throw new Error('expected a CredentialsError');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-credentials-'));
  file = join(dir, 'console.sqlite');
  db = open();
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('credentials store', () => {
  it('round-trips project id and secret key', () => {
    expect(loadCredentials(db, cipher, 'production')).toBeNull();
    save();
    expect(loadCredentials(db, cipher, 'production')).toEqual({ projectId: 4211, secretKey: SECRET });

    db.close();
    db = open(); // the migration SQL is idempotent
    expect(loadCredentials(db, passphraseCipher(PASSPHRASE), 'production')).toEqual({
      projectId: 4211,
      secretKey: SECRET,
    });
  });

  it('replaces the credentials of the environment on a second save', () => {
    save();
    save({ projectId: 99, secretKey: 'second-secret', user: 'bob' });
    expect(loadCredentials(db, cipher, 'production')).toEqual({ projectId: 99, secretKey: 'second-secret' });
    expect(db.prepare('SELECT count(*) FROM credentials').pluck().get()).toBe(1);
    expect(describeCredentials(db, 'production')?.updatedBy).toBe('bob');
  });

  it('never writes the secret in clear to the database file or its WAL', () => {
    save();
    const wal = `${file}-wal`;
    expect(existsSync(wal)).toBe(true);
    const whileOpen = [readFileSync(file), readFileSync(wal)];
    db.close(); // checkpoints the WAL into the main file
    const afterClose = [readFileSync(file), ...(existsSync(wal) ? [readFileSync(wal)] : [])];

    for (const bytes of [...whileOpen, ...afterClose]) {
      expect(bytes.includes(SECRET)).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET, 'utf16le'))).toBe(false);
      expect(bytes.includes(PASSPHRASE)).toBe(false);
    }
    // The scan itself works: a value stored in clear (the user) is found.
    expect(whileOpen.some((bytes) => bytes.includes('alice'))).toBe(true);
    expect(afterClose.some((bytes) => bytes.includes('alice'))).toBe(true);
  });

  it('records the change in the audit trail without the secret', () => {
    save({ at: '2025-01-02T03:04:05.000Z' });
    const audit = listAudit(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'alice',
      action: 'credentials.set',
      at: '2025-01-02T03:04:05.000Z',
      details: { environment: 'production', project_id: 4211 },
    });
    const raw = db.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(raw)).not.toContain(SECRET);
  });

  it('describes the credentials without the secret', () => {
    expect(describeCredentials(db, 'production')).toBeNull();
    save({ at: '2025-01-02T03:04:05.000Z' });
    const summary = describeCredentials(db, 'production');
    expect(summary).toEqual({
      environment: 'production',
      projectId: 4211,
      cipherKind: 'passphrase-aes-256-gcm',
      updatedAt: '2025-01-02T03:04:05.000Z',
      updatedBy: 'alice',
    });
    expect(JSON.stringify(summary)).not.toContain(SECRET);
  });

  it('refuses a wrong passphrase as CREDENTIALS_LOCKED without the secret in the message', () => {
    save();
    const err = thrown(() => loadCredentials(db, passphraseCipher('not the passphrase'), 'production'));
    expect(err.code).toBe('CREDENTIALS_LOCKED');
    expect(`${err.message}\n${err.stack}`).not.toContain(SECRET);
    expect(`${err.message}\n${err.stack}`).not.toContain(PASSPHRASE);
  });

  it('refuses a tampered sealed secret as CREDENTIALS_LOCKED', () => {
    save();
    const sealed = db.prepare('SELECT secret_sealed FROM credentials').pluck().get() as Buffer;
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0xff;
    db.prepare('UPDATE credentials SET secret_sealed = ?').run(tampered);
    expect(thrown(() => loadCredentials(db, cipher, 'production')).code).toBe('CREDENTIALS_LOCKED');
  });

  it('refuses credentials sealed by another kind of cipher', () => {
    const other: SecretCipher = {
      kind: 'electron-safe-storage',
      encrypt: (plain) => Buffer.from([...Buffer.from(plain)].reverse()),
      decrypt: (sealed) => Buffer.from([...sealed].reverse()).toString(),
    };
    save({}, other);
    const err = thrown(() => loadCredentials(db, cipher, 'production'));
    expect(err.code).toBe('CREDENTIALS_LOCKED');
    expect(err.message).toContain('electron-safe-storage');
    expect(loadCredentials(db, other, 'production')?.secretKey).toBe(SECRET);
  });

  it.each([
    ['a zero project id', { projectId: 0 }],
    ['a negative project id', { projectId: -5 }],
    ['a fractional project id', { projectId: 1.5 }],
    ['NaN', { projectId: Number.NaN }],
    ['an empty secret', { secretKey: '' }],
    ['a secret with a trailing newline', { secretKey: `${SECRET}\n` }],
    ['a secret with a leading space', { secretKey: ` ${SECRET}` }],
    ['a blank user', { user: '  ' }],
    ['an unknown environment', { environment: 'staging' as 'production' }],
  ])('refuses %s as INVALID_CREDENTIALS, storing nothing', (_name, overrides) => {
    const err = thrown(() => save(overrides));
    expect(err.code).toBe('INVALID_CREDENTIALS');
    expect(err.message).not.toContain(SECRET);
    expect(db.prepare('SELECT count(*) FROM credentials').pluck().get()).toBe(0);
    expect(listAudit(db)).toHaveLength(0);
  });

  it('deletes the credentials and audits it', () => {
    expect(deleteCredentials(db, 'production', 'carol')).toBe(false);
    save();
    expect(deleteCredentials(db, 'production', 'carol')).toBe(true);
    expect(loadCredentials(db, cipher, 'production')).toBeNull();
    expect(describeCredentials(db, 'production')).toBeNull();
    expect(listAudit(db).map((e) => [e.action, e.actor, e.details])).toEqual([
      ['credentials.set', 'alice', { environment: 'production', project_id: 4211, cipher_kind: cipher.kind }],
      ['credentials.delete', 'carol', { environment: 'production', project_id: 4211 }],
    ]);
  });

  it('enforces the environment and project id in the schema too', () => {
    const insert = db.prepare(
      `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
       VALUES (?, ?, x'00', 'k', 't', 'u')`,
    );
    expect(() => insert.run('staging', 1)).toThrow(/CHECK/);
    expect(() => insert.run('production', 0)).toThrow(/CHECK/);
  });
});
