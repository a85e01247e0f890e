/**
 * Plain guidance for ecommpay's codes, for the operator who must decide what to do next: what the code means,
 * whether money may have moved, and what to do. The words live in ./codes.ts (data only); a code not listed
 * there gets no guidance (its message is still shown).
 */
import type { Lang } from '../../types.js';
import { ECOMMPAY_CODES, type EcommpayCode, type MoneyMoved, type Words } from './codes.js';

const BY_CODE: ReadonlyMap<string, EcommpayCode> = new Map(
  ECOMMPAY_CODES.map((entry) => [entry.code, entry]),
);

/** Said between the meaning and the action; the action follows it in lower case (en). */
const MONEY: Record<MoneyMoved, Words> = {
  no: { en: 'Nothing was paid; ', 'zh-CN': '未付款；' },
  possibly: { en: 'Money may have moved; ', 'zh-CN': '款项可能已付出；' },
  yes: { en: 'The money was paid out; ', 'zh-CN': '款项已付出；' },
};

/** The table's entry for a code (as Gate sends it: a string or a number), or null when it has none. */
export function ecommpayCode(code: string | number): EcommpayCode | null {
  return BY_CODE.get(String(code).trim()) ?? null;
}

/** An entry as one sentence: meaning, whether money may have moved, what to do. */
export function guidanceText(entry: EcommpayCode, lang: Lang): string {
  const action = entry.action[lang];
  if (lang === 'zh-CN') return `${entry.meaning[lang]}${MONEY[entry.moneyMoved][lang]}${action}`;
  return `${entry.meaning[lang]} ${MONEY[entry.moneyMoved][lang]}${action.charAt(0).toLowerCase()}${action.slice(1)}`;
}

export function ecommpayGuidance(code: string, lang: Lang): string | null {
  const entry = ecommpayCode(code);
  return entry ? guidanceText(entry, lang) : null;
}
