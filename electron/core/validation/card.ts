import { maskPan } from '../i18n/mask.js';
import { addError, addWarning, requiredMissing, type IssueSink } from './issues.js';

// What Excel shows for a long number it turned into a float: 6.22202E+18, 6.22202e18, 4.40106E+17.
export const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/i;
// Spaces (incl. NBSP and U+3000), ASCII, typographic and full-width dashes people type between groups.
const SEPARATORS = /[\s\-\u2010-\u2015\uff0d]/g;
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/g;

/**
 * Checks the card number and returns it as digits (separators removed, full-width digits made ASCII).
 *
 * Errors: scientific notation (PAN_EXCEL_DAMAGED) and anything but 16-19 digits (PAN_INVALID); a failed Luhn
 * check when every digit after the 15th is 0, the mark of Excel's 15-digit precision (PAN_EXCEL_DAMAGED).
 * Warnings: any other failed Luhn check (PAN_LUHN; some genuine UnionPay cards fail it) and a prefix other
 * than 62/81 (PAN_PREFIX).
 */
export function checkCard(value: string, issues: IssueSink): string {
  if (value.length === 0) {
    requiredMissing(issues, 'card_number');
    return '';
  }
  let pan = value;
  if (!isWellFormedPan(pan)) {
    pan = cleanPan(value);
    if (!isWellFormedPan(pan)) {
      reportMalformed(pan, issues);
      return pan;
    }
  }
  if (!passesLuhn(pan)) {
    if (zerosAfter15th(pan)) {
      // Paying a card whose last digits Excel replaced by zeros pays someone else or nobody: an error.
      addError(issues, 'PAN_EXCEL_DAMAGED', 'card_number', { pan: maskPan(pan), kind: 'zeros' });
    } else {
      addWarning(issues, 'PAN_LUHN', 'card_number', { pan: maskPan(pan) });
    }
  }
  if (!hasUnionPayPrefix(pan)) {
    addWarning(issues, 'PAN_PREFIX', 'card_number', { pan: maskPan(pan), prefix: pan.slice(0, 2) });
  }
  return pan;
}

function reportMalformed(pan: string, issues: IssueSink): void {
  if (SCIENTIFIC.test(pan)) {
    // The digits are gone; what is left is a float preview, not a card number, so it is shown as is.
    addError(issues, 'PAN_EXCEL_DAMAGED', 'card_number', { pan, kind: 'scientific' });
  } else {
    addError(issues, 'PAN_INVALID', 'card_number', { pan: maskPan(pan), length: pan.length });
  }
}

/** 16-19 ASCII digits (a char loop: cheaper than a regex on the hot path). */
export function isWellFormedPan(text: string): boolean {
  if (text.length < 16 || text.length > 19) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function cleanPan(value: string): string {
  return value
    .replace(SEPARATORS, '')
    .replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** The mod-10 check of ISO/IEC 7812 over a string of ASCII digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function zerosAfter15th(pan: string): boolean {
  for (let i = 15; i < pan.length; i++) if (pan.charCodeAt(i) !== 0x30) return false;
  return true;
}

/** UnionPay cards start with 62; 81 is the newer UnionPay range. */
function hasUnionPayPrefix(pan: string): boolean {
  return pan.startsWith('62') || pan.startsWith('81');
}

/** Longest and shortest bank account number accepted where a method takes account numbers in card.pan. */
const ACCOUNT_NUMBER_MIN = 8;
const ACCOUNT_NUMBER_MAX = 32;

/**
 * For a method set to take bank account numbers (the seeds: "for some providers it is necessary to specify
 * the bank account number"): digits only, 8-32 of them, separators removed; no card checks (Luhn, prefix).
 */
export function checkAccountNumber(value: string, issues: IssueSink): string {
  if (value.length === 0) {
    requiredMissing(issues, 'card_number');
    return '';
  }
  const digits = cleanPan(value);
  if (SCIENTIFIC.test(digits)) {
    addError(issues, 'EXCEL_DAMAGED', 'card_number', { value: digits });
    return digits;
  }
  if (!/^\d+$/.test(digits) || digits.length < ACCOUNT_NUMBER_MIN || digits.length > ACCOUNT_NUMBER_MAX) {
    addError(issues, 'ACCOUNT_NUMBER_INVALID', 'card_number', {
      value: maskPan(digits),
      length: digits.length,
      min: ACCOUNT_NUMBER_MIN,
      max: ACCOUNT_NUMBER_MAX,
    });
  }
  return digits;
}
