import { SCIENTIFIC } from './card.js';
import { addError, type IssueSink } from './issues.js';
import { toHalfWidth } from './text.js';
import { maskPhone } from '../security/fieldCipher.js';

// The usual cell: a bare mainland mobile number.
const PLAIN_MOBILE = /^1[3-9]\d{9}$/;
// Spaces, dashes, dots and brackets people put between digit groups: "+86 (138) 0013-8000".
const SEPARATORS = /[\s\-.()\u2010-\u2015]/g;
// A mainland mobile number, optionally with the country code written as 86, +86 or 0086.
const MAINLAND_MOBILE = /^(?:\+86|0086|86)?1[3-9]\d{9}$/;
// Any other number must say its country explicitly (+ or 00) and fit E.164 (at most 15 digits).
const INTERNATIONAL = /^(?:\+|00)[1-9]\d{6,14}$/;
const INTERNATIONAL_PREFIX = /^(?:\+|00)/;

/**
 * Checks the phone cell (empty: see the required-field rule). The gate wants digits without "+", so a valid number is returned as
 * digits only, country code kept as written (`+86 138 0013 8000` → `8613800138000`). Accepted: mainland
 * mobiles (1[3-9] + 9 digits, with or without 86 / +86 / 0086) and any number written with its country
 * code after + or 00 (Hong Kong, Macau, Taiwan, landlines). Other local numbers are refused: without a
 * country code they cannot be told apart from typos.
 */
export function checkPhone(value: string, issues: IssueSink): string {
  if (value.length === 0 || PLAIN_MOBILE.test(value)) return value;
  const compact = toHalfWidth(value).replace(SEPARATORS, '');
  if (MAINLAND_MOBILE.test(compact) || INTERNATIONAL.test(compact)) {
    return compact.replace(INTERNATIONAL_PREFIX, '');
  }
  // Excel shows a long number as 1.38001E+10 and keeps 15 digits at most: the number is lost.
  if (SCIENTIFIC.test(toHalfWidth(value))) addError(issues, 'EXCEL_DAMAGED', 'phone', { value });
  // Shown masked like every payee phone: the line number tells which row to fix.
  else addError(issues, 'PHONE_INVALID', 'phone', { value: maskPhone(value) });
  return value;
}

/** Whether a non-empty phone passes the row rule above (an organisation default is checked by it too). */
export function isValidPhone(value: string): boolean {
  const issues: IssueSink = [];
  checkPhone(value, issues);
  return value.length > 0 && issues.length === 0;
}
