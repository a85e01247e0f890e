/**
 * What a Paygate `Code` means for the console. A code is 8 characters: the first says the family (0 OK,
 * 2 error, 4 fatal error, 6 pending, 7 3-D Secure information), the next three the area (001 crypto,
 * 010–019 parameters, 020–0FF internal, 100+ module), the last four the parameter or detail. Only `Code`
 * decides an outcome, never `Status`.
 */

export type CodeClass = 'success' | 'pending' | 'error' | 'fatal' | 'info' | 'malformed';

/** The one code that means success (the provider: only `code=00000000` is to be considered successful). */
export const SUCCESS_CODE = '00000000';

/**
 * The family of a code:
 * - `success`: exactly 00000000;
 * - `info`: any other code of the 0 family, and the 7 family. The documentation calls the 0 family "OK", but
 *   only 00000000 is success, so nothing else of it is trusted as success: the adapter settles it by inquiry;
 * - `error` (2…), `fatal` (4…): refused; nothing was done;
 * - `pending` (6…): accepted, the final status follows;
 * - `malformed`: not 8 letters or digits, or a family the documentation does not name.
 */
export function classifyCode(code: string): CodeClass {
  if (!/^[0-9A-Za-z]{8}$/.test(code)) return 'malformed';
  if (code === SUCCESS_CODE) return 'success';
  switch (code[0]) {
    case '0':
    case '7':
      return 'info';
    case '2':
      return 'error';
    case '4':
      return 'fatal';
    case '6':
      return 'pending';
    default:
      return 'malformed';
  }
}

/** The area of a code (its characters 2–4), for guidance: crypto, a parameter, Paygate itself or a module. */
export type CodeArea = 'crypto' | 'parameter' | 'internal' | 'module' | 'other';

export function codeArea(code: string): CodeArea {
  const area = Number.parseInt(code.slice(1, 4), 16);
  if (!/^[0-9A-Fa-f]{3}$/.test(code.slice(1, 4))) return 'other';
  if (area === 0x001) return 'crypto';
  if (area >= 0x010 && area <= 0x019) return 'parameter';
  if (area >= 0x020 && area <= 0x0ff) return 'internal';
  if (area >= 0x100) return 'module';
  return 'other';
}

/** The console's own code for a refund above what remains of its payment's capture (never sent). */
export const REFUND_ABOVE_CAPTURE = 'REFUND_ABOVE_CAPTURE';
