import type { Region } from '../reference/referenceData.js';
import { addError, requiredMissing, type IssueSink } from './issues.js';
import { lookupKey, smallNumber } from './text.js';

/** The region table indexed for lookups; built once per validation run. */
export interface RegionIndex {
  ids: ReadonlySet<number>;
  /** Every accepted spelling of a region name (lookup key) → its ID. */
  byName: ReadonlyMap<string, number>;
  /** Official Chinese name per ID (customer.state wants the province in Chinese). */
  nameZh: ReadonlyMap<number, string>;
}

// "Guangdong Sheng" is also written "Guangdong"; "Hong Kong SAR" as "Hong Kong".
const EN_SUFFIX = / (?:sheng|shi|zizhiqu|sar)$/;

/**
 * Aliases per region: the English name with or without its administrative word, the Chinese name with or
 * without its suffix (广东省 / 广东, 香港特别行政区 / 香港), and traditional spellings (廣東省, 臺灣).
 */
export function buildRegionIndex(regions: readonly Region[]): RegionIndex {
  const ids = new Set<number>();
  const byName = new Map<string, number>();
  const nameZh = new Map<number, string>();
  for (const region of regions) {
    ids.add(region.id);
    nameZh.set(region.id, region.name_zh);
    const en = lookupKey(region.name_en);
    const names = [
      en,
      en.replace(EN_SUFFIX, ''),
      region.name_zh,
      region.name_zh_short,
      ...(region.aliases_zh ?? []),
    ];
    for (const alias of names) {
      // First come keeps an alias; the shipped table has no clashes (a unit test checks it).
      if (!byName.has(alias)) byName.set(alias, region.id);
    }
  }
  return { ids, byName, nameZh };
}

/** Resolves the region cell (an ID such as 5, 05 or ５, or a name) to a region ID; null when missing or unknown. */
export function checkRegion(value: string, index: RegionIndex, issues: IssueSink): number | null {
  if (value.length === 0) {
    requiredMissing(issues, 'region_id');
    return null;
  }
  const id = findRegion(value, index);
  if (id === undefined) {
    addError(issues, 'REGION_UNKNOWN', 'region_id', { value });
    return null;
  }
  return id;
}

export function findRegion(value: string, index: RegionIndex): number | undefined {
  const number = smallNumber(value);
  if (number >= 0) return index.ids.has(number) ? number : undefined;
  // Chinese names match as they are, English ones usually after plain lower-casing; then the full key.
  return (
    index.byName.get(value) ?? index.byName.get(value.toLowerCase()) ?? index.byName.get(lookupKey(value))
  );
}
