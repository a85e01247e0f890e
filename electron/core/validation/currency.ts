import { addError, type IssueSink } from './issues.js';

const CNY = 'CNY';

/** Returns the payout currency: an empty cell means CNY; CNY in any letter case is the only one accepted. */
export function checkCurrency(value: string, issues: IssueSink): string {
  // The usual cell: return the constant rather than a fresh upper-cased copy (one string less per row).
  if (value.length === 0 || value === CNY) return CNY;
  const upper = value.toUpperCase();
  if (upper !== CNY) addError(issues, 'CURRENCY_UNSUPPORTED', 'currency', { value });
  return upper;
}
