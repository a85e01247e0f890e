/**
 * Bank names as a person types them, and "did you mean" for a bank cell that matches no bank. Suggestions are
 * computed only for unknown cells, from an index built on the first one: a file of valid rows never pays.
 */
import type { Bank } from '../reference/referenceData.js';
import { toHalfWidth } from './text.js';

const ANY_SPACE = /\s+/g;
const CURLY_APOSTROPHE = /[\u2018\u2019]/g;
const HAN = /\p{Script=Han}/u;
const DIGITS_ONLY = /^\d+$/;

/** How many banks a message suggests at most. */
export const MAX_SUGGESTIONS = 3;
/** Longer cells are not a mistyped bank name: no suggestion is looked for. */
const MAX_QUERY = 80;
/** Distinct unknown cells remembered per table before the memo starts afresh. */
const MEMO_LIMIT = 4096;

/**
 * The key a bank name is matched by: half-width, lower case, without any space (U+3000 included), straight
 * apostrophes. `中国 工商银行` = `中国工商银行`, `ＨＺＢ` = `hzb`, `Bank Of  China` = `bankofchina`.
 */
export function bankKey(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(ANY_SPACE, '').replace(CURLY_APOSTROPHE, "'");
}

interface Candidate {
  bank: Bank;
  en: string;
  zh: string | null;
}

/** The banks a cell may have meant, best first; empty for numbers and for cells like no bank at all. */
export type BankSuggester = (value: string) => readonly Bank[];

/**
 * Builds the suggester of one bank table. Cells with Chinese characters are compared with the Chinese names
 * (substring or characters in order, as 工商银行 → 中国工商银行, 邮储银行 → 中国邮政储蓄银行, or a typo),
 * other cells with the English names (substring or a few typos). Table entries that are region names are
 * never suggested.
 */
export function createBankSuggester(banks: readonly Bank[]): BankSuggester {
  const candidates: Candidate[] = banks
    .filter((bank) => bank.looks_like_region !== true)
    .map((bank) => ({ bank, en: bankKey(bank.name), zh: bank.name_zh ? bankKey(bank.name_zh) : null }));
  const memo = new Map<string, readonly Bank[]>();
  return (value) => {
    const query = bankKey(value);
    const known = memo.get(query);
    if (known) return known;
    const found = suggest(query, candidates);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(query, found);
    return found;
  };
}

function suggest(query: string, candidates: readonly Candidate[]): readonly Bank[] {
  if (query.length < 2 || query.length > MAX_QUERY || DIGITS_ONLY.test(query)) return [];
  const chinese = HAN.test(query);
  const scored: Array<{ bank: Bank; score: number; whole: boolean }> = [];
  for (const candidate of candidates) {
    const key = chinese ? candidate.zh : candidate.en;
    if (key === null) continue;
    const alike = similarity(query, key, chinese);
    if (alike !== null) scored.push({ bank: candidate.bank, ...alike });
  }
  // A name holding the whole cell (工商银行 → 中国工商银行) beats names a typo away (招商银行).
  const kept = scored.some((entry) => entry.whole) ? scored.filter((entry) => entry.whole) : scored;
  kept.sort((a, b) => a.score - b.score || a.bank.id - b.bank.id);
  return kept.slice(0, MAX_SUGGESTIONS).map((entry) => entry.bank);
}

/** How alike a cell is to a name. */
export interface Likeness {
  /** 0 is closest. */
  score: number;
  /** One holds the other whole (as a substring, or a Chinese abbreviation as characters in order). */
  whole: boolean;
}

/** How far the cell `query` is from the name `key` (both bankKey); null when they are not alike. */
export function similarity(query: string, key: string, chinese: boolean): Likeness | null {
  const [short, long] = query.length <= key.length ? [query, key] : [key, query];
  const ratio = short.length / long.length;
  // One contains the other: 工商银行 in 中国工商银行, "minsheng" in "minshengbank", or the name plus "Ltd".
  // A short Latin fragment ("bank") is in half the table: it must be a good part of the name.
  if ((chinese ? short.length >= 2 : short.length >= 4 && ratio >= 0.4) && long.includes(short)) {
    return { score: 0.5 * (1 - ratio), whole: true };
  }
  // Chinese abbreviations keep the characters in order: 邮储银行 in 中国邮政储蓄银行, 鞍山银行 in 鞍山市商业银行.
  if (chinese && query.length >= 2 && query.length < key.length) {
    const gaps = subsequenceGaps(query, key);
    if (gaps >= 0) return { score: 0.3 + 0.4 * (1 - query.length / key.length) + 0.05 * gaps, whole: true };
  }
  // A few typos: about one edit in three characters.
  const allowed = Math.max(1, Math.floor(long.length / 3));
  if (long.length - short.length > allowed) return null;
  const distance = editDistance(query, key, allowed);
  return distance <= allowed ? { score: distance / long.length, whole: false } : null;
}

/** How many gaps `needle`'s characters leave in `haystack` when found in order (first fit); -1 if not. */
function subsequenceGaps(needle: string, haystack: string): number {
  let at = 0;
  let gaps = 0;
  let last = -1;
  for (let i = 0; i < haystack.length && at < needle.length; i++) {
    if (haystack[i] !== needle[at]) continue;
    if (last >= 0 && i > last + 1) gaps++;
    last = i;
    at++;
  }
  return at === needle.length ? gaps : -1;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), given up beyond
 * `max`: returns max + 1 as soon as every path is longer.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] ?? 0, max + 1);
}
