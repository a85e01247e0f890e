import { describe, expect, it } from 'vitest';
import { productionEndpoint } from '../../electron/core/providers/ecommpay/index.js';
import { buildPayoutRequest } from '../../electron/core/providers/ecommpay/payoutRequest.js';
import {
  buildBankListRequest,
  buildStatusRequest,
} from '../../electron/core/providers/ecommpay/queryRequests.js';
import { verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import type { PayoutDefaults } from '../../electron/core/providers/ecommpay/types.js';
import type { Region } from '../../electron/core/reference/referenceData.js';
import type { StorablePayout, StoredPayout } from '../../electron/core/store/types.js';

const SECRET = 'unit-secret-key';
const endpoint = productionEndpoint(200, SECRET);
const defaults: PayoutDefaults = { customerIp: '198.51.100.7', country: 'CN', city: '北京', zip: '100000' };
const guangdong: Region = { id: 5, name_en: 'Guangdong Sheng', name_zh: '广东省', name_zh_short: '广东' };

function payout(overrides: Partial<StorablePayout> = {}): StoredPayout {
  const fields: StorablePayout = {
    payment_id: 'PO-0001',
    amount_fen: 123456,
    currency: 'CNY',
    card_number: '6222021234567890123',
    bank_id: 23,
    region_id: 5,
    last_name: '王',
    first_name: '小明',
    customer_id: 'C-77',
    phone: '+86 138-0013-8000',
    email: 'wang@example.com',
    id_number: '110105199001011234',
    branch: 'ICBC Tianhe',
    bank_city: '广州',
    province: '广东省',
    city: '佛山',
    street: '天河路385号',
    zip: '510620',
    description: 'Commission March',
    ...overrides,
  };
  return fields as StoredPayout; // only the payout fields are read; the store's own columns do not matter here
}

const asJson = (body: unknown): Record<string, JsonValue> => body as Record<string, JsonValue>;

describe('buildPayoutRequest', () => {
  it('follows the seed fields, in a fixed order, signed with the secret', () => {
    const body = buildPayoutRequest(payout(), endpoint, defaults, guangdong);
    expect(body).toEqual({
      general: { project_id: 200, payment_id: 'PO-0001', signature: expect.any(String) },
      payment: { amount: 123456, currency: 'CNY', description: 'Commission March' },
      customer: {
        id: 'C-77',
        ip_address: '198.51.100.7',
        email: 'wang@example.com',
        // The payee's address as the payout stores it (not the defaults' city and zip).
        state: '广东省',
        city: '佛山',
        country: 'CN',
        phone: '8613800138000',
        zip: '510620',
        street: '天河路385号',
        // By default the family name (our last_name, 姓) goes in first_name, as in the seeds' examples.
        first_name: '王',
        last_name: '小明',
        identify: { doc_number: '110105199001011234' },
      },
      card: { pan: '6222021234567890123' },
      account: { bank_id: 23, region_id: 5, branch: 'ICBC Tianhe', city: '广州' },
    });
    expect(Object.keys(body)).toEqual(['general', 'payment', 'customer', 'card', 'account']);
    expect(Object.keys(body.customer)).toEqual([
      'id',
      'ip_address',
      'email',
      'state',
      'city',
      'country',
      'phone',
      'zip',
      'street',
      'first_name',
      'last_name',
      'identify',
    ]);
    expect(verify(asJson(body), SECRET)).toBe(true);
    expect(verify(asJson(body), 'another-secret')).toBe(false);
  });

  it('is byte-for-byte identical for the same payout and config', () => {
    const first = JSON.stringify(buildPayoutRequest(payout(), endpoint, defaults, guangdong));
    const again = JSON.stringify(
      buildPayoutRequest(payout(), { ...endpoint }, { ...defaults }, { ...guangdong }),
    );
    expect(again).toBe(first);
  });

  it('puts the family name in customer.last_name when the project wants it there', () => {
    const body = buildPayoutRequest(payout(), endpoint, { ...defaults, familyNameField: 'last_name' });
    expect(body.customer).toMatchObject({ first_name: '小明', last_name: '王' });
    expect(verify(asJson(body), SECRET)).toBe(true);
  });

  it('omits empty optional strings instead of sending ""', () => {
    const body = buildPayoutRequest(
      payout({
        customer_id: ' ',
        phone: '',
        email: '',
        id_number: '',
        branch: '',
        bank_city: '',
        province: '',
        city: '',
        street: '',
        zip: '',
        description: '',
      }),
      endpoint,
      { customerIp: '', country: 'CN' },
    );
    expect(body.customer).toEqual({ id: 'PO-0001', country: 'CN', first_name: '王', last_name: '小明' });
    expect(body.payment).toEqual({ amount: 123456, currency: 'CNY' });
    expect(body.account).toEqual({ bank_id: 23, region_id: 5 });
    expect(JSON.stringify(body)).not.toContain('""');
  });

  it('falls back to the admin defaults for email, city, zip, street and description', () => {
    // A payout imported before the address was stored: its address fields are empty.
    const legacy = payout({ email: '', bank_city: '', city: '', street: '', zip: '', description: '' });
    const body = buildPayoutRequest(legacy, endpoint, {
      ...defaults,
      street: '长安街1号',
      email: 'payouts@merchant.example',
      description: 'Payout',
    });
    expect(body.customer.email).toBe('payouts@merchant.example');
    expect(body.customer.city).toBe('北京');
    expect(body.customer.zip).toBe('100000');
    expect(body.customer.street).toBe('长安街1号');
    expect(body.payment.description).toBe('Payout');
    expect(body.account.city).toBeUndefined();
  });

  it('sends the stored province as customer.state, else the region’s Chinese name', () => {
    expect(buildPayoutRequest(payout(), endpoint, defaults).customer.state).toBe('广东省');
    const noProvince = payout({ province: '' });
    expect(buildPayoutRequest(noProvince, endpoint, defaults, guangdong).customer.state).toBe('广东省');
    expect(buildPayoutRequest(noProvince, endpoint, defaults).customer.state).toBeUndefined();
  });

  it('sends integers only and refuses anything else', () => {
    const body = buildPayoutRequest(payout(), endpoint, defaults);
    // A JSON number value (not inside a string) with a fraction would look like `:123.4`.
    expect(JSON.stringify(body)).not.toMatch(/:-?\d+[.eE]/);
    expect(() => buildPayoutRequest(payout({ amount_fen: 100.5 }), endpoint, defaults)).toThrow(TypeError);
    expect(() => buildPayoutRequest(payout({ amount_fen: 0 }), endpoint, defaults)).toThrow(TypeError);
    expect(() => buildPayoutRequest(payout({ payment_id: ' ' }), endpoint, defaults)).toThrow(TypeError);
  });

  it('refuses a region that is not the payout region', () => {
    expect(() => buildPayoutRequest(payout({ region_id: 2 }), endpoint, defaults, guangdong)).toThrow(
      /region/,
    );
  });

  it('never puts the secret in the body', () => {
    expect(JSON.stringify(buildPayoutRequest(payout(), endpoint, defaults))).not.toContain(SECRET);
  });
});

describe('status and bank-list request bodies', () => {
  it('match the documented vectors', () => {
    const status = buildStatusRequest(productionEndpoint(200, 'secret'), 'po_0001');
    expect(status).toEqual({
      general: {
        project_id: 200,
        payment_id: 'po_0001',
        signature: '/Z5A01HC3PYe6WlxYWDzzsDTgGfZa7eeTBHV33JlA4us5OVt6mBLEGdCSB+6GcQPM24eMKAUB5H3lFuc/gq/vg==',
      },
    });
    const banks = buildBankListRequest(productionEndpoint(200, 'secret'), 'any-unique-id', 100000);
    expect(banks.general.signature).toBe(
      'K6TdiCqovwg9SKptiMiKvlyRuG+o7T2JG+26vbl0e+5y6AE6qeFNZOKKg/2P8WGpIS3tozVa+lqw+bOeu4phIA==',
    );
    expect(banks.payment).toEqual({ amount: 100000, currency: 'CNY' });
  });
});
