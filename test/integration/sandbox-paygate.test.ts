import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../../electron/cli/commands/sandbox.js';
import {
  answerMac,
  encodeFields,
  paygateMac,
  requestMac,
} from '../../electron/core/providers/computop/paygateCrypto.js';
import {
  SEEDED_TEST_PAYMENTS,
  TEST_MERCHANT_BLOWFISH_PASSWORD,
  TEST_MERCHANT_HMAC_PASSWORD,
  TEST_MERCHANT_ID,
} from '../../electron/core/providers/computop/testMerchant.js';
import {
  startSandbox,
  type FaultKind,
  type PaygateLedgerView,
  type RunningSandbox,
  type SandboxOptions,
} from '../../electron/sandbox/index.js';
import {
  creditBody,
  creditFields,
  formBody,
  inquiryBody,
  postForm,
  readAnswer,
  type SampleCredit,
} from '../../electron/sandbox/paygate/testing.js';
import { postJson, signedPayoutBody } from '../../electron/sandbox/testing.js';

// The emulated Computop Paygate over real HTTP, spoken with the console's own Paygate crypto.

const MERCHANT = {
  merchantId: TEST_MERCHANT_ID,
  hmacPassword: TEST_MERCHANT_HMAC_PASSWORD,
  blowfishPassword: TEST_MERCHANT_BLOWFISH_PASSWORD,
};
const PAY_500 = '0123456789abcdef0123456789abcdef'; // seeded, 50 000 fen captured
const PAY_9999 = 'c0ffee00c0ffee00c0ffee00c0ffee00'; // seeded, 9 999 fen captured
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

const running: RunningSandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ finalAfterMs: 1000, ...options });
  running.push(sandbox);
  return sandbox;
}

/** A sandbox on a clock the test moves. */
async function startClocked(options: SandboxOptions = {}) {
  const clock = { now: START };
  const sandbox = await start({ now: () => clock.now, ...options });
  return { sandbox, clock };
}

/** Decrypted answer fields, with its MAC checked against the merchant's HMAC password. */
function opened(text: string): { fields: Map<string, string>; macOk: boolean } {
  const fields = readAnswer(text, MERCHANT);
  const field = (key: string) => fields.get(key) ?? '';
  const expected = answerMac(MERCHANT.hmacPassword, {
    payId: field('payid'),
    transId: field('transid'),
    merchantId: field('mid'),
    status: field('status'),
    code: field('code'),
  });
  return { fields, macOk: field('mac') === expected };
}

async function credit(sandbox: RunningSandbox, sample: SampleCredit, macPassword?: string) {
  const answer = await postForm(sandbox.url + '/credit.aspx', creditBody(MERCHANT, sample, macPassword));
  expect(answer.status).toBe(200);
  const { fields, macOk } = opened(answer.text);
  expect(macOk).toBe(true);
  return fields;
}

async function inquire(sandbox: RunningSandbox, payId: string, transId = '') {
  const answer = await postForm(sandbox.url + '/inquire.aspx', inquiryBody(MERCHANT, payId, transId));
  expect(answer.status).toBe(200);
  const { fields, macOk } = opened(answer.text);
  expect(macOk).toBe(true);
  return fields;
}

/** Status, Code and the inquiry's amounts, for compact assertions. */
function summary(fields: Map<string, string>, keys = ['status', 'code']): string[] {
  return keys.map((key) => fields.get(key) ?? '-');
}
const AMOUNTS = ['status', 'code', 'amountauth', 'amountcap', 'amountcred', 'currency', 'laststatus'];

async function ledgerOf(sandbox: RunningSandbox): Promise<PaygateLedgerView> {
  const response = await fetch(sandbox.url + '/__sandbox/paygate/ledger');
  expect(response.status).toBe(200);
  return (await response.json()) as PaygateLedgerView;
}

function paymentIn(ledger: PaygateLedgerView, payId: string) {
  return ledger.payments.find((p) => p.pay_id === payId);
}

