import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { CREDENTIALS_MIGRATION_SQL } from './credentialsSchema.js';
import { MAPPING_PRESETS_MIGRATION_SQL } from './mappingPresets.js';
import { RECONCILIATION_MIGRATION_SQL } from './reconciliation.js';
import { REFUNDS_MIGRATION_SQL } from './refunds.js';
import { RETRY_LINKS_MIGRATION_SQL } from './retries.js';

export interface Migration {
  /** 1, 2, 3…: stored in PRAGMA user_version once applied. Never renumber or edit a shipped migration. */
  version: number;
  name: string;
  sql: string;
}

// Status/state columns carry no CHECK list on purpose: SQLite cannot alter a CHECK, and adding the
// submission states later would mean rebuilding `payouts` (and its foreign keys). The TS types guard them.
const INITIAL_SCHEMA = `
CREATE TABLE batches (
  id                 INTEGER PRIMARY KEY,
  method             TEXT    NOT NULL,
  source_file_name   TEXT    NOT NULL,
  source_sha256      TEXT    NOT NULL,
  encoding           TEXT    NOT NULL,
  delimiter          TEXT    NOT NULL,
  row_count          INTEGER NOT NULL CHECK (row_count >= 0),
  payout_count       INTEGER NOT NULL CHECK (payout_count >= 0),
  total_fen          INTEGER NOT NULL CHECK (total_fen >= 0),
  status             TEXT    NOT NULL DEFAULT 'draft',
  created_by         TEXT    NOT NULL,
  created_at         TEXT    NOT NULL,
  duplicate_of       INTEGER NULL REFERENCES batches (id),
  dropped_error_rows INTEGER NOT NULL DEFAULT 0 CHECK (dropped_error_rows >= 0)
) STRICT;

CREATE INDEX batches_source_sha256 ON batches (source_sha256);

CREATE TABLE payouts (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES batches (id),
  line        INTEGER NOT NULL CHECK (line > 0),
  -- Unique per project forever: the provider rejects a reused id, and a resend must reuse the same one.
  payment_id  TEXT    NOT NULL UNIQUE CHECK (payment_id <> ''),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0 AND amount_fen = CAST(amount_fen AS INTEGER)),
  currency    TEXT    NOT NULL,
  card_number TEXT    NOT NULL,
  bank_id     INTEGER NOT NULL,
  region_id   INTEGER NOT NULL,
  last_name   TEXT    NOT NULL,
  first_name  TEXT    NOT NULL,
  customer_id TEXT    NOT NULL,
  phone       TEXT    NOT NULL,
  email       TEXT    NOT NULL,
  id_number   TEXT    NOT NULL,
  branch      TEXT    NOT NULL,
  bank_city   TEXT    NOT NULL,
  description TEXT    NOT NULL,
  warnings    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
  state       TEXT    NOT NULL DEFAULT 'draft',
  created_at  TEXT    NOT NULL
) STRICT;


CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT    NOT NULL,
  actor    TEXT    NOT NULL,
  action   TEXT    NOT NULL,
  batch_id INTEGER NULL REFERENCES batches (id),
  details  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;

CREATE INDEX audit_log_batch_id ON audit_log (batch_id);
`;

// Submission: approval, and the delivery journal of every payout. Times the engine computes with are integer
// milliseconds since the epoch (`*_ms`); times shown to people are ISO strings.
const SUBMISSION_JOURNAL = `
ALTER TABLE batches ADD COLUMN approved_by TEXT NULL;
ALTER TABLE batches ADD COLUMN approved_at TEXT NULL;

-- state: the console's own states (draft, queued, sending, accepted, unknown, rejected, needs_attention,
-- cancelled) or the provider's payment status once it has told us one (processing, success, decline, …).
ALTER TABLE payouts ADD COLUMN provider_status TEXT NULL;
ALTER TABLE payouts ADD COLUMN code TEXT NULL;
ALTER TABLE payouts ADD COLUMN message TEXT NULL;
ALTER TABLE payouts ADD COLUMN request_id TEXT NULL;
ALTER TABLE payouts ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payouts ADD COLUMN first_sent_at_ms INTEGER NULL;
ALTER TABLE payouts ADD COLUMN last_sent_at_ms INTEGER NULL;
ALTER TABLE payouts ADD COLUMN next_check_at_ms INTEGER NULL;
ALTER TABLE payouts ADD COLUMN status_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payouts ADD COLUMN not_found_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payouts ADD COLUMN final_at TEXT NULL;
-- SHA-256 of the first request's signed content: a resend must carry exactly the same data.
ALTER TABLE payouts ADD COLUMN request_sha256 TEXT NULL;

CREATE INDEX payouts_batch_state ON payouts (batch_id, state);

-- Every state change of every payout, in order: the history an operator or auditor reads.
CREATE TABLE payout_events (
  id         INTEGER PRIMARY KEY,
  payout_id  INTEGER NOT NULL REFERENCES payouts (id),
  at         TEXT    NOT NULL,
  from_state TEXT    NOT NULL,
  to_state   TEXT    NOT NULL,
  detail     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

CREATE INDEX payout_events_payout_id ON payout_events (payout_id);
`;

