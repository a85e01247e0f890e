import { addError, type IssueSink } from './issues.js';
import { toHalfWidth } from './text.js';

const CNY = 'CNY';

/**
 * Ways a Chinese spreadsheet writes the yuan, after full-width letters are made ASCII and upper-cased:
 * the ISO code, the common abbreviation, the Chinese words and the yuan sign.
 */
const CNY_WORDS: ReadonlySet<string> = new Set([CNY, 'RMB', '人民币', '元', '人民币元', '¥', '￥', 'CN¥']);

/** Returns the payout currency: an empty cell means CNY; CNY, RMB, 人民币 and 元 in any case are CNY. */
export function checkCurrency(value: string, issues: IssueSink): string {
  // The usual cell: return the constant rather than a fresh upper-cased copy (one string less per row).
  if (value.length === 0 || value === CNY) return CNY;
  const word = toHalfWidth(value).trim().toUpperCase();
  if (CNY_WORDS.has(word)) return CNY;
  addError(issues, 'CURRENCY_UNSUPPORTED', 'currency', { value });
  return word;
}
