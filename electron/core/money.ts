/**
 * Money is integer fen (1 CNY = 100 fen) everywhere in the engine. Amounts typed by people are parsed
 * digit by digit, never through a float, so `0.29` is exactly 29 fen.
 */

/**
 * Returned for well-formed amounts too large to hold exactly as fen. It is far above any payout limit,
 * so the limit check reports such an amount as above the maximum instead of as unreadable.
 */
export const SATURATED_FEN = Number.MAX_SAFE_INTEGER;

// Once the whole-yuan part passes this, the value is already beyond SATURATED_FEN: stop accumulating
// (keeps every intermediate product an exact integer).
const YUAN_STOP = 1e14;

// A currency mark around the number is tolerated ("¥88", "￥88", "CNY 88", "88元").
const CURRENCY_PREFIX = /^(?:[¥￥]|CNY|RMB)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|CNY|RMB)$/i;

/**
 * Parses a human-typed CNY amount into fen; null when it is not a positive amount with at most 2 decimals.
 *
 * Accepted: surrounding whitespace (incl. U+3000), full-width digits, `．` and `，`, thousands separators in
 * well-formed groups of 3 (`1,234,567.89`; `1,2,3` is rejected), one currency mark (`¥`, `￥`, `CNY`, `RMB`
 * before, or `元`, `CNY`, `RMB` after). Rejected: any sign (`-5` and `+5`: a payout amount is written
 * plainly), zero, `.5`, `5.`, three or more decimals, decimal commas, exponents.
 * Amounts beyond Number.MAX_SAFE_INTEGER fen return SATURATED_FEN (see there).
 */
export function parseAmountToFen(raw: string): number | null {
  let text = raw.trim();
  if (text.length === 0) return null;
  if (!isDigitCode(text.charCodeAt(0))) text = text.replace(CURRENCY_PREFIX, '');
  // Stryker disable next-line LogicalOperator,ArithmeticOperator: equivalent (the suffix pattern changes no empty text nor one ending in a digit)
  if (text.length > 0 && !isDigitCode(text.charCodeAt(text.length - 1)))
    text = text.replace(CURRENCY_SUFFIX, '');
  return parseDecimalFen(text);
}

/** Scans `digits[,ddd]*[.d[d]]` once, accumulating yuan and fen as integers. */
function parseDecimalFen(text: string): number | null {
  let yuan = 0;
  let fen = 0;
  let intDigits = 0; // digits of the whole part seen so far
  let groupDigits = 0; // digits since the last thousands comma (or the start)
  let commas = 0;
  let fracDigits = -1; // -1 while still in the whole part
  let overflow = false;

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = digitValue(code);
    if (digit >= 0) {
      if (fracDigits >= 0) {
        if (fracDigits === 2) return null;
        fen = fen * 10 + digit;
        fracDigits++;
      } else {
        intDigits++;
        groupDigits++;
        if (yuan < YUAN_STOP) yuan = yuan * 10 + digit;
        else overflow = true;
      }
    } else if (code === 0x2c || code === 0xff0c) {
      // A thousands comma: the first group holds 1-3 digits, every later one exactly 3.
      if (fracDigits >= 0) return null;
      if (commas === 0 ? groupDigits < 1 || groupDigits > 3 : groupDigits !== 3) return null;
      // Stryker disable next-line UpdateOperator: equivalent (commas is only compared with 0)
      commas++;
      groupDigits = 0;
    } else if (code === 0x2e || code === 0xff0e) {
      if (fracDigits >= 0 || !wholePartComplete(intDigits, commas, groupDigits)) return null;
      fracDigits = 0;
    } else {
      return null;
    }
  }

  if (fracDigits === 0) return null; // "5." has no decimals after its point
  if (fracDigits < 0 && !wholePartComplete(intDigits, commas, groupDigits)) return null;
  if (fracDigits === 1) fen *= 10;

  const total = yuan * 100 + fen;
  if (total === 0) return null;
  return overflow || total > SATURATED_FEN ? SATURATED_FEN : total;
}

function wholePartComplete(intDigits: number, commas: number, groupDigits: number): boolean {
  return intDigits > 0 && (commas === 0 || groupDigits === 3);
}

/** 0-9 for an ASCII or full-width digit, otherwise -1. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

function isDigitCode(code: number): boolean {
  return digitValue(code) >= 0;
}

/** `123456` → `"1,234.56"` (negative amounts keep their sign). */
export function formatFen(fen: number): string {
  const [sign, yuan, cents] = splitFen(fen);
  return `${sign}${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** `123456` → `"1234.56"`: plain decimal for files and APIs that want no grouping. */
export function fenToDecimalString(fen: number): string {
  const [sign, yuan, cents] = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

function splitFen(fen: number): [sign: string, yuan: string, cents: string] {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  const cents = abs % 100;
  // abs - cents is a multiple of 100, so the division is exact.
  return [fen < 0 ? '-' : '', String((abs - cents) / 100), cents < 10 ? `0${cents}` : String(cents)];
}
