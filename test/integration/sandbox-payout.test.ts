import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import {
  DEFAULT_REQUIRE_ALL_FIELDS,
  MANDATORY_FIELDS,
  startSandbox,
  type RunningSandbox,
} from '../../electron/sandbox/index.js';
import {
  postJson,
  samplePayoutBody,
  signedPayoutBody,
  type SamplePayout,
} from '../../electron/sandbox/testing.js';

// Payout request validation, in Gate's order, over real loopback HTTP.

let sandbox: RunningSandbox;
let seq = 0;
const P2P = '/v2/payment/chinaunionpay/payout';
const path = (method: string) => `/v2/payment/banks/${method}/payout`;

beforeAll(async () => {
  sandbox = await startSandbox({ finalAfterMs: 60_000 });
});
afterAll(() => sandbox.close());

function nextId(): string {
  seq += 1;
  return `po-${seq}`;
}

function payout(route: string, sample: Partial<SamplePayout> = {}) {
  const body = signedPayoutBody(
    { projectId: sandbox.projectId, paymentId: nextId(), ...sample },
    sandbox.secretKey,
  );
  return postJson(sandbox.url + route, body);
}

function error(code: string) {
  return expect.objectContaining({ status: 'error', code });
}

describe('sandbox payout: acceptance', () => {
  it('accepts a valid payout with the unsigned acceptance body', async () => {
    const answer = await payout(P2P, { paymentId: 'accept-1' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      status: 'success',
      request_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      project_id: 200,
      payment_id: 'accept-1',
    });
    expect(answer.json).not.toHaveProperty('signature');
    expect(sandbox.ledger().find((e) => e.payment_id === 'accept-1')).toEqual({
      payment_id: 'accept-1',
      amount: 10000,
      requests_after_registered: 0,
      status: 'processing',
      requests: 1,
    });
  });

  it('accepts ids given as digit strings, as in the seed example', async () => {
    const answer = await payout(P2P, { bankId: '55501', regionId: '34' });
    expect(answer.status).toBe(200);
  });
});

