/**
 * The credentials table, one row per environment. Only the sealed secret is stored; `cipher_kind` says
 * which SecretCipher sealed it. Applied as migration 3 (store/migrations.ts).
 */
export const CREDENTIALS_MIGRATION_SQL = `
CREATE TABLE IF NOT EXISTS credentials (
  environment   TEXT    PRIMARY KEY CHECK (environment IN ('production')),
  project_id    INTEGER NOT NULL CHECK (project_id > 0),
  secret_sealed BLOB    NOT NULL,
  cipher_kind   TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  updated_by    TEXT    NOT NULL
) STRICT;
`;
