import type { Database } from 'better-sqlite3';
import { appendAudit } from '../store/audit.js';
import type { SecretCipher } from './cipher.js';
import { CredentialsError } from './errors.js';

/** Where the console sends payouts. Only production has stored credentials for now. */
export const CREDENTIALS_ENVIRONMENTS = ['production'] as const;
export type CredentialsEnvironment = (typeof CREDENTIALS_ENVIRONMENTS)[number];

export interface SaveCredentialsInput {
  environment: CredentialsEnvironment;
  projectId: number;
  secretKey: string;
  /** Who set them; recorded in the row and the audit trail. */
  user: string;
  /** Defaults to now; injectable for tests. */
  at?: string;
}

/** What the Gate client needs to sign requests. Only ever held in the main process. */
export interface GateCredentials {
  projectId: number;
  secretKey: string;
}

/** What may be shown anywhere (renderer, CLI, logs): everything but the secret. */
export interface CredentialsSummary {
  environment: CredentialsEnvironment;
  projectId: number;
  cipherKind: string;
  updatedAt: string;
  updatedBy: string;
}

interface CredentialsRow {
  project_id: number;
  secret_sealed: Buffer;
  cipher_kind: string;
  updated_at: string;
  updated_by: string;
}

/** Seals the secret key and stores it, replacing any credentials of that environment. */
export function saveCredentials(db: Database, cipher: SecretCipher, input: SaveCredentialsInput): void {
  const environment = checkEnvironment(input.environment);
  const user = input.user.trim();
  checkProjectId(input.projectId);
  checkSecretKey(input.secretKey);
  if (!user) throw new CredentialsError('INVALID_CREDENTIALS', 'A user name is required to set credentials.');

  // Encrypt before taking the write lock: scrypt takes tens of milliseconds.
  const sealed = cipher.encrypt(input.secretKey);
  const at = input.at ?? new Date().toISOString();

  db.transaction(() => {
    db.prepare(
      `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (environment) DO UPDATE SET
         project_id = excluded.project_id, secret_sealed = excluded.secret_sealed,
         cipher_kind = excluded.cipher_kind, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(environment, input.projectId, sealed, cipher.kind, at, user);
    // Ids only: the audit trail is exported and shown, the secret never goes there.
    appendAudit(db, {
      actor: user,
      action: 'credentials.set',
      at,
      details: { environment, project_id: input.projectId, cipher_kind: cipher.kind },
    });
  }).immediate();
}

/**
 * The stored credentials, decrypted; null when none are stored.
 * Throws CredentialsError CREDENTIALS_LOCKED when `cipher` cannot open them.
 */
export function loadCredentials(
  db: Database,
  cipher: SecretCipher,
  environment: CredentialsEnvironment,
): GateCredentials | null {
  const row = selectRow(db, checkEnvironment(environment));
  if (!row) return null;
  if (row.cipher_kind !== cipher.kind) {
    throw new CredentialsError(
      'CREDENTIALS_LOCKED',
      `The stored credentials were encrypted with "${row.cipher_kind}", which "${cipher.kind}" cannot open. ` +
        'Set them again here.',
    );
  }
  return { projectId: row.project_id, secretKey: cipher.decrypt(row.secret_sealed) };
}

/** Who set which project id, and when; never the secret. Null when none are stored. */
export function describeCredentials(
  db: Database,
  environment: CredentialsEnvironment,
): CredentialsSummary | null {
  const row = selectRow(db, checkEnvironment(environment));
  if (!row) return null;
  return {
    environment,
    projectId: row.project_id,
    cipherKind: row.cipher_kind,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Removes the credentials of an environment. Returns false when there were none. */
export function deleteCredentials(
  db: Database,
  environment: CredentialsEnvironment,
  user: string,
  at: string = new Date().toISOString(),
): boolean {
  checkEnvironment(environment);
  const actor = user.trim();
  if (!actor)
    throw new CredentialsError('INVALID_CREDENTIALS', 'A user name is required to delete credentials.');

  return db
    .transaction(() => {
      const row = selectRow(db, environment);
      if (!row) return false;
      db.prepare('DELETE FROM credentials WHERE environment = ?').run(environment);
      appendAudit(db, {
        actor,
        action: 'credentials.delete',
        at,
        details: { environment, project_id: row.project_id },
      });
      return true;
    })
    .immediate();
}

function selectRow(db: Database, environment: CredentialsEnvironment): CredentialsRow | undefined {
  return db
    .prepare<[string], CredentialsRow>(
      `SELECT project_id, secret_sealed, cipher_kind, updated_at, updated_by
       FROM credentials WHERE environment = ?`,
    )
    .get(environment);
}

// Values come from IPC and the command line too, so the types alone do not guard them.
function checkEnvironment(environment: string): CredentialsEnvironment {
  if ((CREDENTIALS_ENVIRONMENTS as readonly string[]).includes(environment)) {
    return environment as CredentialsEnvironment;
  }
  throw new CredentialsError(
    'INVALID_CREDENTIALS',
    `Unknown environment; expected one of ${CREDENTIALS_ENVIRONMENTS.join(', ')}.`,
  );
}

function checkProjectId(projectId: number): void {
  if (!Number.isSafeInteger(projectId) || projectId <= 0) {
    throw new CredentialsError('INVALID_CREDENTIALS', 'The project id must be a positive whole number.');
  }
}

// Messages describe the problem, never the value: it is a secret.
function checkSecretKey(secretKey: string): void {
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new CredentialsError('INVALID_CREDENTIALS', 'The secret key is empty.');
  }
  if (secretKey.trim() !== secretKey) {
    throw new CredentialsError(
      'INVALID_CREDENTIALS',
      'The secret key starts or ends with whitespace; copy it again without spaces or line breaks.',
    );
  }
}
