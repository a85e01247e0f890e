/**
 * Signature orders: the documented plain string sort puts array elements 10 and 11 before 1 and 2, the provider's PHP and
 * JavaScript SDKs put the elements in index order. Answers are accepted in either; requests keep the
 * documented order.
 */
import { describe, expect, it } from 'vitest';
import {
  sign,
  signRequest,
  signString,
  stringToSign,
  verifiedOrder,
  verify,
  type JsonValue,
} from '../../electron/core/providers/ecommpay/signature.js';

type Json = Record<string, JsonValue>;
const SECRET = 'order-secret';

/** A status answer with `count` operations (the last one the payout's current operation). */
function statusAnswer(count: number): Json {
  const operations: JsonValue[] = Array.from({ length: count }, (_, i) => ({
    id: 45343000001000 + i,
    type: 'payout',
    status: i === count - 1 ? 'success' : 'decline',
    request_id: `req-${i}`,
    sum_initial: { amount: 48560, currency: 'CNY' },
    code: i === count - 1 ? '0' : '20602',
    message: i === count - 1 ? 'Success' : 'Time-out',
  }));
  return {
    project_id: 200,
    payment: { id: 'PO-1', type: 'payout', status: 'success', sum: { amount: 48560, currency: 'CNY' } },
    operations,
    errors: [],
  };
}

/**
 * An independent oracle for the SDKs' order, written the way the vendor's JavaScript signer works: each level's
 * keys sorted, then re-inserted into an object, which enumerates integer-like keys in numeric order.
 */
function sdkStyleString(value: JsonValue, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    const text = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    return [`${prefix}:${text}`];
  }
  const ordered: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) ordered[key] = (value as Record<string, JsonValue>)[key]!;
  return Object.entries(ordered).flatMap(([key, child]) =>
    sdkStyleString(child, prefix === '' ? key : `${prefix}:${key}`),
  );
}

const signedIn = (body: Json, order: 'documented' | 'sdk-numeric', secret = SECRET): Json => ({
  ...body,
  signature: sign(body, secret, order),
});

describe('signature orders', () => {
  it('documented: elements 10 and 11 sort before 1; sdk-numeric: in index order, as the SDKs sort', () => {
    const body = statusAnswer(12);
    const documented = stringToSign(body).split(';');
    const numeric = stringToSign(body, 'sdk-numeric').split(';');
    const ids = (parts: string[]) =>
      parts.filter((p) => /^operations:\d+:id:/.test(p)).map((p) => Number(p.split(':')[1]));
    // `:` sorts after the digits, so `operations:10:…` and `operations:11:…` even come before `operations:1:…`.
    expect(ids(documented)).toEqual([0, 10, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ids(numeric)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // The same leaves, only ordered differently; and exactly the vendor JavaScript signer's string.
    expect([...numeric].sort()).toEqual(documented);
    expect(numeric.join(';')).toBe(sdkStyleString(body).join(';'));
  });

  it('gives the same string in both orders while every array has at most 10 elements', () => {
    const body = statusAnswer(10);
    expect(stringToSign(body, 'sdk-numeric')).toBe(stringToSign(body));
    const vector = { a: { b: 1111111111111111, c: 2 }, d: false, f: ['g', { h: 7, i: { k: 8 } }], e: [4, 5] };
    expect(stringToSign(vector, 'sdk-numeric')).toBe(
      'a:b:1111111111111111;a:c:2;d:0;e:0:4;e:1:5;f:0:g;f:1:h:7;f:1:i:k:8',
    );
  });

  it('verifies an answer with 11+ operations signed in the SDKs’ order, and says so', () => {
    const answer = signedIn(statusAnswer(12), 'sdk-numeric');
    expect(verifiedOrder(answer, SECRET)).toBe('sdk-numeric');
    expect(verify(answer, SECRET)).toBe(true);
    // Only the fallback accepts it: in the documented order alone it is a bad signature.
    expect(verifiedOrder(answer, SECRET, ['documented'])).toBeNull();
    expect(answer['signature']).toBe(signString(stringToSign(statusAnswer(12), 'sdk-numeric'), SECRET));
  });

  it('verifies the same answer signed in the documented order as documented', () => {
    const answer = signedIn(statusAnswer(12), 'documented');
    expect(verifiedOrder(answer, SECRET)).toBe('documented');
    expect(verifiedOrder(answer, SECRET, ['sdk-numeric'])).toBeNull();
  });

  it('says documented for an answer both orders sign alike (the documented order is tried first)', () => {
    expect(verifiedOrder(signedIn(statusAnswer(3), 'sdk-numeric'), SECRET)).toBe('documented');
  });

  it('rejects a tampered long answer, a wrong key and a missing signature in every order', () => {
    for (const order of ['documented', 'sdk-numeric'] as const) {
      const answer = signedIn(statusAnswer(12), order);
      const operations = (answer['operations'] as Json[]).map((op) => ({ ...op }));
      operations[11] = { ...operations[11], status: 'decline', code: '20105' };
      expect(verifiedOrder({ ...answer, operations }, SECRET)).toBeNull();
      expect(verify({ ...answer, operations }, SECRET)).toBe(false);
      // Two operations swapped: each order's string changes, so neither verifies.
      const swapped = [...(answer['operations'] as Json[])];
      [swapped[2], swapped[10]] = [swapped[10]!, swapped[2]!];
      expect(verifiedOrder({ ...answer, operations: swapped }, SECRET)).toBeNull();
      expect(verifiedOrder(answer, 'another-secret')).toBeNull();
    }
    expect(verifiedOrder(statusAnswer(12), SECRET)).toBeNull();
  });

  it('keeps signing requests in the documented order', () => {
    const body = {
      general: { project_id: 200, payment_id: 'po_0001' },
      list: Array.from({ length: 12 }, (_, i) => i),
    };
    const signed = signRequest(body, SECRET);
    expect((signed.general as Json)['signature']).toBe(signString(stringToSign(body), SECRET));
    expect((signed.general as Json)['signature']).not.toBe(
      signString(stringToSign(body, 'sdk-numeric'), SECRET),
    );
    expect(sign(body, SECRET)).toBe(signString(stringToSign(body), SECRET));
  });
});
