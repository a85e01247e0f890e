/** The provider_secrets table: other providers' secrets, sealed; only SecretCiphers see them in clear. */
import type { Database } from 'better-sqlite3';
import type { SealedProviderSecrets } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

interface Row {
  name: SealedProviderSecrets['provider'];
  public_value: string | null;
  sealed: Buffer;
  cipher_kind: string;
  updated_at: string;
  updated_by: string;
}

export function getProviderSecrets(
  db: Database,
  provider: SealedProviderSecrets['provider'],
): SealedProviderSecrets | null {
  const row = db.prepare<[string], Row>('SELECT * FROM provider_secrets WHERE name = ?').get(provider);
  if (!row) return null;
  return {
    provider: row.name,
    publicValue: row.public_value,
    sealed: row.sealed,
    cipherKind: row.cipher_kind,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function putProviderSecrets(
  db: Database,
  secrets: Omit<SealedProviderSecrets, 'updatedAt' | 'updatedBy'>,
  audit: AuditRecord,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO provider_secrets (name, public_value, sealed, cipher_kind, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET public_value = excluded.public_value, sealed = excluded.sealed,
         cipher_kind = excluded.cipher_kind, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(secrets.provider, secrets.publicValue, secrets.sealed, secrets.cipherKind, audit.at, audit.actor);
    appendAudit(db, audit);
  }).immediate();
}

export function removeProviderSecrets(
  db: Database,
  provider: SealedProviderSecrets['provider'],
  audit: AuditRecord,
): boolean {
  return db
    .transaction(() => {
      if (db.prepare('DELETE FROM provider_secrets WHERE name = ?').run(provider).changes === 0) return false;
      appendAudit(db, audit);
      return true;
    })
    .immediate();
}