describe('paygate credit.aspx', () => {
  it('credits a seeded payment: an encrypted, MACed OK answer, and the inquiry shows the amounts', async () => {
    const sandbox = await start();
    const fields = await credit(sandbox, {
      payId: PAY_500,
      transId: 'R-1',
      amount: 12000,
      refNr: 'INV20261201',
      reqId: 'req-1',
    });
    expect(Object.fromEntries(fields)).toMatchObject({
      mid: TEST_MERCHANT_ID,
      payid: PAY_500,
      transid: 'R-1',
      status: 'OK',
      code: '00000000',
      refnr: 'INV20261201',
    });
    expect(fields.get('xid')).toMatch(/^[0-9a-f]{32}$/);

    const inquiry = await inquire(sandbox, PAY_500);
    expect(summary(inquiry, AMOUNTS)).toEqual(['OK', '00000000', '50000', '50000', '12000', 'CNY', 'OK']);
    expect(inquiry.get('payid')).toBe(PAY_500);

    const ledger = sandbox.paygate.ledger();
    expect(ledger.credits).toEqual([
      expect.objectContaining({
        trans_id: 'R-1',
        req_id: 'req-1',
        pay_id: PAY_500,
        amount_fen: 12000,
        status: 'OK',
        code: '00000000',
        ref_nr: 'INV20261201',
        replays: 0,
      }),
    ]);
    expect(paymentIn(ledger, PAY_500)).toMatchObject({ captured_fen: 50000, credited_fen: 12000 });
  });

  it('reads Data keys in any case and order, and the paths case-insensitively', async () => {
    const sandbox = await start();
    const mac = requestMac(MERCHANT.hmacPassword, {
      payId: PAY_500,
      transId: 'lower-1',
      merchantId: TEST_MERCHANT_ID,
      amount: 100,
      currency: 'CNY',
    });
    const plaintext = encodeFields([
      ['currency', 'CNY'],
      ['mac', mac.toLowerCase()],
      ['amount', '100'],
      ['transid', 'lower-1'],
      ['merchantid', TEST_MERCHANT_ID],
      ['payid', PAY_500],
    ]);
    const answer = await postForm(
      sandbox.url + '/Credit.aspx',
      formBody(TEST_MERCHANT_ID, plaintext, MERCHANT.blowfishPassword).replace('MerchantID=', 'merchantid='),
    );
    expect(summary(opened(answer.text).fields)).toEqual(['OK', '00000000']);
  });

  it('never credits above the captured amount', async () => {
    const sandbox = await start();
    expect(summary(await credit(sandbox, { payId: PAY_9999, transId: 'cap-1', amount: 9000 }))).toEqual([
      'OK',
      '00000000',
    ]);
    const above = await credit(sandbox, { payId: PAY_9999, transId: 'cap-2', amount: 1000 });
    expect(summary(above)).toEqual(['FAILED', '21000004']);
    expect(summary(await credit(sandbox, { payId: PAY_9999, transId: 'cap-3', amount: 999 }))).toEqual([
      'OK',
      '00000000',
    ]);
    expect(summary(await credit(sandbox, { payId: PAY_9999, transId: 'cap-4', amount: 1 }))).toEqual([
      'FAILED',
      '21000004',
    ]);
    const inquiry = await inquire(sandbox, PAY_9999);
    expect(summary(inquiry, AMOUNTS)).toEqual(['OK', '00000000', '9999', '9999', '9999', 'CNY', 'FAILED']);
    expect(sandbox.paygate.ledger().credits.map((c) => `${c.trans_id}:${c.status}`)).toEqual([
      'cap-1:OK',
      'cap-2:FAILED',
      'cap-3:OK',
      'cap-4:FAILED',
    ]);
  });

  it('answers a repeated ReqId with the original result and credits once', async () => {
    const sandbox = await start();
    const first = await credit(sandbox, { payId: PAY_500, transId: 'idem-1', amount: 30000, reqId: 'R42' });
    // A resend after an unknown outcome: same ReqId (even with another TransID) changes nothing.
    const again = await credit(sandbox, { payId: PAY_500, transId: 'idem-1', amount: 30000, reqId: 'R42' });
    const other = await credit(sandbox, { payId: PAY_500, transId: 'idem-2', amount: 30000, reqId: 'R42' });
    for (const answer of [again, other]) {
      expect(summary(answer, ['transid', 'xid', 'status', 'code'])).toEqual(
        summary(first, ['transid', 'xid', 'status', 'code']),
      );
    }
    const ledger = sandbox.paygate.ledger();
    expect(ledger.credits).toHaveLength(1);
    expect(ledger.credits[0]).toMatchObject({ trans_id: 'idem-1', req_id: 'R42', replays: 2 });
    expect(paymentIn(ledger, PAY_500)?.credited_fen).toBe(30000);
    // A replay of a credit refused for the cap stays refused, and still credits nothing.
    const refused = await credit(sandbox, { payId: PAY_500, transId: 'idem-3', amount: 30000, reqId: 'R43' });
    const refusedAgain = await credit(sandbox, {
      payId: PAY_500,
      transId: 'idem-3',
      amount: 30000,
      reqId: 'R43',
    });
    expect([summary(refused), summary(refusedAgain)]).toEqual([
      ['FAILED', '21000004'],
      ['FAILED', '21000004'],
    ]);
  });

  it('refuses a TransID used before under another ReqId or none (TransID must be unique)', async () => {
    const sandbox = await start();
    await credit(sandbox, { payId: PAY_500, transId: 'T-1', amount: 100, reqId: 'A' });
    const withOtherReqId = await credit(sandbox, { payId: PAY_500, transId: 'T-1', amount: 100, reqId: 'B' });
    const withoutReqId = await credit(sandbox, { payId: PAY_500, transId: 'T-1', amount: 100 });
    expect([summary(withOtherReqId), summary(withoutReqId)]).toEqual([
      ['FAILED', '20170002'],
      ['FAILED', '20170002'],
    ]);
    expect(withOtherReqId.get('transid')).toBe('T-1');
    expect(sandbox.paygate.ledger().credits).toHaveLength(1);
  });

  it('declines amounts ending in 66 at once (nothing credited)', async () => {
    const sandbox = await start();
    expect(summary(await credit(sandbox, { payId: PAY_500, transId: 'd-1', amount: 1266 }))).toEqual([
      'FAILED',
      '21000200',
    ]);
    expect(summary(await inquire(sandbox, PAY_500), AMOUNTS)).toEqual([
      'OK',
      '00000000',
      '50000',
      '50000',
      '0',
      'CNY',
      'FAILED',
    ]);
  });
});