describe('sandbox payout: refusals', () => {
  it('422 for a body that is not JSON', async () => {
    const answer = await postJson(sandbox.url + P2P, '{"general": {');
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual(error('422'));
  });

  it('400 3262 for a missing or empty signature, 3261 for a wrong one', async () => {
    const unsigned = samplePayoutBody({ projectId: 200, paymentId: nextId() });
    const missing = await postJson(sandbox.url + P2P, unsigned);
    expect([missing.status, missing.json]).toEqual([400, error('3262')]);

    const empty = await postJson(sandbox.url + P2P, {
      ...unsigned,
      general: { ...unsigned.general, signature: '' },
    });
    expect([empty.status, empty.json]).toEqual([400, error('3262')]);

    const wrong = await postJson(sandbox.url + P2P, signRequest(unsigned, 'not-the-key'));
    expect([wrong.status, wrong.json]).toEqual([400, error('3261')]);

    const tampered = signRequest(unsigned, sandbox.secretKey);
    (tampered['payment'] as { amount: number }).amount = 20000;
    const changed = await postJson(sandbox.url + P2P, tampered);
    expect([changed.status, changed.json]).toEqual([400, error('3261')]);
  });

  it('400 3001 for another project id', async () => {
    const answer = await payout(P2P, { projectId: 201 });
    expect([answer.status, answer.json]).toEqual([400, error('3001')]);
  });

  // [field, value]: undefined removes the field.
  it.each([
    ['general.payment_id', undefined],
    ['payment.amount', undefined],
    ['payment.currency', ''],
    ['customer.first_name', undefined],
    ['customer.last_name', '  '],
    ['card.pan', undefined],
    ['account.bank_id', undefined],
    ['account.region_id', null],
  ])('400 2004 naming %s when it is missing', async (field, value) => {
    const body = samplePayoutBody({ projectId: 200, paymentId: nextId() });
    const [group, key] = field.split('.') as [string, string];
    const section = body[group] as Record<string, JsonValue>;
    if (value === undefined) delete section[key];
    else section[key] = value;
    const answer = await postJson(sandbox.url + P2P, signRequest(body, sandbox.secretKey));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(error('2004'));
    expect((answer.json as { message: string }).message).toContain(field);
  });

  it('with requireAllFields off, is lenient on customer contact fields, customer.id and branch', async () => {
    const lenient = await startSandbox({ finalAfterMs: 60_000, requireAllFields: false });
    try {
      const body = samplePayoutBody({ projectId: 200, paymentId: nextId() });
      body['customer'] = { first_name: '倩文', last_name: '伍' };
      body['account'] = { bank_id: 1, region_id: 2 };
      delete (body['payment'] as Record<string, JsonValue>)['description'];
      const answer = await postJson(lenient.url + P2P, signRequest(body, lenient.secretKey));
      expect(answer.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });

  it('400 2004 for an amount that is not a positive integer', async () => {
    for (const amount of [0, -100, '1000']) {
      const body = samplePayoutBody({ projectId: 200, paymentId: nextId() });
      (body['payment'] as Record<string, unknown>)['amount'] = amount;
      const answer = await postJson(sandbox.url + P2P, signRequest(body as never, sandbox.secretKey));
      expect([answer.status, answer.json]).toEqual([400, error('2004')]);
      expect((answer.json as { message: string }).message).toContain('payment.amount');
    }
  });

  it('400 3025 for a currency other than CNY', async () => {
    const answer = await payout(P2P, { currency: 'USD' });
    expect([answer.status, answer.json]).toEqual([400, error('3025')]);
  });

  it.each([
    // The shared path takes the widest limits of the three methods (bank 1 is in CUP P2P and CUP Banks).
    [P2P, 999, '3358'],
    [P2P, 1000, null],
    [P2P, 4499900, null],
    [P2P, 4999900, null],
    [P2P, 4999901, '2642'],
    [path('cup-p2p'), 999, '3358'],
    [path('cup-p2p'), 4499900, null],
    [path('cup-p2p'), 4500000, '2642'],
    [path('cup-quickpay'), 1000, null],
    [path('cup-quickpay'), 4499901, '2642'],
    [path('cup-banks'), 9999, '3358'],
    [path('cup-banks'), 10000, null],
    [path('cup-banks'), 4999900, null],
    [path('cup-banks'), 4999901, '2642'],
  ])('limits on %s: amount %i → %s', async (route, amount, code) => {
    const answer = await payout(route, { amount });
    if (code === null) expect(answer.status).toBe(200);
    else expect([answer.status, answer.json]).toEqual([400, error(code)]);
  });

  it("400 2801 for a bank outside the method's list or a region outside 1..34", async () => {
    expect((await payout(P2P, { bankId: 999999 })).json).toEqual(error('2801'));
    expect((await payout(path('cup-p2p'), { bankId: 116 })).json).toEqual(error('2801'));
    // 55501 is a CUP P2P bank but not a QuickPay one.
    expect((await payout(path('cup-quickpay'), { bankId: 55501 })).json).toEqual(error('2801'));
    expect((await payout(path('cup-banks'), { bankId: 55501 })).status).toBe(200);
    expect((await payout(P2P, { regionId: 0 })).json).toEqual(error('2801'));
    expect((await payout(P2P, { regionId: 35 })).json).toEqual(error('2801'));
    expect((await payout(P2P, { regionId: 34 })).status).toBe(200);
  });

  it('checks the signature before anything else, and fields before limits', async () => {
    const body = samplePayoutBody({ projectId: 201, paymentId: nextId(), amount: 1, currency: 'USD' });
    const wrongKey = await postJson(sandbox.url + P2P, signRequest(body, 'nope'));
    expect(wrongKey.json).toEqual(error('3261'));
    const noName = samplePayoutBody({ projectId: 200, paymentId: nextId(), amount: 1, currency: 'USD' });
    delete (noName['customer'] as Record<string, unknown>)['first_name'];
    expect((await postJson(sandbox.url + P2P, signRequest(noName, sandbox.secretKey))).json).toEqual(
      error('2004'),
    );
  });

  it('404 for an unknown route or method', async () => {
    const unknownMethod = await postJson(sandbox.url + path('cup-qr'), {});
    expect([unknownMethod.status, unknownMethod.json]).toEqual([404, error('404')]);
    const get = await fetch(sandbox.url + P2P);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual(error('404'));
  });
});

describe('sandbox payout: the shared path pays every method', () => {
  it("takes a bank from any method's list (116 is a CUP QuickPay bank only)", async () => {
    expect((await payout(P2P, { bankId: 116 })).status).toBe(200);
    expect((await payout(path('cup-quickpay'), { bankId: 116 })).status).toBe(200);
    expect((await payout(path('cup-banks'), { bankId: 116 })).json).toEqual(error('2801'));
  });

  it('pays for the first method that has the bank and takes the amount', async () => {
    // 46,000.00 CNY: above CUP P2P's and QuickPay's maximum, within CUP Banks' (bank 1 is in both).
    expect((await payout(P2P, { bankId: 1, amount: 4600000 })).status).toBe(200);
    expect((await payout(P2P, { bankId: 116, amount: 4600000 })).json).toEqual(error('2642'));
    // 50.00 CNY: below CUP Banks' minimum, within CUP P2P's.
    expect((await payout(P2P, { bankId: 1, amount: 5000 })).status).toBe(200);
    expect((await payout(path('cup-banks'), { bankId: 1, amount: 5000 })).json).toEqual(error('3358'));
  });

  it('with chinaunionpayMethod, is that method’s path: its banks, its limits, its bank list', async () => {
    const bound = await startSandbox({ finalAfterMs: 60_000, chinaunionpayMethod: 'cup-quickpay' });
    try {
      const send = (sample: Partial<SamplePayout>) =>
        postJson(
          bound.url + P2P,
          signedPayoutBody({ projectId: 200, paymentId: nextId(), ...sample }, bound.secretKey),
        );
      expect((await send({ bankId: 116 })).status).toBe(200);
      expect((await send({ bankId: 55501 })).json).toEqual(error('2801'));
      expect((await send({ bankId: 1, amount: 4600000 })).json).toEqual(error('2642'));
      // The per-method paths are unchanged.
      const banksPath = await postJson(
        bound.url + path('cup-banks'),
        signedPayoutBody({ projectId: 200, paymentId: nextId(), bankId: 55501 }, bound.secretKey),
      );
      expect(banksPath.status).toBe(200);
      const list = await postJson(
        bound.url + '/v2/info/banks/chinaunionpay/payout/list',
        signRequest(
          { general: { project_id: 200, payment_id: 'l-1' }, payment: { amount: 100000, currency: 'CNY' } },
          bound.secretKey,
        ),
      );
      expect(list.json).toHaveLength(18);
    } finally {
      await bound.close();
    }
  });
});

describe('sandbox payout: requireAllFields', () => {
  let strict: RunningSandbox;
  beforeAll(async () => {
    strict = await startSandbox({ finalAfterMs: 60_000, requireAllFields: true });
  });
  afterAll(() => strict.close());

  const send = (body: Record<string, JsonValue>, route = P2P) => postJson(strict.url + route, body);
  const complete = () => samplePayoutBody({ projectId: 200, paymentId: nextId() });

  it('accepts a payout with every field the seeds list, on the shared path and the method paths', async () => {
    expect((await send(signRequest(complete(), strict.secretKey))).status).toBe(200);
    expect((await send(signRequest(complete(), strict.secretKey), path('cup-banks'))).status).toBe(200);
    expect(MANDATORY_FIELDS).toHaveLength(22);
  });

  it.each(MANDATORY_FIELDS.filter((f) => f !== 'general.signature'))(
    '400 2004 naming %s when it is missing or blank',
    async (field) => {
      for (const value of [undefined, '', '  ']) {
        const body = complete();
        const [group, key] = field.split('.') as [string, string];
        const section = body[group] as Record<string, JsonValue>;
        if (value === undefined) delete section[key];
        else section[key] = value;
        const answer = await send(signRequest(body, strict.secretKey));
        expect([answer.status, answer.json]).toEqual([400, error('2004')]);
        expect((answer.json as { message: string }).message).toContain(field);
      }
    },
  );

  it('3262 for a missing general.signature (checked first, as for every request)', async () => {
    const answer = await send(complete());
    expect([answer.status, answer.json]).toEqual([400, error('3262')]);
  });

  it('400 2004 for a text field that is not text, and for a country other than CN', async () => {
    const numericPhone = complete();
    (numericPhone['customer'] as Record<string, JsonValue>)['phone'] = 8613800138000;
    const phone = await send(signRequest(numericPhone, strict.secretKey));
    expect([phone.status, (phone.json as { message: string }).message]).toEqual([
      400,
      'Invalid parameter customer.phone: must be a string',
    ]);
    // Some seed pages give the country as "CH": Gate wants CN.
    const swiss = complete();
    (swiss['customer'] as Record<string, JsonValue>)['country'] = 'CH';
    expect((await send(signRequest(swiss, strict.secretKey))).json).toEqual({
      status: 'error',
      code: '2004',
      message: 'Invalid parameter customer.country: must be CN',
    });
  });

  it('names the first missing field in the seeds’ order', async () => {
    const body = complete();
    delete (body['account'] as Record<string, JsonValue>)['city'];
    delete (body['customer'] as Record<string, JsonValue>)['zip'];
    const answer = await send(signRequest(body, strict.secretKey));
    expect((answer.json as { message: string }).message).toBe('Missing required parameter: customer.zip');
  });

  it('requires every mandatory field when the option is not given, as production does', async () => {
    const body = complete();
    delete (body['customer'] as Record<string, JsonValue>)['zip'];
    delete (body['account'] as Record<string, JsonValue>)['branch'];
    const lenient = await postJson(sandbox.url + P2P, signRequest(body, sandbox.secretKey));
    expect(lenient.status).toBe(DEFAULT_REQUIRE_ALL_FIELDS ? 400 : 200);
    expect(DEFAULT_REQUIRE_ALL_FIELDS).toBe(true);
  });
});

describe('sandbox payout: duplicates', () => {
  it('400 3041 for a known payment_id, from any method path, counting every request', async () => {
    const sample = { projectId: 200, paymentId: 'dup-1' };
    const body = signedPayoutBody(sample, sandbox.secretKey);
    expect((await postJson(sandbox.url + P2P, body)).status).toBe(200);
    const again = await postJson(sandbox.url + P2P, body);
    expect([again.status, again.json]).toEqual([
      400,
      { status: 'error', code: '3041', message: 'Payment ID already exists' },
    ]);
    expect((await postJson(sandbox.url + path('cup-banks'), body)).json).toEqual(error('3041'));
    // A refused (bad signature) request for the id counts too.
    await postJson(sandbox.url + P2P, signRequest(samplePayoutBody(sample), 'wrong'));
    expect(sandbox.ledger().find((e) => e.payment_id === 'dup-1')?.requests).toBe(4);
  });

  it('accepts the same payment_id again once the payment is in error, and processes it anew', async () => {
    const sample = { projectId: 200, paymentId: 'err-1' };
    const first = await postJson(sandbox.url + P2P, signedPayoutBody(sample, sandbox.secretKey));
    const failed = await postJson(sandbox.url + '/__sandbox/error', { payment_id: 'err-1' });
    expect(failed.json).toEqual({ status: 'success', payment_id: 'err-1', payment_status: 'error' });
    expect(sandbox.ledger().find((e) => e.payment_id === 'err-1')?.status).toBe('error');

    const resend = await postJson(
      sandbox.url + P2P,
      signedPayoutBody({ ...sample, amount: 20000 }, sandbox.secretKey),
    );
    expect(resend.status).toBe(200);
    expect((resend.json as { request_id: string }).request_id).not.toBe(
      (first.json as { request_id: string }).request_id,
    );
    // The resend after `error` arrived while the id was registered: the ledger says so.
    expect(sandbox.ledger().find((e) => e.payment_id === 'err-1')).toEqual({
      payment_id: 'err-1',
      amount: 20000,
      requests_after_registered: 1,
      status: 'processing',
      requests: 2,
    });
    // A payment the sandbox never registered cannot be put in error.
    expect((await postJson(sandbox.url + '/__sandbox/error', { payment_id: 'nope' })).status).toBe(404);
  });
});
