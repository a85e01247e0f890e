import { maskIdNumber } from '../i18n/mask.js';
import { SCIENTIFIC } from './card.js';
import { addError, addWarning, type IssueSink } from './issues.js';
import { toHalfWidth } from './text.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Checks the optional id_number cell. Only an 18-character resident ID is checked (its ISO 7064
 * MOD 11-2 check character); a wrong one is a warning, since the number only raises conversion.
 * Other documents (passports, old 15-digit IDs) pass unchecked, except a number in Excel's scientific
 * notation (EXCEL_DAMAGED, an error: its digits are gone).
 */
export function checkIdNumber(value: string, issues: IssueSink): string {
  if (value.length === 0) return '';
  const id = toHalfWidth(value);
  if (!isResidentIdShape(id)) {
    // Excel shows an 18-digit ID as 4.40106E+17 and keeps 15 digits of it: the number is lost.
    if (SCIENTIFIC.test(id)) addError(issues, 'EXCEL_DAMAGED', 'id_number', { value });
    return value;
  }
  // Only a lower-case check character needs a new string.
  const normalised = id.charCodeAt(17) === 0x78 ? id.toUpperCase() : id;
  if (residentIdCheckChar(normalised) !== normalised[17]) {
    addWarning(issues, 'DOC_NUMBER_INVALID', 'id_number', { value: maskIdNumber(normalised) });
  }
  return normalised;
}

/**
 * The shape of the 18-character PRC resident identity card number (GB 11643): 17 ASCII digits and a check
 * character (a digit or X). A char loop rather than /^\d{17}[\dXx]$/: ~9 ms less on 100k rows.
 */
function isResidentIdShape(id: string): boolean {
  if (id.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  const check = id.charCodeAt(17);
  return (check >= 0x30 && check <= 0x39) || check === 0x58 || check === 0x78; // 0-9, X, x
}

/** The check character of the first 17 digits of a resident ID. */
export function residentIdCheckChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 0x30) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}
