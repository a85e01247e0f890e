/**
 * The payee's address, which the seeds make mandatory in every request: province (customer.state, in
 * Chinese), city, street and a 6-digit postal code, plus the bank's city (account.city).
 */
import type { PayoutField } from '../types.js';
import { addError, type IssueSink } from './issues.js';
import { findRegion, type RegionIndex } from './region.js';
import { toHalfWidth } from './text.js';

/** Organisation defaults for fields a file may not carry (settings' payout defaults, `--payout-*`). */
export interface IntakeDefaults {
  email?: string;
  description?: string;
  city?: string;
  street?: string;
  zip?: string;
  phone?: string;
}

/** The option that sets each default, named in REQUIRED_MISSING so the user knows both ways to fix it. */
export const DEFAULT_OPTION: Partial<Record<PayoutField, string>> = {
  email: '--payout-email',
  description: '--payout-description',
  city: '--payout-city',
  street: '--payout-street',
  zip: '--payout-zip',
  phone: '--payout-phone',
};

/**
 * The cell, else the default, else REQUIRED_MISSING (saying whether a default could have filled it).
 * `column` is false when the file has no column for the field at all.
 */
export function requiredWithDefault(
  field: PayoutField,
  value: string,
  fallback: string | undefined,
  column: boolean,
  issues: IssueSink,
): string {
  if (value.length > 0) return value;
  if (fallback !== undefined && fallback.length > 0) return fallback;
  const option = DEFAULT_OPTION[field];
  addError(issues, 'REQUIRED_MISSING', field, {
    source: column ? 'empty' : 'no_column',
    ...(option ? { option } : {}),
  });
  return '';
}

/** Six digits, the PRC postal code (full-width digits accepted and made ASCII). */
export function checkZip(value: string, issues: IssueSink): string {
  if (value.length === 0) return '';
  const zip = toHalfWidth(value);
  if (zip.length !== 6 || !/^\d{6}$/.test(zip)) {
    addError(issues, 'ZIP_INVALID', 'zip', { value });
    return value;
  }
  return zip;
}

/**
 * customer.state: the province cell (an ID, 广东省, 广东 or Guangdong Sheng) as its official Chinese name;
 * an empty cell takes the bank region's name. Empty when neither resolves (the region error says why).
 */
export function checkProvince(
  value: string,
  regionId: number | null,
  index: RegionIndex,
  issues: IssueSink,
): string {
  if (value.length === 0) return regionId === null ? '' : (index.nameZh.get(regionId) ?? '');
  const id = findRegion(value, index);
  if (id === undefined) {
    addError(issues, 'REGION_UNKNOWN', 'province', { value });
    return value;
  }
  return index.nameZh.get(id) ?? value;
}