// Bank lists fetched from Gate, one row per method and fetch, kept for an admin to compare with the shipped
// table. Rows are never updated: the history of what Gate listed, and when, stays readable.
const BANK_LISTS = `
CREATE TABLE bank_lists (
  id          INTEGER PRIMARY KEY,
  method      TEXT    NOT NULL,
  fetched_at  TEXT    NOT NULL,
  fetched_by  TEXT    NOT NULL,
  environment TEXT    NOT NULL,
  -- [{id, name, nativeName?, abbr?, minAmount?, maxAmount?}]
  banks       TEXT    NOT NULL CHECK (json_valid(banks) AND json_type(banks) = 'array'),
  -- {added, removed, renamed} against the shipped table at fetch time
  diff        TEXT    NOT NULL CHECK (json_valid(diff) AND json_type(diff) = 'object')
) STRICT;

CREATE INDEX bank_lists_method_fetched_at ON bank_lists (method, fetched_at);
`;

// The engine asks "which payouts are due for a status query" and "which are queued" many times a second
// while sending; partial indexes keep both answers independent of how many payouts are already final.
const SUBMISSION_INDEXES = `
CREATE INDEX payouts_next_check ON payouts (next_check_at_ms) WHERE next_check_at_ms IS NOT NULL;
CREATE INDEX payouts_queued ON payouts (batch_id, id) WHERE state = 'queued';
`;

// A draft its approver refused, and the console's settings (one JSON value per key, who changed it last).
const REJECTION_AND_SETTINGS = `
ALTER TABLE batches ADD COLUMN rejected_by TEXT NULL;
ALTER TABLE batches ADD COLUMN rejected_at TEXT NULL;
ALTER TABLE batches ADD COLUMN reject_reason TEXT NULL;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`;

// Where a batch was first sent (every later run follows it there), what its approval covered, the
// installation's own id (for payment ids it generates), and what a database file is (PRAGMA application_id).
const BINDING_AND_SEAL = `
ALTER TABLE batches ADD COLUMN environment TEXT NULL;
ALTER TABLE batches ADD COLUMN gate_url TEXT NULL;
ALTER TABLE batches ADD COLUMN project_id INTEGER NULL;
ALTER TABLE batches ADD COLUMN approval_digest TEXT NULL;
ALTER TABLE batches ADD COLUMN approval_count INTEGER NULL;
ALTER TABLE batches ADD COLUMN approval_total_fen INTEGER NULL;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('installation_id', lower(hex(randomblob(4))));
`;

/**
 * The payee's address, which every request must carry (seeds 000-002), stored per payout so that the
 * approval covers it; and a digest of a file's decoded rows, so the same rows saved with other bytes (CRLF,
 * a BOM, another encoding) are recognised as imported before.
 */
const ADDRESS_AND_CONTENT_DIGEST = `
ALTER TABLE payouts ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE payouts ADD COLUMN city     TEXT NOT NULL DEFAULT '';
ALTER TABLE payouts ADD COLUMN street   TEXT NOT NULL DEFAULT '';
ALTER TABLE payouts ADD COLUMN zip      TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN content_sha256 TEXT NULL;
CREATE INDEX batches_content_sha256 ON batches (content_sha256);
CREATE INDEX batches_created_at ON batches (created_at);
`;

