/**
 * The mapping_presets table: column mappings saved by name (their header → our field), one row per name.
 * The map is kept as a JSON object in the order it was given.
 */
import type { Database } from 'better-sqlite3';
import type { StoredMappingPreset } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

/** Applied as migration 10 (migrations.ts). */
export const MAPPING_PRESETS_MIGRATION_SQL = `
CREATE TABLE mapping_presets (
  name       TEXT PRIMARY KEY CHECK (name <> ''),
  map        TEXT NOT NULL CHECK (json_valid(map) AND json_type(map) = 'object'),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`;

interface PresetRow {
  name: string;
  map: string;
  updated_at: string;
  updated_by: string;
}

const SELECT = 'SELECT name, map, updated_at, updated_by FROM mapping_presets';

function presetOf(row: PresetRow): StoredMappingPreset {
  return {
    name: row.name,
    map: JSON.parse(row.map) as Record<string, string>,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Every preset, by name. */
export function listMappingPresets(db: Database): StoredMappingPreset[] {
  return db.prepare<[], PresetRow>(`${SELECT} ORDER BY name`).all().map(presetOf);
}

/** Stores a preset, replacing one of the same name, with its audit entry (which says whether it replaced one). */
export function putMappingPreset(
  db: Database,
  preset: { name: string; map: Record<string, string> },
  audit: AuditRecord,
): StoredMappingPreset {
  return db
    .transaction((): StoredMappingPreset => {
      const replaced =
        db
          .prepare<[string], { one: number }>('SELECT 1 AS one FROM mapping_presets WHERE name = ?')
          .get(preset.name) !== undefined;
      db.prepare(
        `INSERT INTO mapping_presets (name, map, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET
           map = excluded.map, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(preset.name, JSON.stringify(preset.map), audit.at, audit.actor);
      appendAudit(db, { ...audit, details: { ...audit.details, replaced } });
      // Read back: what the list will show (a JSON object puts keys like "1" first).
      return presetOf(db.prepare<[string], PresetRow>(`${SELECT} WHERE name = ?`).get(preset.name)!);
    })
    .immediate();
}

/** Deletes a preset with its audit entry; false (and no entry) when there is none of that name. */
export function removeMappingPreset(db: Database, name: string, audit: AuditRecord): boolean {
  return db
    .transaction(() => {
      if (db.prepare('DELETE FROM mapping_presets WHERE name = ?').run(name).changes === 0) return false;
      appendAudit(db, audit);
      return true;
    })
    .immediate();
}
