/** Small text helpers shared by the rules. Regexes live at module level so no row compiles one. */

// Full-width ASCII variants (！ to ～) and the ideographic space, as typed by Chinese input methods.
const HAS_WIDE = /[\uff01-\uff5e\u3000]/;
const INNER_SPACE = /\s+/g;
const CURLY_APOSTROPHE = /[\u2018\u2019]/g;

/** The trimmed cell; an absent cell reads as empty. `trim` also strips U+3000, NBSP and BOM. */
export function cell(raw: string | undefined): string {
  return raw === undefined ? '' : raw.trim();
}

/** Maps full-width ASCII characters to ASCII (`１２３` → `123`, `＠` → `@`) and U+3000 to a space. */
export function toHalfWidth(text: string): string {
  if (!HAS_WIDE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += text[i];
  }
  return out;
}

/** A key for name lookups: half-width, lower case, single spaces, straight apostrophes (`Tai’An` = `tai'an`). */
export function lookupKey(text: string): string {
  return toHalfWidth(text).trim().toLowerCase().replace(INNER_SPACE, ' ').replace(CURLY_APOSTROPHE, "'");
}

/** The value of a cell made only of digits, ASCII or full-width (at most 9: no precision question), else -1. */
export function smallNumber(text: string): number {
  if (text.length === 0 || text.length > 9) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let digit = code - 0x30;
    if (digit < 0 || digit > 9) digit = code - 0xff10;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