/**
 * Accounts, and secrets protected at rest. Card numbers, ID numbers and phones move into `payee_sealed`
 * (AES-GCM under the installation key) and their columns keep only the masked form; `card_hash` (a keyed
 * hash) finds a card paid before without opening anything. Audit entries are chained (`chain`, an HMAC over
 * the entry and the one before it). Rows stored before this migration are protected when the installation
 * key is first unlocked (the key is not known here): see store/sqlite/protection.ts.
 */
const ACCOUNTS_AND_PROTECTION = `
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  -- NFKC, case-folded, invisible characters removed: what makes two names one person.
  name                TEXT    NOT NULL UNIQUE CHECK (name <> ''),
  -- The look-alike skeleton (Cyrillic а, full-width forms, rn/m…): a new name must not share one.
  skeleton            TEXT    NOT NULL UNIQUE,
  display_name        TEXT    NOT NULL,
  roles               TEXT    NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
  password_hash       TEXT    NOT NULL,
  password_changed_at TEXT    NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT    NULL,
  disabled_at         TEXT    NULL,
  created_at          TEXT    NOT NULL,
  created_by          TEXT    NOT NULL
) STRICT;

ALTER TABLE payouts ADD COLUMN payee_sealed BLOB NULL;
ALTER TABLE payouts ADD COLUMN card_hash TEXT NULL;
ALTER TABLE audit_log ADD COLUMN chain TEXT NULL;
-- Every unlock asks "is anything left unprotected?": answered from these without reading every row.
CREATE INDEX payouts_unsealed ON payouts (batch_id) WHERE payee_sealed IS NULL;
CREATE INDEX audit_log_unchained ON audit_log (id) WHERE chain IS NULL;
-- Who changed a draft's rows after import: none of them may approve it.
ALTER TABLE batches ADD COLUMN edited_by TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(edited_by));

-- Approvals given so far (a batch above the second-approver total needs two different people).
CREATE TABLE batch_approvals (
  batch_id INTEGER NOT NULL REFERENCES batches (id),
  approver TEXT    NOT NULL,
  at       TEXT    NOT NULL,
  -- The approval seal of what this approver saw: the next approval must cover the very same content.
  digest   TEXT    NOT NULL,
  PRIMARY KEY (batch_id, approver)
) STRICT;

-- Secrets besides the Gate secret key (Computop passwords, the Data API token): sealed, never read back out.
CREATE TABLE provider_secrets (
  name         TEXT PRIMARY KEY,
  public_value TEXT NULL,
  sealed       BLOB NOT NULL,
  cipher_kind  TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL
) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  { version: 2, name: 'submission journal', sql: SUBMISSION_JOURNAL },
  { version: 3, name: 'credentials', sql: CREDENTIALS_MIGRATION_SQL },
  { version: 4, name: 'bank lists', sql: BANK_LISTS },
  { version: 5, name: 'submission indexes', sql: SUBMISSION_INDEXES },
  { version: 6, name: 'batch rejection and settings', sql: REJECTION_AND_SETTINGS },
  { version: 7, name: 'environment binding, approval seal, installation id', sql: BINDING_AND_SEAL },
  { version: 8, name: 'payee address, file content digest', sql: ADDRESS_AND_CONTENT_DIGEST },
  { version: 9, name: 'accounts, payee data and secrets protected at rest', sql: ACCOUNTS_AND_PROTECTION },
  { version: 10, name: 'column mapping presets', sql: MAPPING_PRESETS_MIGRATION_SQL },
  { version: 11, name: 'failed payouts paid again, linked', sql: RETRY_LINKS_MIGRATION_SQL },
  { version: 12, name: 'reconciliation runs and exceptions', sql: RECONCILIATION_MIGRATION_SQL },
  { version: 13, name: 'refund batches and refunded payments', sql: REFUNDS_MIGRATION_SQL },
];

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the newest migration, one transaction per migration.
 * Returns the resulting version. Refuses a database written by newer code rather than guess at it.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;

  const applyOne = db.transaction((m: Migration) => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    if (schemaVersion(db) >= m.version) return;
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  });

  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'SCHEMA_TOO_NEW',
      `Database schema version ${current} is newer than this console supports (${latest}). ` +
        'Update the console; do not open this database with an older version.',
    );
  }
  for (const m of migrations) {
    if (m.version > current) applyOne.immediate(m);
  }
  return schemaVersion(db);
}

/** Versions must run 1, 2, 3… so that user_version alone says what has been applied. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
}
