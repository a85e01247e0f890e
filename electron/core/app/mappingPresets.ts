/**
 * Column mapping presets: the import wizard's mappings of a sender's headers to the console's fields, saved by
 * name so that the next file from the same sender maps in one choice. A preset is checked exactly as an
 * intake's `map` is, and stored with each field under its own name (金额 is stored as amount).
 */
import type { Operations } from '../../contract/operations.js';
import type { MappingPreset } from '../../contract/records.js';
import { columnMapFromRecord } from '../csv/index.js';
import type { StoredMappingPreset } from '../store/ports.js';
import { EXPECT } from './expected.js';
import { fieldsOf, invalid, optionalStringMap } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';

/** The longest preset name (characters). */
export const PRESET_NAME_MAX = 100;

/** A preset's name as typed, without the spaces around it; never empty. */
function presetName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '' || name.length > PRESET_NAME_MAX) throw invalid('name', EXPECT.textUpTo(PRESET_NAME_MAX));
  return name;
}

/** Their header → our field, checked as an intake's map is (MAP_INVALID), with each field's own name. */
function presetMap(raw: unknown): Record<string, string> {
  const given = optionalStringMap(raw, 'map');
  if (given === undefined || Object.keys(given).length === 0)
    throw invalid('map', {
      en: 'an object of header → field with one entry or more',
      zh: '至少一项的“表头 → 字段”对象',
    });
  return Object.fromEntries(columnMapFromRecord(given));
}

function presetView(stored: StoredMappingPreset): MappingPreset {
  return { name: stored.name, map: stored.map, updated_at: stored.updatedAt, updated_by: stored.updatedBy };
}

export const mappingPresetHandlers = {
  listMappingPresets: query({
    input: () => undefined,
    async run(ctx): Promise<MappingPreset[]> {
      return (await requireStore(ctx).mappingPresets.list()).map(presetView);
    },
  }),

  saveMappingPreset: mutation({
    action: 'mapping_preset.save',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return { name: presetName(fields['name']), map: presetMap(fields['map']) };
    },
    async run(ctx, preset): Promise<MappingPreset> {
      const stored = await ctx.store.mappingPresets.put(
        preset,
        ctx.audit({ name: preset.name, map: preset.map }),
      );
      return presetView(stored);
    },
  }),

  deleteMappingPreset: mutation({
    action: 'mapping_preset.delete',
    input: (raw) => ({ name: presetName(fieldsOf(raw)['name']) }),
    async run(ctx, { name }) {
      return { deleted: await ctx.store.mappingPresets.remove(name, ctx.audit({ name })) };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
