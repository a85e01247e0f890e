import { describe, expect, it } from 'vitest';
import {
  sign,
  signatureOf,
  signRequest,
  stringToSign,
  verifiedOrder,
  verify,
  withoutSignature,
  type JsonValue,
} from '../../electron/core/providers/ecommpay/signature.js';

// Every vector from ../shared/design/gateway-ecommpay.md.
const VECTORS: Array<{ body: Record<string, JsonValue>; secret: string; signature: string }> = [
  {
    body: {
      general: { project_id: 3254, payment_id: 'id_38202316' },
      customer: {
        id: '585741',
        email: 'johndoe@example.com',
        first_name: 'John',
        last_name: 'Doe',
        address: 'Downing str., 23',
        identify: { doc_number: '54122312544' },
        ip_address: '198.51.100.47',
      },
      payment: { amount: 10800, currency: 'USD', description: 'Computer keyboards' },
      receipt_data: { positions: [{ quantity: '10', amount: '108', description: 'Computer keyboard' }] },
      return_url: {
        success: 'https://paymentpage.example.com/complete-redirect?id=success',
        decline: 'https://paymentpage.example.com/complete-redirect?id=decline',
      },
    },
    secret: 'secret',
    signature: 'lagSnuspAn+F6XkmQISqwtBg0PsiTy62fF9x33TM+278mnufIDZyi1yP0BQALuCxyikkIxIMbodBn2F8hMdRwA==',
  },
  {
    body: { payment: { id: '000049', status: 'success' } },
    secret: 'secret',
    signature: '/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng==',
  },
  {
    body: {
      payment: { id: 'test-payment' },
      errors: [
        { code: '123', message: 'grand crash', description: ['description-str', { description1: 1 }] },
        { code: '456', message: 'minor crash', description: null },
      ],
    },
    secret: 'qwerty',
    signature: 'dxjnun8oySSl0CWlhhjy/k1V9CZcCtaHvu/Y5qJQbWHq8wd6TqTUt4bIfHrlWxT8ba9NOJfkgGHrGc5OgyQVGA==',
  },
  {
    body: {
      errors: [
        { message: 'error1', code: 1, fail: true },
        { message: 'error2', code: 2, fail: false },
        { message: 'error3', code: 3, fail: { 'sub-fail': { test: 1 } } },
      ],
      sum_converted: { amount: 10000, currency: 'EUR' },
    },
    secret: 'qwerty',
    signature: 'oXF9a0F80FBkT5plV1aVcQIVSWr3l07StkQ2izUKmy//H2S9gMX982Kgm4tXB4+Ze1S5E1jeKhwheIgYMZ4J+w==',
  },
  {
    body: { general: { project_id: 200, payment_id: 'po_0001' } },
    secret: 'secret',
    signature: '/Z5A01HC3PYe6WlxYWDzzsDTgGfZa7eeTBHV33JlA4us5OVt6mBLEGdCSB+6GcQPM24eMKAUB5H3lFuc/gq/vg==',
  },
  {
    body: {
      general: { project_id: 200, payment_id: 'any-unique-id' },
      payment: { amount: 100000, currency: 'CNY' },
    },
    secret: 'secret',
    signature: 'K6TdiCqovwg9SKptiMiKvlyRuG+o7T2JG+26vbl0e+5y6AE6qeFNZOKKg/2P8WGpIS3tozVa+lqw+bOeu4phIA==',
  },
];

describe('Gate signature', () => {
  it.each(VECTORS.map((v, i) => [i + 1, v] as const))('reproduces vector %i', (_n, vector) => {
    expect(sign(vector.body, vector.secret)).toBe(vector.signature);
  });

  it.each(VECTORS.map((v, i) => [i + 1, v] as const))(
    'verifies vector %i in the documented order',
    (_n, v) => {
      expect(verifiedOrder({ ...v.body, signature: v.signature }, v.secret)).toBe('documented');
    },
  );

  it('flattens, sorts and joins as documented', () => {
    const body = {
      a: { b: 1111111111111111, c: 2 },
      d: false,
      f: ['g', { h: 7, i: { k: 8 } }],
      e: [4, 5],
      j: null,
    };
    expect(stringToSign(body)).toBe('a:b:1111111111111111;a:c:2;d:0;e:0:4;e:1:5;f:0:g;f:1:h:7;f:1:i:k:8;j:');
    expect(stringToSign({ general: { project_id: 200, payment_id: 'po_0001' } })).toBe(
      'general:payment_id:po_0001;general:project_id:200',
    );
  });

  it('leaves out empty objects and arrays and keeps colons and semicolons in values verbatim', () => {
    expect(stringToSign({ a: {}, b: [], c: 'x:y;z' })).toBe('c:x:y;z');
  });

  it('signs requests in general.signature and ignores an existing signature when re-signing', () => {
    const signed = signRequest({ general: { project_id: 200, payment_id: 'po_0001' } }, 'secret');
    expect((signed.general as Record<string, unknown>)['signature']).toBe(VECTORS[4]?.signature);
    expect(sign(signed, 'secret')).toBe(VECTORS[4]?.signature);
  });

  it('verifies top-level and general signatures and rejects tampering, a wrong key or no signature', () => {
    const body = { payment: { id: '000049', status: 'success' } };
    const signed = { ...body, signature: sign(body, 'secret') };
    expect(verify(signed, 'secret')).toBe(true);
    expect(verify({ ...signed, payment: { id: '000049', status: 'decline' } }, 'secret')).toBe(false);
    expect(verify(signed, 'other')).toBe(false);
    expect(verify(body, 'secret')).toBe(false);
    expect(verify(signRequest({ general: { project_id: 1, payment_id: 'x' } }, 'k'), 'k')).toBe(true);
  });

  it('refuses to sign floats', () => {
    expect(() => sign({ payment: { amount: 10.5 } }, 'secret')).toThrow(/non-integer/);
  });

  it('leaves out fields left undefined, as JSON.stringify does: the body signs as the one sent', () => {
    const withOptional = { payment: { id: '000049', status: 'success', note: undefined } };
    expect(sign(withOptional as unknown as Record<string, JsonValue>, 'secret')).toBe(VECTORS[1]?.signature);
  });

  it('signs and verifies a body whose general is null (signed as "general:")', () => {
    const body = { general: null, payment: { id: '000049', status: 'success' } };
    expect(stringToSign(withoutSignature(body))).toBe('general:;payment:id:000049;payment:status:success');
    expect(verify({ ...body, signature: sign(body, 'secret') }, 'secret')).toBe(true);
    expect(signatureOf(body)).toBeNull();
    expect(verify(body, 'secret')).toBe(false);
  });

  it('finds no signature in a general without a string signature, and then verifies nothing', () => {
    const unsigned = { general: { project_id: 200, payment_id: 'po_0001' } };
    expect(signatureOf(unsigned)).toBeNull();
    expect(verify(unsigned, 'secret')).toBe(false);
    const numeric = { general: { project_id: 200, payment_id: 'po_0001', signature: 12345 } };
    expect(signatureOf(numeric)).toBeNull();
    expect(verify(numeric, 'secret')).toBe(false);
  });

  it('rejects a signature of the wrong length instead of throwing', () => {
    const body = { payment: { id: '000049', status: 'success' } };
    const good = VECTORS[1]?.signature ?? '';
    expect(verify({ ...body, signature: good }, 'secret')).toBe(true);
    expect(verify({ ...body, signature: good.slice(0, -2) }, 'secret')).toBe(false);
  });
});
