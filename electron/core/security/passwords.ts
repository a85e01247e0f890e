/**
 * Passwords of the console's accounts: stored as scrypt hashes, checked against a short NIST SP 800-63B style
 * policy (length, the account's own name, the most common choices; no composition rules).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { normaliseAccountName } from './accountNames.js';
import { scryptAsync } from './scrypt.js';

export const PASSWORD_MIN_LENGTH = 10;

/*
 * Stored as `scrypt$1$15$8$1$<salt>$<hash>`: format version, log2 N, r, p, then base64url salt and hash. The
 * parameters travel with the hash, so raising them later leaves every stored hash verifiable.
 */
const FORMAT = 'scrypt';
const VERSION = '1';
const LOG_N = 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// ~32 MiB and ~100 ms per hash at N=2^15, r=8. The memory cap also bounds what a stored hash may ask for.
const MAXMEM = 64 * 1024 * 1024;
// p costs time, not memory, so maxmem does not bound it: a stored hash asking for p=40000 would take a minute.
const MAX_P = 4;
const PARAMETER = /^[1-9]\d{0,2}$/;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, LOG_N, R, P);
  return [FORMAT, VERSION, LOG_N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** False for a wrong password and for anything that is not a hash this module wrote; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { logN, r, p, salt, hash } = parsed;
  let computed: Buffer;
  try {
    computed = await derive(password, salt, logN, r, p);
  } catch {
    // Parameters scrypt refuses: memory over the 64 MiB cap, r × p too large.
    return false;
  }
  return timingSafeEqual(computed, hash);
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  // One password, one hash: é typed precomposed or as e + accent is the same password.
  return scryptAsync(password.normalize('NFC'), salt, HASH_BYTES, { N: 2 ** logN, r, p, maxmem: MAXMEM });
}

function parse(stored: string) {
  if (typeof stored !== 'string') return null;
  const parts = stored.split('$');
  if (parts.length !== 7 || parts[0] !== FORMAT || parts[1] !== VERSION) return null;
  const [logN, r, p] = parts.slice(2, 5).map((part) => (PARAMETER.test(part) ? Number(part) : 0));
  if (!logN || !r || !p || p > MAX_P) return null;
  const salt = decode(parts[5]!, SALT_BYTES);
  const hash = decode(parts[6]!, HASH_BYTES);
  return salt && hash ? { logN, r, p, salt, hash } : null;
}

/**
 * Strict base64url: Buffer.from skips characters it does not know and ignores unused bits, so only text that
 * encodes back to itself is taken (no damaged, padded or base64 text).
 */
function decode(text: string, bytes: number): Buffer | null {
  const buffer = Buffer.from(text, 'base64url');
  return buffer.length === bytes && buffer.toString('base64url') === text ? buffer : null;
}

export type PasswordWeakness = 'too_short' | 'contains_name' | 'common' | 'repetitive' | 'control_chars';

/*
 * The most common passwords and keyboard patterns of the public leak lists, Chinese ones included (woaini,
 * 5201314, mima: "I love you", "love you forever", "password"), and the words of this console. A password is
 * common when it is one of these followed by nothing but digits and punctuation: `password2024!`.
 */
const COMMON = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pa$$word',
  'passwort',
  '123456',
  '654321',
  '987654321',
  '123123',
  '123qwe',
  'qwerty',
  'qwertyuiop',
  'qwertz',
  'azerty',
  'asdfgh',
  'zxcvbn',
  'zxcvbnm',
  'qazwsx',
  '1qaz2wsx3edc',
  '1qaz2wsx',
  'zaq12wsx',
  '1q2w3e',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3',
  'abc123',
  'abcd1234',
  'a123456',
  'aa123456',
  'qq123456',
  'admin',
  'administrator',
  'root',
  'test',
  'guest',
  'login',
  'welcome',
  'letmein',
  'changeme',
  'secret',
  'default',
  'iloveyou',
  'woaini',
  '5201314',
  'mima',
  'monkey',
  'dragon',
  'football',
  'sunshine',
  'princess',
  'superman',
  'trustno1',
  'unionpay',
  'ecommpay',
  'payout',
  'payouts',
];
const DIGITS_AND_PUNCTUATION = /^[\p{Nd}\p{P}\p{S}]*$/u;
// C0 (U+0000-001F), DEL and C1 (U+0080-009F): nothing anyone can type reliably on every keyboard and terminal.
const CONTROL = /\p{Cc}/u;
// The pieces of an account name besides the whole: `wang.li` → `wangli`, `alice@example.com` → `alice`.
const SEPARATORS = /[._-]/g;
const MIN_NAME_LENGTH = 3;
const MIN_DISTINCT = 4;

/**
 * Why a new password is refused, or null. Checked in this order: control characters (usually a paste
 * accident), length in code points, the account name (whole, without separators, or the part before @, each
 * when 3+ characters), the common list, repetition (fewer than 4 distinct characters, a block typed twice or
 * more like `hellohello`, or one straight run like `abcdefghij` or `zyxwvutsrq`).
 */
export function passwordWeakness(password: string, accountName: string): PasswordWeakness | null {
  const normal = password.normalize('NFC');
  const chars = [...normal];
  if (CONTROL.test(normal)) return 'control_chars';
  if (chars.length < PASSWORD_MIN_LENGTH) return 'too_short';
  // Compared as names are (compatibility forms folded, invisible characters and spaces dropped, lower case):
  // neither `Ａlice` nor `ali\u200bce` hides the name, nor `pass word 1` the common word.
  const lower = normaliseAccountName(normal);
  if (nameForms(accountName).some((name) => lower.includes(name))) return 'contains_name';
  if (
    COMMON.some((word) => lower.startsWith(word) && DIGITS_AND_PUNCTUATION.test(lower.slice(word.length)))
  ) {
    return 'common';
  }
  if (isRepetitive(chars)) return 'repetitive';
  return null;
}

function nameForms(accountName: string): string[] {
  const name = normaliseAccountName(accountName);
  const forms = [name, name.replace(SEPARATORS, ''), name.split('@')[0]!];
  return forms.filter((form) => [...form].length >= MIN_NAME_LENGTH);
}

function isRepetitive(chars: string[]): boolean {
  if (new Set(chars).size < MIN_DISTINCT) return true;
  const text = chars.join('');
  // A block repeated: the text is found inside itself shifted by less than its length.
  if ((text + text).indexOf(text, 1) < text.length) return true;
  const codes = chars.map((char) => char.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}
