import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ecommpay Gate signature: every leaf of the body (without its signature) becomes `path:value`, the strings
 * are sorted and joined with `;`, and the result is HMAC-SHA512'd with the project secret (standard Base64).
 * See ../shared/design/gateway-ecommpay.md for the rules and the test vectors.
 *
 * The provider's own SDKs do not all sort alike once an array has 11 or more elements: the documented plain
 * string sort (and the Python SDK) puts `operations:10:…` before `operations:1:…` and `operations:2:…` (`:`
 * sorts after the digits), the PHP and JavaScript SDKs put the elements in index order. Requests are always signed in the documented order; a signed answer is
 * verified in the documented order first and then in the SDKs' order (still an HMAC under the same secret).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function leafText(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    // Floats and exponent notation would sign differently on each side: signed bodies carry integers only.
    if (!Number.isSafeInteger(value)) throw new TypeError(`cannot sign the non-integer number ${value}`);
    return String(value);
  }
  return value;
}

/**
 * How the `path:value` strings are ordered before they are joined:
 * - `documented`: plain code-unit sort of the whole strings (the documentation, the Python SDK); array
 *   elements come 0, 10, 11, 1, 2, … once an array has 11 or more of them.
 * - `sdk-numeric`: the same sort, except that index path segments (digits only: array indices, and
 *   integer-like object keys, which JavaScript also enumerates in numeric order) compare as numbers, so
 *   elements come 0, 1, 2, … 10, 11 (the PHP and JavaScript SDKs).
 * In practice the two differ only once an array has 11 or more elements.
 */
export const SIGNATURE_ORDERS = ['documented', 'sdk-numeric'] as const;
export type SignatureOrder = (typeof SIGNATURE_ORDERS)[number];

/**
 * Visits every leaf of the body: its path (segments joined with `:`) and its value as signed. Built as strings,
 * as the documented order needs them: the hot path of every request signed.
 */
function flatten(value: JsonValue, path: string, leaf: (path: string, text: string) => void): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (child === undefined) continue;
      flatten(child, path === '' ? key : `${path}:${key}`, leaf);
    }
    return;
  }
  leaf(path, leafText(value));
}

/** A canonical index (no leading zero), as arrays and JavaScript's integer-like keys have them. */
const INDEX_SEGMENT = /^(?:0|[1-9]\d*)$/;
/** Wide enough for any index a body can have: padded, indices sort by number in a plain string sort. */
const INDEX_WIDTH = 16;

/** The path with its index segments zero-padded: its sort key in the `sdk-numeric` order. */
function numericPath(path: string): string {
  return path
    .split(':')
    .map((segment) =>
      INDEX_SEGMENT.test(segment) && segment.length < INDEX_WIDTH
        ? segment.padStart(INDEX_WIDTH, '0')
        : segment,
    )
    .join(':');
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The string the HMAC is computed over; `body` must already be without its signature. */
export function stringToSign(body: JsonValue, order: SignatureOrder = 'documented'): string {
  if (order === 'documented') {
    const parts: string[] = [];
    flatten(body, '', (path, text) => parts.push(`${path}:${text}`));
    return parts.sort().join(';');
  }
  const leaves: Array<{ key: string; text: string }> = [];
  flatten(body, '', (path, text) =>
    leaves.push({ key: `${numericPath(path)}:${text}`, text: `${path}:${text}` }),
  );
  return leaves
    .sort((a, b) => byCodeUnits(a.key, b.key))
    .map((leaf) => leaf.text)
    .join(';');
}

export function signString(text: string, secret: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('base64');
}

/** Returns a copy of `body` without its signature (top-level `signature` and `general.signature`). */
export function withoutSignature<T extends Record<string, JsonValue>>(body: T): T {
  const copy: Record<string, JsonValue> = { ...body };
  delete copy['signature'];
  const general = copy['general'];
  if (general !== null && typeof general === 'object' && !Array.isArray(general) && 'signature' in general) {
    const { signature: _signature, ...rest } = general;
    copy['general'] = rest;
  }
  return copy as T;
}

/**
 * The signature of a body, ignoring any signature it already carries. Everything the console sends is signed
 * in the documented order; `order` exists for the emulator and tests, which imitate the SDKs' answers.
 */
export function sign(
  body: Record<string, JsonValue>,
  secret: string,
  order: SignatureOrder = 'documented',
): string {
  return signString(stringToSign(withoutSignature(body), order), secret);
}

/** Returns a request body with `general.signature` set (always in the documented order). */
export function signRequest<T extends { general: Record<string, JsonValue> } & Record<string, JsonValue>>(
  body: T,
  secret: string,
): T {
  return { ...body, general: { ...body.general, signature: sign(body, secret) } };
}

/** Where a response or callback carries its signature: top level, or inside `general`. */
export function signatureOf(body: Record<string, JsonValue>): string | null {
  if (typeof body['signature'] === 'string') return body['signature'];
  const general = body['general'];
  if (
    general &&
    typeof general === 'object' &&
    !Array.isArray(general) &&
    typeof general['signature'] === 'string'
  ) {
    return general['signature'];
  }
  return null;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies a signed response or callback, each comparison in constant time: in the documented order first,
 * then in each further order of `orders`. Returns the order whose signature matched, or null when none did
 * (or the body carries no signature). Throws a TypeError for a body that cannot be signed (a float).
 */
export function verifiedOrder(
  body: Record<string, JsonValue>,
  secret: string,
  orders: readonly SignatureOrder[] = SIGNATURE_ORDERS,
): SignatureOrder | null {
  const given = signatureOf(body);
  if (given === null) return null;
  const unsigned = withoutSignature(body);
  for (const order of orders) {
    if (sameSignature(signString(stringToSign(unsigned, order), secret), given)) return order;
  }
  return null;
}

/** Whether a signed response or callback verifies in any order the provider signs in (see verifiedOrder). */
export function verify(body: Record<string, JsonValue>, secret: string): boolean {
  return verifiedOrder(body, secret) !== null;
}
