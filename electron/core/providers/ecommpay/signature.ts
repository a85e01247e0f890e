import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ecommpay Gate signature: every leaf of the body (without its signature) becomes `path:value`, the strings
 * are sorted and joined with `;`, and the result is HMAC-SHA512'd with the project secret (standard Base64).
 * See ../shared/design/gateway-ecommpay.md for the rules and the test vectors.
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

function flatten(value: JsonValue, path: string, out: string[]): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (child === undefined) continue;
      flatten(child, path === '' ? key : `${path}:${key}`, out);
    }
    return;
  }
  out.push(`${path}:${leafText(value)}`);
}

/** The string the HMAC is computed over; `body` must already be without its signature. */
export function stringToSign(body: JsonValue): string {
  const parts: string[] = [];
  flatten(body, '', parts);
  return parts.sort().join(';');
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

/** The signature of a body, ignoring any signature it already carries. */
export function sign(body: Record<string, JsonValue>, secret: string): string {
  return signString(stringToSign(withoutSignature(body)), secret);
}

/** Returns a request body with `general.signature` set. */
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

/** Verifies a signed response or callback in constant time. */
export function verify(body: Record<string, JsonValue>, secret: string): boolean {
  const given = signatureOf(body);
  if (given === null) return false;
  const expected = Buffer.from(sign(body, secret), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