describe('paygate pending credits', () => {
  it('…77 is PENDING, reserved against the cap, and settles to OK after finalAfterMs', async () => {
    const { sandbox, clock } = await startClocked({ finalAfterMs: 5000 });
    const added = await postJson(sandbox.url + '/__sandbox/paygate/payments', { captured_fen: 10000 });
    const payId = (added.json as { pay_id: string }).pay_id;

    const pending = await credit(sandbox, { payId, transId: 'p-1', amount: 9977, reqId: 'P1' });
    expect(summary(pending)).toEqual(['PENDING', '61000000']);
    expect(summary(await inquire(sandbox, payId), AMOUNTS)).toEqual([
      'OK',
      '00000000',
      '10000',
      '10000',
      '0',
      'CNY',
      'PENDING',
    ]);
    // While pending, its amount is reserved: only 23 fen are left.
    expect(summary(await credit(sandbox, { payId, transId: 'p-2', amount: 24 }))).toEqual([
      'FAILED',
      '21000004',
    ]);
    // A resend of the pending credit returns it, still pending, without crediting again.
    const replay = await credit(sandbox, { payId, transId: 'p-1', amount: 9977, reqId: 'P1' });
    expect(summary(replay, ['transid', 'status', 'code'])).toEqual(['p-1', 'PENDING', '61000000']);

    clock.now += 4999;
    expect(summary(await inquire(sandbox, payId), ['amountcred'])).toEqual(['0']);
    clock.now += 1;
    expect(summary(await inquire(sandbox, payId), ['amountcred', 'laststatus'])).toEqual(['9977', 'FAILED']);
    const settled = await credit(sandbox, { payId, transId: 'p-1', amount: 9977, reqId: 'P1' });
    expect(summary(settled, ['transid', 'status', 'code'])).toEqual(['p-1', 'OK', '00000000']);
    expect(summary(await credit(sandbox, { payId, transId: 'p-3', amount: 23 }))).toEqual(['OK', '00000000']);
    expect(paymentIn(await ledgerOf(sandbox), payId)).toMatchObject({
      captured_fen: 10000,
      credited_fen: 10000,
      pending_fen: 0,
      last_status: 'OK',
    });
  });

  it('…78 is PENDING and settles to FAILED, releasing its reservation', async () => {
    const { sandbox, clock } = await startClocked({ finalAfterMs: 100 });
    const pending = await credit(sandbox, { payId: PAY_9999, transId: 'f-1', amount: 9978 });
    expect(summary(pending)).toEqual(['PENDING', '61000000']);
    clock.now += 100;
    expect(summary(await inquire(sandbox, PAY_9999), ['amountcred', 'laststatus'])).toEqual(['0', 'FAILED']);
    expect(sandbox.paygate.ledger().credits[0]).toMatchObject({ status: 'FAILED', code: '21000200' });
    expect(summary(await credit(sandbox, { payId: PAY_9999, transId: 'f-2', amount: 9999 }))).toEqual([
      'OK',
      '00000000',
    ]);
  });

  it('settles in real time too', async () => {
    const sandbox = await start({ finalAfterMs: 50 });
    expect(summary(await credit(sandbox, { payId: PAY_500, transId: 'rt', amount: 177 }))).toEqual([
      'PENDING',
      '61000000',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(summary(await inquire(sandbox, PAY_500), ['amountcred', 'laststatus'])).toEqual(['177', 'OK']);
  });

  it('POST /__sandbox/paygate/settle settles pending credits now (one, or all)', async () => {
    const { sandbox } = await startClocked({ finalAfterMs: 60_000 });
    await credit(sandbox, { payId: PAY_500, transId: 's-1', amount: 1077 });
    await credit(sandbox, { payId: PAY_500, transId: 's-2', amount: 2078 });
    await credit(sandbox, { payId: PAY_500, transId: 's-3', amount: 3077 });
    const one = await postJson(sandbox.url + '/__sandbox/paygate/settle', { trans_id: 's-1' });
    expect([one.status, one.json]).toEqual([200, { status: 'success', settled: ['s-1'] }]);
    const rest = await postJson(sandbox.url + '/__sandbox/paygate/settle', {});
    expect(rest.json).toEqual({ status: 'success', settled: ['s-2', 's-3'] });
    expect(sandbox.paygate.ledger().credits.map((c) => `${c.trans_id}:${c.status}`)).toEqual([
      's-1:OK',
      's-2:FAILED',
      's-3:OK',
    ]);
    expect(summary(await inquire(sandbox, PAY_500), ['amountcred'])).toEqual(['4154']);
  });
});

describe('paygate refuses what it cannot trust or read', () => {
  it('a wrong MAC, or MerchantID inside Data unlike the clear one, credits nothing', async () => {
    const sandbox = await start();
    const forged = await credit(sandbox, { payId: PAY_500, transId: 'm-1', amount: 100 }, 'not-the-password');
    expect(summary(forged, ['status', 'code', 'transid'])).toEqual(['FAILED', '20010006', 'm-1']);

    const fields = creditFields(
      { ...MERCHANT, merchantId: 'someone_else' },
      {
        payId: PAY_500,
        transId: 'm-2',
        amount: 100,
      },
    );
    const mismatch = await postForm(
      sandbox.url + '/credit.aspx',
      formBody(TEST_MERCHANT_ID, encodeFields(fields), MERCHANT.blowfishPassword),
    );
    expect(summary(opened(mismatch.text).fields)).toEqual(['FAILED', '20120001']);

    const withoutMac = encodeFields(fields.filter(([key]) => key !== 'MAC'));
    const unsigned = await postForm(
      sandbox.url + '/credit.aspx',
      formBody(TEST_MERCHANT_ID, withoutMac, MERCHANT.blowfishPassword),
    );
    expect(summary(opened(unsigned.text).fields)).toEqual(['FAILED', '20100006']);
    expect(sandbox.paygate.ledger().credits).toEqual([]);
  });

  it('an unknown merchant gets a clear FAILED answer; a wrong Blowfish password a crypto code', async () => {
    const sandbox = await start();
    const stranger = { ...MERCHANT, merchantId: 'nobody' };
    const unknown = await postForm(
      sandbox.url + '/credit.aspx',
      creditBody(stranger, {
        payId: PAY_500,
        transId: 'u-1',
        amount: 100,
      }),
    );
    expect(unknown.status).toBe(200);
    expect(Object.fromEntries(new URLSearchParams(unknown.text))).toMatchObject({
      mid: 'nobody',
      Status: 'FAILED',
      Code: '20160001',
    });
    const missing = await postForm(sandbox.url + '/inquire.aspx', 'Len=8&Data=0011223344556677');
    expect(new URLSearchParams(missing.text).get('Code')).toBe('20100001');

    const wrongKey = { ...MERCHANT, blowfishPassword: 'not-the-blowfish-password' };
    const garbage = await postForm(
      sandbox.url + '/credit.aspx',
      creditBody(wrongKey, {
        payId: PAY_500,
        transId: 'u-2',
        amount: 100,
      }),
    );
    expect(summary(opened(garbage.text).fields)).toEqual(['FAILED', '20010007']);
    const notHex = await postForm(
      sandbox.url + '/credit.aspx',
      `MerchantID=${TEST_MERCHANT_ID}&Len=4&Data=XYZ1`,
    );
    expect(summary(opened(notHex.text).fields)).toEqual(['FAILED', '20010007']);
    expect(sandbox.paygate.ledger().credits).toEqual([]);
  });

  it.each([
    ['PayID of 31 characters', { payId: PAY_500.slice(1) }, '20110003'],
    ['PayID with a dash', { payId: PAY_500.slice(1) + '-' }, '20110003'],
    ['unknown PayID', { payId: 'f'.repeat(32) }, '20160003'],
    ['TransID of 65 characters', { transId: 'T'.repeat(65) }, '20140002'],
    ['empty TransID', { transId: '' }, '20100002'],
    ['Amount 0', { amount: 0 }, '20120004'],
    ['Amount with decimals', { amount: '1.50' }, '20110004'],
    ['Amount of 11 digits', { amount: '10000000000' }, '20140004'],
    ['Currency EUR', { currency: 'EUR' }, '20160005'],
    ['Currency of 4 letters', { currency: 'CNYY' }, '20110005'],
    ['RefNr with a dash', { refNr: 'INV-1' }, '20110009'],
    ['RefNr of 33 characters', { refNr: 'R'.repeat(33) }, '20140009'],
    ['ReqId of 33 characters', { reqId: 'Q'.repeat(33) }, '20140010'],
  ] as Array<[string, Partial<SampleCredit>, string]>)('%s: FAILED %s', async (_name, change, code) => {
    const sandbox = await start();
    const answer = await credit(sandbox, { payId: PAY_500, transId: 'fmt', amount: 100, ...change });
    expect(summary(answer)).toEqual(['FAILED', code]);
    expect(sandbox.paygate.ledger().credits).toEqual([]);
  });
});

describe('paygate inquire.aspx', () => {
  it('refuses an unknown PayID and a wrong MAC', async () => {
    const sandbox = await start();
    expect(summary(await inquire(sandbox, 'f'.repeat(32)))).toEqual(['FAILED', '20160003']);
    const mac = paygateMac('wrong', [PAY_500, '', TEST_MERCHANT_ID, '', '']);
    const body = formBody(
      TEST_MERCHANT_ID,
      encodeFields([
        ['MerchantID', TEST_MERCHANT_ID],
        ['PayID', PAY_500],
        ['MAC', mac],
      ]),
      MERCHANT.blowfishPassword,
    );
    const forged = await postForm(sandbox.url + '/inquire.aspx', body);
    const fields = opened(forged.text).fields;
    expect(summary(fields)).toEqual(['FAILED', '20010006']);
    expect(fields.has('amountcred')).toBe(false);
  });

  it.each([
    ['documented PayID*TransID*MerchantID**', [PAY_500, 'Q-1', TEST_MERCHANT_ID, '', ''], true],
    ['with the amount and currency', [PAY_500, 'Q-1', TEST_MERCHANT_ID, '500', 'CNY'], true],
    ['with the TransID left empty', [PAY_500, '', TEST_MERCHANT_ID, '', ''], true],
    ['with the TransID left out', [PAY_500, TEST_MERCHANT_ID, '', ''], true],
    ['over another PayID', [PAY_9999, 'Q-1', TEST_MERCHANT_ID, '', ''], false],
  ] as Array<[string, string[], boolean]>)('accepts MACs leniently: %s', async (_name, parts, accepted) => {
    const sandbox = await start();
    const body = formBody(
      TEST_MERCHANT_ID,
      encodeFields([
        ['MerchantID', TEST_MERCHANT_ID],
        ['PayID', PAY_500],
        ['TransID', 'Q-1'],
        ['Amount', '500'],
        ['Currency', 'CNY'],
        ['MAC', paygateMac(MERCHANT.hmacPassword, parts)],
      ]),
      MERCHANT.blowfishPassword,
    );
    const fields = opened((await postForm(sandbox.url + '/inquire.aspx', body)).text).fields;
    expect(summary(fields, ['status', 'transid'])).toEqual(accepted ? ['OK', 'Q-1'] : ['FAILED', 'Q-1']);
  });
});

describe('paygate control routes', () => {
  it('adds captured payments (PayID given or generated) and lists the ledger', async () => {
    const sandbox = await start();
    const given = await postJson(sandbox.url + '/__sandbox/paygate/payments', {
      pay_id: 'ABCDEF0123456789abcdef0123456789',
      captured_fen: 777,
    });
    expect([given.status, given.json]).toEqual([
      200,
      { status: 'success', pay_id: 'ABCDEF0123456789abcdef0123456789', captured_fen: 777 },
    ]);
    const generated = await postJson(sandbox.url + '/__sandbox/paygate/payments', { captured_fen: 2000 });
    const payId = (generated.json as { pay_id: string }).pay_id;
    expect(payId).toMatch(/^[0-9a-f]{32}$/);

    const duplicate = await postJson(sandbox.url + '/__sandbox/paygate/payments', {
      pay_id: PAY_500,
      captured_fen: 1,
    });
    expect(duplicate.status).toBe(409);
    for (const bad of [
      { captured_fen: 0 },
      { captured_fen: 1.5 },
      { pay_id: 'short', captured_fen: 1 },
      {},
    ]) {
      expect((await postJson(sandbox.url + '/__sandbox/paygate/payments', bad)).status).toBe(400);
    }

    await credit(sandbox, { payId, transId: 'c-1', amount: 2000, reqId: 'C1' });
    const ledger = await ledgerOf(sandbox);
    expect(ledger.merchant_id).toBe(TEST_MERCHANT_ID);
    expect(ledger.payments.map((p) => p.pay_id)).toEqual([
      ...SEEDED_TEST_PAYMENTS.map((p) => p.payId),
      'ABCDEF0123456789abcdef0123456789',
      payId,
    ]);
    expect(paymentIn(ledger, payId)).toEqual({
      pay_id: payId,
      currency: 'CNY',
      captured_fen: 2000,
      credited_fen: 2000,
      pending_fen: 0,
      last_status: 'OK',
    });
    expect(ledger.credits).toEqual([
      {
        trans_id: 'c-1',
        req_id: 'C1',
        pay_id: payId,
        xid: expect.stringMatching(/^[0-9a-f]{32}$/),
        amount_fen: 2000,
        currency: 'CNY',
        ref_nr: null,
        status: 'OK',
        code: '00000000',
        created_at: expect.any(Number),
        settles_at: null,
        replays: 0,
      },
    ]);
    expect(ledger).toEqual(sandbox.paygate.ledger());
  });

  it('seeds the test payments on a fresh state', async () => {
    const sandbox = await start();
    expect(
      sandbox.paygate.ledger().payments.map((p) => ({ payId: p.pay_id, capturedFen: p.captured_fen })),
    ).toEqual(SEEDED_TEST_PAYMENTS);
  });
});

describe('paygate faults', () => {
  function forced(kind: FaultKind, options: SandboxOptions = {}) {
    return start({ faultRate: 1, faults: [kind], ...options });
  }
  const sample = (transId: string): SampleCredit => ({
    payId: PAY_500,
    transId,
    amount: 500,
    reqId: transId,
  });
  const creditRaw = (sandbox: RunningSandbox, transId: string) =>
    postForm(sandbox.url + '/credit.aspx', creditBody(MERCHANT, sample(transId)));
  const creditIds = (sandbox: RunningSandbox) => sandbox.paygate.ledger().credits.map((c) => c.trans_id);

  it('http500: 500, nothing credited; inquiries too', async () => {
    const sandbox = await forced('http500');
    const answer = await creditRaw(sandbox, 'h500');
    expect([answer.status, answer.text]).toEqual([500, 'Platform unavailable']);
    expect(creditIds(sandbox)).toEqual([]);
    const inquiry = await postForm(sandbox.url + '/inquire.aspx', inquiryBody(MERCHANT, PAY_500));
    expect(inquiry.status).toBe(500);
    expect(sandbox.paygate.stats().faultLog).toEqual([
      { sequence: 1, route: 'credit', kind: 'http500', extraDelayMs: 0, pay_id: PAY_500, trans_id: 'h500' },
      { sequence: 2, route: 'inquire', kind: 'http500', extraDelayMs: 0, pay_id: PAY_500, trans_id: null },
    ]);
  });

  it('drop_before_register: the socket closes, nothing credited', async () => {
    const sandbox = await forced('drop_before_register');
    await expect(creditRaw(sandbox, 'drop-b')).rejects.toThrow();
    expect(creditIds(sandbox)).toEqual([]);
  });

  it('drop_after_register: credited, yet the client sees a socket error; the resend is a replay', async () => {
    const sandbox = await forced('drop_after_register');
    await expect(creditRaw(sandbox, 'drop-a')).rejects.toThrow();
    await expect(creditRaw(sandbox, 'drop-a')).rejects.toThrow();
    expect(sandbox.paygate.ledger().credits).toEqual([
      expect.objectContaining({ trans_id: 'drop-a', status: 'OK', replays: 1 }),
    ]);
    expect(paymentIn(sandbox.paygate.ledger(), PAY_500)?.credited_fen).toBe(500);
  });

  it('malformed_json: credited, but the answer cannot be decrypted', async () => {
    const sandbox = await forced('malformed_json');
    const answer = await creditRaw(sandbox, 'garbled');
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('Len=')).toBe(true);
    expect(() => readAnswer(answer.text, MERCHANT)).toThrow();
    expect(creditIds(sandbox)).toEqual(['garbled']);
  });

  it('bad_signature: credited, the answer decrypts but its MAC is wrong', async () => {
    const sandbox = await forced('bad_signature');
    const answer = await creditRaw(sandbox, 'bad-mac');
    const { fields, macOk } = opened(answer.text);
    expect(summary(fields)).toEqual(['OK', '00000000']);
    expect(macOk).toBe(false);
    expect(creditIds(sandbox)).toEqual(['bad-mac']);
  });

  it('latency: answers normally after the extra delay', async () => {
    const sandbox = await forced('latency', { faultLatencyMs: { min: 120, max: 120 } });
    const started = performance.now();
    expect((await creditRaw(sandbox, 'slow')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('never applies to the control routes', async () => {
    const sandbox = await forced('http500');
    expect((await fetch(sandbox.url + '/__sandbox/paygate/ledger')).status).toBe(200);
    expect((await postJson(sandbox.url + '/__sandbox/paygate/payments', { captured_fen: 5 })).status).toBe(
      200,
    );
    expect((await postJson(sandbox.url + '/__sandbox/paygate/settle', {})).status).toBe(200);
    expect(sandbox.paygate.stats().faultLog).toEqual([]);
  });

  it('the same seed gives the same faults, another seed others; Gate traffic does not shift them', async () => {
    async function run(seed: number | string, gateFirst: boolean): Promise<string[]> {
      const sandbox = await start({ seed, faultRate: 0.5, faults: ['http500', 'bad_signature'] });
      if (gateFirst) {
        await postJson(
          sandbox.url + '/v2/payment/chinaunionpay/payout',
          signedPayoutBody({ projectId: 200, paymentId: 'gate-1' }, sandbox.secretKey),
        );
      }
      const outcomes: string[] = [];
      for (let i = 0; i < 16; i++) {
        const answer = await creditRaw(sandbox, `seeded-${i}`);
        outcomes.push(answer.status === 200 ? `200:${opened(answer.text).macOk}` : String(answer.status));
      }
      const log = sandbox.paygate.stats().faultLog.map((e) => `${e.sequence}:${e.kind}`);
      return [...outcomes, ...log];
    }
    const a = await run(7, false);
    expect(await run(7, true)).toEqual(a);
    expect(await run('another seed', false)).not.toEqual(a);
    expect(a).toContain('500');
    expect(a).toContain('200:false');
  });
});

describe('paygate persistence', () => {
  it('keeps payments, credits, pending times and ReqIds across a restart, and seeds only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-paygate-state-'));
    dirs.push(dir);
    const statePath = join(dir, 'sandbox.sqlite');
    const clock = { now: START };
    const first = await startSandbox({ statePath, finalAfterMs: 1000, now: () => clock.now });
    const added = await postJson(first.url + '/__sandbox/paygate/payments', { captured_fen: 3000 });
    const payId = (added.json as { pay_id: string }).pay_id;
    await credit(first, { payId, transId: 'keep-1', amount: 1000, reqId: 'K1' });
    expect(summary(await credit(first, { payId, transId: 'keep-2', amount: 1077, reqId: 'K2' }))).toEqual([
      'PENDING',
      '61000000',
    ]);
    const before = first.paygate.ledger();
    await first.close();

    // Restarted with another delay: the stored settle time still rules.
    clock.now = START + 999;
    const second = await start({ statePath, finalAfterMs: 60_000, now: () => clock.now });
    expect(second.paygate.ledger()).toEqual(before);
    expect(second.paygate.ledger().payments).toHaveLength(SEEDED_TEST_PAYMENTS.length + 1);
    const replay = await credit(second, { payId, transId: 'keep-1', amount: 1000, reqId: 'K1' });
    expect(summary(replay, ['transid', 'status'])).toEqual(['keep-1', 'OK']);
    clock.now = START + 1000;
    expect(summary(await inquire(second, payId), ['amountcred', 'laststatus'])).toEqual(['2077', 'OK']);
    expect(summary(await credit(second, { payId, transId: 'keep-3', amount: 924 }))).toEqual([
      'FAILED',
      '21000004',
    ]);
    const another = await postJson(second.url + '/__sandbox/paygate/payments', { captured_fen: 1 });
    expect((another.json as { pay_id: string }).pay_id).not.toBe(payId);
  });
});

describe('cup-payouts sandbox', () => {
  it('keeps the URL as the first line and tells the Paygate facts; both providers answer there', async () => {
    const lines: string[] = [];
    const notes: string[] = [];
    const stop = new AbortController();
    let urlSeen: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => (urlSeen = resolve));
    const exit = runSandbox(['--port', '0'], {
      out: (line) => {
        lines.push(line);
        urlSeen(line);
      },
      note: (line) => notes.push(line),
      stop: stop.signal,
    });
    const url = await urlPrinted;
    expect(lines).toEqual([url]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const text = notes.join('\n');
    expect(text).toContain(TEST_MERCHANT_ID);
    expect(text).toContain('/credit.aspx');
    expect(text).toContain('/inquire.aspx');

    const answer = await postForm(url + '/inquire.aspx', inquiryBody(MERCHANT, PAY_500));
    expect(summary(opened(answer.text).fields, AMOUNTS)).toEqual([
      'OK',
      '00000000',
      '50000',
      '50000',
      '0',
      'CNY',
      'OK',
    ]);
    expect((await fetch(url + '/__sandbox/ledger')).status).toBe(200);
    stop.abort();
    await expect(exit).resolves.toBe(0);
  });
});
