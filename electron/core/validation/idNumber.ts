import { maskIdNumber } from '../i18n/mask.js';
import { addWarning, type IssueSink } from './issues.js';
import { toHalfWidth } from './text.js';

// The 18-character PRC resident identity card number (GB 11643): 17 digits and a check character.
const RESIDENT_ID = /^\d{17}[\dXx]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Checks the optional id_number cell. Only an 18-character resident ID is checked (its ISO 7064
 * MOD 11-2 check character); a wrong one is a warning, since the number only raises conversion.
 * Other documents (passports, old 15-digit IDs) pass unchecked.
 */
export function checkIdNumber(value: string, issues: IssueSink): string {
  if (value.length === 0) return '';
  const id = toHalfWidth(value);
  if (!RESIDENT_ID.test(id)) return value;
  const normalised = id.toUpperCase();
  if (residentIdCheckChar(normalised) !== normalised[17]) {
    addWarning(issues, 'DOC_NUMBER_INVALID', 'id_number', { value: maskIdNumber(normalised) });
  }
  return normalised;
}

/** The check character of the first 17 digits of a resident ID. */
export function residentIdCheckChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 0x30) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}
