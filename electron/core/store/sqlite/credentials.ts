/** The credentials table: one sealed secret per environment. Only SecretCiphers ever see the plain secret. */
import type { Database } from 'better-sqlite3';
import type { SealedCredentials } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

interface CredentialsRow {
  project_id: number;
  secret_sealed: Buffer;
  cipher_kind: string;
  updated_at: string;
  updated_by: string;
}

export function getCredentials(db: Database, environment: 'production'): SealedCredentials | null {
  const row = db
    .prepare<[string], CredentialsRow>(
      `SELECT project_id, secret_sealed, cipher_kind, updated_at, updated_by
       FROM credentials WHERE environment = ?`,
    )
    .get(environment);
  if (!row) return null;
  return {
    environment,
    projectId: row.project_id,
    sealed: row.secret_sealed,
    cipherKind: row.cipher_kind,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function putCredentials(
  db: Database,
  credentials: Omit<SealedCredentials, 'updatedAt' | 'updatedBy'>,
  audit: AuditRecord,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (environment) DO UPDATE SET
         project_id = excluded.project_id, secret_sealed = excluded.secret_sealed,
         cipher_kind = excluded.cipher_kind, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(
      credentials.environment,
      credentials.projectId,
      credentials.sealed,
      credentials.cipherKind,
      audit.at,
      audit.actor,
    );
    appendAudit(db, audit);
  }).immediate();
}

export function removeCredentials(db: Database, environment: 'production', audit: AuditRecord): boolean {
  return db
    .transaction(() => {
      const removed = db.prepare('DELETE FROM credentials WHERE environment = ?').run(environment).changes;
      if (removed === 0) return false;
      appendAudit(db, audit);
      return true;
    })
    .immediate();
}
