/**
 * Computop Paygate's envelope, both ways: `key=value&…` text, Blowfish-ECB encrypted and hex encoded as
 * `Data` (with its plaintext length as `Len`), and HMAC-SHA256 MACs over `*`-joined fields. Shared by the
 * console's adapter and the sandbox's emulated Paygate, so both speak exactly the same bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { blowfishEcbDecrypt, blowfishEcbEncrypt } from './blowfish.js';

export type PaygateCryptoProblem = 'bad_hex' | 'bad_length' | 'bad_text' | 'bad_field' | 'no_data';

/** Text that cannot be sealed or opened as Paygate data; `problem` says why. Never carries a password. */
export class PaygateCryptoError extends Error {
  readonly problem: PaygateCryptoProblem;

  constructor(problem: PaygateCryptoProblem, message: string) {
    super(message);
    this.name = 'PaygateCryptoError';
    this.problem = problem;
  }
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function keyBytes(blowfishPassword: string): Uint8Array {
  return utf8.encode(blowfishPassword);
}

/** Encrypts `plaintext` (UTF-8) for `Data`: `len` is its byte length, `data` the ciphertext in upper-case hex. */
export function encryptData(plaintext: string, blowfishPassword: string): { len: number; data: string } {
  const bytes = utf8.encode(plaintext);
  const cipher = blowfishEcbEncrypt(bytes, keyBytes(blowfishPassword));
  return { len: bytes.length, data: Buffer.from(cipher).toString('hex').toUpperCase() };
}

/**
 * Decrypts `Data` (hex in either case) and keeps its first `len` bytes, whatever padding follows them.
 * Throws PaygateCryptoError when the hex, the length or the text is not usable.
 */
export function decryptData(len: number, dataHex: string, blowfishPassword: string): string {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(dataHex)) {
    throw new PaygateCryptoError('bad_hex', 'Data is not hexadecimal bytes');
  }
  const cipher = Buffer.from(dataHex, 'hex');
  if (cipher.length % 8 !== 0) {
    throw new PaygateCryptoError('bad_length', `Data has ${cipher.length} bytes, not whole 8-byte blocks`);
  }
  if (!Number.isSafeInteger(len) || len < 0 || len > cipher.length) {
    throw new PaygateCryptoError('bad_length', `Len ${len} does not fit Data of ${cipher.length} bytes`);
  }
  const plain = blowfishEcbDecrypt(cipher, keyBytes(blowfishPassword)).subarray(0, len);
  try {
    return strictUtf8.decode(plain);
  } catch {
    throw new PaygateCryptoError('bad_text', 'decrypted Data is not UTF-8 text (wrong key?)');
  }
}

/** HMAC-SHA256 over the parts joined with `*`, in upper-case hex. */
export function paygateMac(hmacPassword: string, parts: readonly string[]): string {
  return createHmac('sha256', hmacPassword).update(parts.join('*'), 'utf8').digest('hex').toUpperCase();
}

/** Compares two hex MACs case-insensitively, in time independent of where they differ. */
export function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toUpperCase(), 'utf8');
  const b = Buffer.from(given.toUpperCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The MAC of a payment or credit request: `PayID*TransID*MerchantID*Amount*Currency` (PayID may be empty). */
export function requestMac(
  hmacPassword: string,
  f: { payId: string; transId: string; merchantId: string; amount: string | number; currency: string },
): string {
  return paygateMac(hmacPassword, [f.payId, f.transId, f.merchantId, String(f.amount), f.currency]);
}

/** The MAC of an answer or notification: `PayID*TransID*MerchantID*Status*Code`. */
export function answerMac(
  hmacPassword: string,
  f: { payId: string; transId: string; merchantId: string; status: string; code: string },
): string {
  return paygateMac(hmacPassword, [f.payId, f.transId, f.merchantId, f.status, f.code]);
}

/** The MAC of an inquiry: `PayID*TransID*MerchantID**` (amount and currency empty). */
export function inquiryMac(
  hmacPassword: string,
  f: { payId: string; transId: string; merchantId: string },
): string {
  return paygateMac(hmacPassword, [f.payId, f.transId, f.merchantId, '', '']);
}

/**
 * `key=value&key=value…` in the given order. Paygate does not escape inside `Data`, so a key or value holding
 * `&` or `=` would be read back differently: refused with PaygateCryptoError('bad_field').
 */
export function encodeFields(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields
    .map(([key, value]) => {
      if (key === '' || /[&=]/.test(key)) {
        throw new PaygateCryptoError('bad_field', `field name "${key}" is empty or holds & or =`);
      }
      if (/[&=]/.test(value)) throw new PaygateCryptoError('bad_field', `field ${key} holds & or =`);
      return `${key}=${value}`;
    })
    .join('&');
}

/**
 * Reads `key=value&…` as Paygate writes it: split on `&`, then on the first `=` (a value may hold `=`); keys
 * lower-cased (Paygate's keys are case-insensitive); the first of duplicate keys wins; empty parts skipped.
 */
export function parseFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).toLowerCase();
    const value = at < 0 ? '' : part.slice(at + 1);
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** The form body of a request: `MerchantID` in clear, `Len` and `Data` of the encrypted fields. */
export function sealRequest(
  fields: ReadonlyArray<readonly [string, string]>,
  merchant: { merchantId: string; blowfishPassword: string },
): string {
  const { len, data } = encryptData(encodeFields(fields), merchant.blowfishPassword);
  return new URLSearchParams([
    ['MerchantID', merchant.merchantId],
    ['Len', String(len)],
    ['Data', data],
  ]).toString();
}

/**
 * Opens an answer body `Len=<n>&Data=<HEX>` (outer keys in any case, maybe with plain extras, which are not
 * encrypted and so are ignored) into its decrypted fields, keys lower-cased. Throws PaygateCryptoError when
 * the body has no usable Len and Data or they do not decrypt to text.
 */
export function openAnswer(bodyText: string, blowfishPassword: string): Map<string, string> {
  const outer = parseFields(bodyText.trim());
  const lenText = outer.get('len')?.trim();
  const data = outer.get('data')?.trim();
  if (lenText === undefined || data === undefined || data === '') {
    throw new PaygateCryptoError('no_data', 'the answer has no Len and Data');
  }
  if (!/^\d{1,9}$/.test(lenText))
    throw new PaygateCryptoError('bad_length', 'the answer Len is not a number');
  return parseFields(decryptData(Number(lenText), data, blowfishPassword));
}
