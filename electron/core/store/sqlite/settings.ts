/** The settings table: one JSON value per key, with who changed it last. */
import type { Database } from 'better-sqlite3';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

export function allSettings(db: Database): Record<string, unknown> {
  const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
  return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
}

export function putSettings(db: Database, values: Record<string, unknown>, audit: AuditRecord): void {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(values))
      upsert.run(key, JSON.stringify(value), audit.at, audit.actor);
    appendAudit(db, audit);
  }).immediate();
}
