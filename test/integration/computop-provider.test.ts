import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PaygateEndpoint } from '../../electron/core/providers/computop/endpoints.js';
import {
  answerMac,
  decryptData,
  encryptData,
  encodeFields,
  inquiryMac,
  macMatches,
  parseFields,
  requestMac,
} from '../../electron/core/providers/computop/paygateCrypto.js';
import { createComputopProvider } from '../../electron/core/providers/computop/provider.js';
import type { PayoutInstruction, PayoutProvider, RefundTerms } from '../../electron/core/providers/types.js';

const MERCHANT = 'cup_test_merchant';
const HMAC = 'stub-hmac-password';
const BLOWFISH = 'stub-blowfish';
const PAY_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_PAY_ID = 'ffffffffffffffffffffffffffffffff';

/** What the stub does with a credit or an inquiry, beyond answering it as Paygate would. */
type Behaviour =
  | 'normal'
  | 'pending'
  | 'refuse'
  | 'http500'
  | 'bad_mac'
  | 'other_pay_id'
  | 'garbage'
  | 'drop_after_register'
  | 'hang';

type Fields = Map<string, string>;

/**
 * A small Paygate: captured and credited amounts per PayID, credits kept by ReqId (a repeated ReqId answers
 * the original's result and credits nothing), the real encryption and MACs both ways.
 */
class PaygateStub {
  server: Server = createServer((req, res) => void this.#onRequest(req, res));
  payments = new Map<string, { captured: number; credited: number }>();
  byReqId = new Map<string, Array<[string, string]>>();
  creditRequests: Fields[] = [];
  creditsCarriedOut = 0;
  inquiries = 0;
  credit: Behaviour = 'normal';
  /** Inquiry behaviours to use one after another (the last one stays). */
  inquiry: Behaviour[] = ['normal'];
  lastStatus = 'OK';
  /** The inquiry's XID: the payment's last action. */
  lastXid = '';
  badRequests: string[] = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.server.closeAllConnections();
    Object.assign(this, {
      payments: new Map([[PAY_ID, { captured: 50_000, credited: 0 }]]),
      byReqId: new Map(),
      creditRequests: [],
      creditsCarriedOut: 0,
      inquiries: 0,
      credit: 'normal',
      inquiry: ['normal'],
      lastStatus: 'OK',
      lastXid: '',
      badRequests: [],
    });
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      this.badRequests.push('content-type');
    if (form.get('MerchantID') !== MERCHANT) this.badRequests.push('clear MerchantID');
    const fields = parseFields(decryptData(Number(form.get('Len')), form.get('Data') ?? '', BLOWFISH));
    const get = (key: string) => fields.get(key.toLowerCase()) ?? '';
    if (get('MerchantID') !== MERCHANT) this.badRequests.push('MerchantID in Data');

    if (req.url === '/credit.aspx') {
      const mac = requestMac(HMAC, {
        payId: get('PayID'),
        transId: get('TransID'),
        merchantId: MERCHANT,
        amount: get('Amount'),
        currency: get('Currency'),
      });
      if (!macMatches(mac, get('MAC'))) this.badRequests.push('credit MAC');
      this.creditRequests.push(fields);
      this.#answerCredit(fields, res);
    } else if (req.url === '/inquire.aspx') {
      const mac = inquiryMac(HMAC, { payId: get('PayID'), transId: get('TransID'), merchantId: MERCHANT });
      if (!macMatches(mac, get('MAC'))) this.badRequests.push('inquiry MAC');
      const behaviour = this.inquiry[Math.min(this.inquiries, this.inquiry.length - 1)]!;
      this.inquiries += 1;
      this.#answerInquiry(fields, behaviour, res);
    } else {
      res.writeHead(404).end();
    }
  }

  #answerCredit(fields: Fields, res: ServerResponse): void {
    const behaviour = this.credit;
    if (behaviour === 'hang') return;
    if (behaviour === 'http500') return void res.writeHead(500).end('busy');
    const reqId = fields.get('reqid') ?? '';
    let answer = this.byReqId.get(reqId);
    if (!answer) {
      const payId = fields.get('payid') ?? '';
      const amount = Number(fields.get('amount'));
      const payment = this.payments.get(payId);
      let status = 'OK';
      let code = '00000000';
      let description = 'success';
      if (!payment || amount > payment.captured - payment.credited) {
        [status, code, description] = ['FAILED', '21000041', 'amount above the capture'];
      } else if (behaviour === 'refuse') {
        // A fatal code under Status OK: only Code decides.
        [status, code, description] = ['OK', '40000000', 'refused by the acquirer'];
      } else if (behaviour === 'pending') {
        [status, code, description] = ['PENDING', '60000000', 'pending'];
      } else {
        payment.credited += amount;
        this.creditsCarriedOut += 1;
      }
      const transId = fields.get('transid') ?? '';
      answer = [
        ['mid', MERCHANT],
        ['PayID', behaviour === 'other_pay_id' ? OTHER_PAY_ID : payId],
        ['XID', `X${this.creditsCarriedOut}`],
        ['TransID', transId],
        ['Status', status],
        ['Code', code],
        ['Description', description],
      ];
      const macOver = { payId: answer[1]![1], transId, merchantId: MERCHANT, status, code };
      const mac = behaviour === 'bad_mac' ? answerMac('wrong', macOver) : answerMac(HMAC, macOver);
      answer.push(['MAC', mac]);
      this.byReqId.set(reqId, answer);
    }
    if (behaviour === 'drop_after_register') return void res.socket?.destroy();
    this.#reply(res, answer, behaviour);
  }

  #answerInquiry(fields: Fields, behaviour: Behaviour, res: ServerResponse): void {
    if (behaviour === 'hang') return;
    if (behaviour === 'http500') return void res.writeHead(503).end();
    const payId = fields.get('payid') ?? '';
    const payment = this.payments.get(payId);
    const [status, code] = payment ? ['OK', '00000000'] : ['FAILED', '21000032'];
    const transId = fields.get('transid') ?? '';
    const answer: Array<[string, string]> = [
      ['Code', code],
      ['mid', MERCHANT],
      ['payid', payId],
      ['TransID', transId],
      ['XID', this.lastXid],
      ['Status', status],
      ['Description', payment ? 'success' : 'PayID unknown'],
      ['AmountAuth', String(payment?.captured ?? 0)],
      ['AmountCap', String(payment?.captured ?? 0)],
      ['AmountCred', String(payment?.credited ?? 0)],
      ['Currency', 'CNY'],
      ['LastStatus', this.lastStatus],
      ['Extra', 'ignored'],
      ['MAC', answerMac(HMAC, { payId, transId, merchantId: MERCHANT, status, code })],
    ];
    this.#reply(res, answer, behaviour);
  }

  #reply(res: ServerResponse, answer: Array<[string, string]>, behaviour: Behaviour): void {
    if (behaviour === 'garbage')
      return void res.writeHead(200).end('Len=16&Data=00112233445566778899AABBCCDDEEFF');
    const { len, data } = encryptData(encodeFields(answer), BLOWFISH);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`Len=${len}&Data=${data}&Custom=plain`);
  }
}

const stub = new PaygateStub();
let baseUrl = '';
let provider: PayoutProvider;

const endpoint = (url = baseUrl): PaygateEndpoint => ({
  baseUrl: url,
  merchantId: MERCHANT,
  hmacPassword: HMAC,
  blowfishPassword: BLOWFISH,
});
const makeProvider = (url = baseUrl, extra: { now?: () => number } = {}) =>
  createComputopProvider(endpoint(url), { concurrency: 4, requestsPerSecond: 0, timeoutMs: 500, ...extra });

function refundRow(
  over: Partial<PayoutInstruction> = {},
  terms: Partial<RefundTerms> = {},
): PayoutInstruction {
  return {
    payment_id: 'R-2026-0001',
    amount_fen: 20_000,
    currency: 'CNY',
    card_number: '',
    bank_id: 0,
    region_id: 0,
    last_name: '',
    first_name: '',
    customer_id: '',
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
    method: 'chinapay',
    refund: {
      pay_id: PAY_ID,
      req_id: 'REQ-0001',
      ref_nr: 'INV42',
      reason: 'customer returned the goods',
      captured_fen: 50_000,
      credited_before_fen: null,
      ...terms,
    },
    ...over,
  };
}

beforeAll(async () => {
  baseUrl = await stub.start();
});
afterAll(async () => {
  await provider?.close();
  stub.server.closeAllConnections();
  await new Promise((resolve) => stub.server.close(resolve));
});
beforeEach(async () => {
  await provider?.close();
  stub.reset();
  provider = makeProvider();
});

describe('prepare', () => {
  it('builds the credit fields in order, MAC last, without the reason; digest without the MAC', () => {
    const prepared = provider.prepare(refundRow());
    const request = prepared.request as { fields: Array<[string, string]> };
    expect(request.fields.map(([key]) => key)).toEqual([
      'MerchantID',
      'PayID',
      'TransID',
      'RefNr',
      'Amount',
      'Currency',
      'ReqId',
      'MAC',
    ]);
    expect(Object.fromEntries(request.fields)).toMatchObject({
      MerchantID: MERCHANT,
      PayID: PAY_ID,
      TransID: 'R-2026-0001',
      RefNr: 'INV42',
      Amount: '20000',
      Currency: 'CNY',
      ReqId: 'REQ-0001',
    });
    expect(JSON.stringify(request)).not.toContain('returned');
    expect(prepared.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(provider.prepare(refundRow()).digest).toBe(prepared.digest);
    // Another HMAC password signs differently but says the same.
    const rotated = createComputopProvider(
      { ...endpoint(), hmacPassword: 'rotated' },
      {
        concurrency: 1,
        requestsPerSecond: 0,
        timeoutMs: 500,
      },
    );
    expect(rotated.prepare(refundRow()).digest).toBe(prepared.digest);
    expect(provider.prepare(refundRow({ amount_fen: 20_001 })).digest).not.toBe(prepared.digest);
    // RefNr only when given.
    const plain = provider.prepare(refundRow({}, { ref_nr: '' })).request as {
      fields: Array<[string, string]>;
    };
    expect(plain.fields.map(([key]) => key)).not.toContain('RefNr');
    void rotated.close();
  });

  it.each([
    ['no refund terms', refundRow({ refund: null }), /not a refund/],
    ['PayID of 31 characters', refundRow({}, { pay_id: PAY_ID.slice(1) }), /PayID .* an32/],
    ['PayID with a dash', refundRow({}, { pay_id: `${PAY_ID.slice(1)}-` }), /PayID/],
    ['TransID of 65 characters', refundRow({ payment_id: 'T'.repeat(65) }), /TransID .* ans\.\.64/],
    ['TransID with &', refundRow({ payment_id: 'R&1' }), /TransID/],
    ['TransID with =', refundRow({ payment_id: 'R=1' }), /TransID/],
    ['RefNr of 33 characters', refundRow({}, { ref_nr: 'N'.repeat(33) }), /RefNr .* an\.\.32/],
    ['RefNr with a dash', refundRow({}, { ref_nr: 'INV-42' }), /RefNr/],
    ['Amount 0', refundRow({ amount_fen: 0 }), /Amount/],
    ['Amount of 11 digits', refundRow({ amount_fen: 10_000_000_000 }), /Amount .* n\.\.10/],
    ['Amount not whole', refundRow({ amount_fen: 12.5 }), /Amount/],
    ['Currency of 2 letters', refundRow({ currency: 'CN' }), /Currency .* a3/],
    ['ReqId of 33 characters', refundRow({}, { req_id: 'Q'.repeat(33) }), /ReqId .* ans\.\.32/],
    ['empty ReqId', refundRow({}, { req_id: '' }), /ReqId/],
  ])('refuses %s', (_name, row, message) => {
    expect(() => provider.prepare(row)).toThrow(message);
  });

  it('takes the largest values the formats allow', () => {
    const row = refundRow(
      { payment_id: 'T'.repeat(64), amount_fen: 9_999_999_999 },
      { req_id: 'Q'.repeat(32), ref_nr: 'N'.repeat(32) },
    );
    expect(() => provider.prepare(row)).not.toThrow();
  });

  it('refuses a merchant id longer than 30 characters when built', () => {
    expect(() =>
      createComputopProvider(
        { ...endpoint(), merchantId: 'M'.repeat(31) },
        {
          concurrency: 1,
          requestsPerSecond: 0,
          timeoutMs: 500,
        },
      ),
    ).toThrow(/MerchantID/);
  });
});

describe('send', () => {
  it('inquires, then credits; the answer is accepted with what the payment held before', async () => {
    const outcome = await provider.send(provider.prepare(refundRow()));
    expect(outcome).toEqual({
      kind: 'accepted',
      reference: 'X1',
      httpStatus: 200,
      ledger: { reference: PAY_ID, capturedFen: 50_000, creditedFen: 0, currency: 'CNY' },
    });
    expect(stub.inquiries).toBe(1);
    expect(stub.creditRequests).toHaveLength(1);
    expect(stub.creditRequests[0]!.has('reason')).toBe(false);
    expect(stub.payments.get(PAY_ID)!.credited).toBe(20_000);
    expect(stub.badRequests).toEqual([]);
  });

  it('refuses a refund above what remains of the capture without sending a credit', async () => {
    stub.payments.set(PAY_ID, { captured: 50_000, credited: 40_000 });
    const outcome = await provider.send(provider.prepare(refundRow()));
    expect(outcome).toEqual({
      kind: 'rejected',
      code: 'REFUND_ABOVE_CAPTURE',
      message:
        'refund ¥200.00 above what remains of the capture ¥100.00 (captured ¥500.00, already credited ¥400.00)',
      ledger: { reference: PAY_ID, capturedFen: 50_000, creditedFen: 40_000, currency: 'CNY' },
    });
    expect(stub.inquiries).toBe(1);
    expect(stub.creditRequests).toHaveLength(0);
  });

  it("rejects with Paygate's code and description when Paygate refuses the credit (Status aside)", async () => {
    stub.credit = 'refuse';
    const outcome = await provider.send(provider.prepare(refundRow()));
    expect(outcome).toMatchObject({
      kind: 'rejected',
      code: '40000000',
      message: 'refused by the acquirer',
      ledger: { creditedFen: 0 },
    });
    expect(stub.payments.get(PAY_ID)!.credited).toBe(0);
  });

  it('is unknown on a wrongly MACed answer, on 5xx, on an undecryptable answer, on a timeout', async () => {
    // Room for every credit below (some are carried out before their answer goes wrong).
    stub.payments.set(PAY_ID, { captured: 1_000_000, credited: 0 });
    stub.credit = 'bad_mac';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-1' }, { req_id: 'Q1' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'bad_signature', ledger: { creditedFen: 0 } });
    stub.credit = 'http500';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-2' }, { req_id: 'Q2' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'server_error', httpStatus: 500 });
    stub.credit = 'garbage';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-3' }, { req_id: 'Q3' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'malformed' });
    stub.credit = 'other_pay_id';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-4' }, { req_id: 'Q4' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'malformed' });
    stub.credit = 'hang';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-5' }, { req_id: 'Q5' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    stub.credit = 'drop_after_register';
    expect(
      await provider.send(provider.prepare(refundRow({ payment_id: 'R-6' }, { req_id: 'Q6' }))),
    ).toMatchObject({ kind: 'unknown', reason: 'network' });
  });

  it('retries a failing inquiry, and sends nothing when it keeps failing', async () => {
    stub.inquiry = ['http500', 'garbage', 'normal'];
    expect(await provider.send(provider.prepare(refundRow()))).toMatchObject({ kind: 'accepted' });
    expect(stub.inquiries).toBe(3);

    stub.reset();
    stub.inquiry = ['http500'];
    const outcome = await provider.send(provider.prepare(refundRow()));
    expect(outcome).toMatchObject({ kind: 'not_sent' });
    expect(stub.inquiries).toBe(4);
    expect(stub.creditRequests).toHaveLength(0);
  });

  it('rejects without a credit when the inquiry says the payment is unknown', async () => {
    const outcome = await provider.send(provider.prepare(refundRow({}, { pay_id: OTHER_PAY_ID })));
    expect(outcome).toMatchObject({ kind: 'rejected', code: '21000032' });
    expect(stub.creditRequests).toHaveLength(0);
  });

  it('is not_sent when Paygate cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = makeProvider(`http://127.0.0.1:${port}`);
    expect(await unreachable.send(unreachable.prepare(refundRow()))).toMatchObject({ kind: 'not_sent' });
    expect(await unreachable.queryStatus(refundRow({ state: 'unknown' }))).toMatchObject({
      kind: 'unknown',
      reason: 'unreachable',
    });
    await unreachable.close();
  });

  it('is not_sent once closed', async () => {
    await provider.close();
    expect(await provider.send(provider.prepare(refundRow()))).toMatchObject({ kind: 'not_sent' });
    expect(stub.inquiries).toBe(0);
  });
});

describe('queryStatus', () => {
  it('settles an accepted credit as success from the inquiry amounts, without resending', async () => {
    const sent = await provider.send(provider.prepare(refundRow()));
    expect(sent.kind).toBe('accepted');
    const creditedBefore = sent.kind === 'accepted' ? sent.ledger!.creditedFen : -1;
    const status = await provider.queryStatus(
      refundRow({ state: 'accepted', first_sent_at_ms: Date.now() }, { credited_before_fen: creditedBefore }),
    );
    expect(status).toEqual({
      kind: 'final',
      status: 'success',
      providerStatus: 'OK',
      amountFen: 20_000,
      currency: 'CNY',
      code: null,
      message: null,
      ledger: { reference: PAY_ID, capturedFen: 50_000, creditedFen: 20_000, currency: 'CNY' },
    });
    expect(stub.creditRequests).toHaveLength(1);
  });

  it('never resends a pending credit: it stays pending until the amounts show it', async () => {
    stub.credit = 'pending';
    const sent = await provider.send(provider.prepare(refundRow()));
    expect(sent).toMatchObject({ kind: 'accepted' });
    for (const state of ['accepted', 'pending']) {
      const status = await provider.queryStatus(refundRow({ state }, { credited_before_fen: 0 }));
      expect(status).toMatchObject({
        kind: 'pending',
        providerStatus: 'pending',
        ledger: { creditedFen: 0 },
      });
    }
    expect(stub.creditRequests).toHaveLength(1);
    // Paygate completes it later.
    stub.payments.get(PAY_ID)!.credited = 20_000;
    expect(
      await provider.queryStatus(refundRow({ state: 'pending' }, { credited_before_fen: 0 })),
    ).toMatchObject({
      kind: 'final',
      status: 'success',
    });
    expect(stub.creditRequests).toHaveLength(1);
  });

  it('settles a pending credit that Paygate later failed as a decline, without resending', async () => {
    stub.credit = 'pending';
    const sent = await provider.send(provider.prepare(refundRow()));
    const reference = sent.kind === 'accepted' ? sent.reference : 'none';
    // Paygate settles it as FAILED: the amounts never show it; the last action (its XID) says so.
    stub.lastXid = reference;
    stub.lastStatus = 'FAILED';
    const row = refundRow({ state: 'pending', request_id: reference }, { credited_before_fen: 0 });
    expect(await provider.queryStatus(row)).toMatchObject({
      kind: 'final',
      status: 'decline',
      providerStatus: 'FAILED',
      ledger: { creditedFen: 0 },
    });
    // Another credit's failure says nothing of this one.
    stub.lastXid = 'X-OTHER';
    expect(await provider.queryStatus(row)).toMatchObject({ kind: 'pending' });
    expect(stub.creditRequests).toHaveLength(1);
  });

  it('resends an unknown credit under its ReqId: Paygate returns the original, credited exactly once', async () => {
    stub.credit = 'drop_after_register';
    const sent = await provider.send(provider.prepare(refundRow()));
    expect(sent).toMatchObject({ kind: 'unknown', reason: 'network' });
    expect(stub.creditsCarriedOut).toBe(1);

    stub.credit = 'normal';
    // The crash case: no answer journaled, nothing known of the amount before.
    const status = await provider.queryStatus(
      refundRow({ state: 'sending', first_sent_at_ms: Date.now() - 60_000 }, { credited_before_fen: null }),
    );
    expect(status).toMatchObject({ kind: 'final', status: 'success', code: '00000000' });
    expect(stub.creditRequests).toHaveLength(2);
    expect(stub.creditRequests[1]!.get('reqid')).toBe('REQ-0001');
    expect(stub.creditsCarriedOut).toBe(1);
    expect(stub.payments.get(PAY_ID)!.credited).toBe(20_000);
  });

  it('resends a credit that never arrived, which Paygate then carries out once', async () => {
    const status = await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 }));
    expect(status).toMatchObject({ kind: 'final', status: 'success' });
    expect(stub.creditsCarriedOut).toBe(1);
    // Asked again: the amounts prove it now.
    const again = await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 }));
    expect(again).toMatchObject({ kind: 'final', status: 'success', amountFen: 20_000 });
    expect(stub.creditRequests).toHaveLength(1);
  });

  it('reports the original refusal of a resent credit as a decline', async () => {
    stub.payments.set(PAY_ID, { captured: 10_000, credited: 0 });
    const status = await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 }));
    expect(status).toMatchObject({ kind: 'final', status: 'decline', code: '21000041' });
    expect(stub.creditsCarriedOut).toBe(0);
  });

  it('does not resend while the last action is open at Paygate', async () => {
    stub.lastStatus = 'PENDING';
    const status = await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 }));
    expect(status).toMatchObject({ kind: 'unknown', reason: 'try_later' });
    expect(stub.creditRequests).toHaveLength(0);
  });

  it('never resends a ReqId older than 12 months', async () => {
    const now = Date.UTC(2027, 5, 1);
    const old = makeProvider(baseUrl, { now: () => now });
    const status = await old.queryStatus(
      refundRow(
        { state: 'unknown', first_sent_at_ms: now - 365 * 24 * 3600 * 1000 },
        { credited_before_fen: 0 },
      ),
    );
    expect(status).toEqual({
      kind: 'unknown',
      reason: 'unexpected',
      detail: 'ReqId older than 12 months: not resent; a person decides',
    });
    expect(stub.creditRequests).toHaveLength(0);
    await old.close();
  });

  it('is unknown when the inquiry fails or is wrongly MACed, and sends nothing', async () => {
    stub.inquiry = ['http500'];
    expect(await provider.queryStatus(refundRow({ state: 'unknown' }))).toMatchObject({
      kind: 'unknown',
      reason: 'server_error',
    });
    stub.inquiry = ['garbage'];
    expect(await provider.queryStatus(refundRow({ state: 'unknown' }))).toMatchObject({
      kind: 'unknown',
      reason: 'malformed',
    });
    expect(stub.creditRequests).toHaveLength(0);
  });

  it('is unknown when the resent credit gets no usable answer', async () => {
    stub.credit = 'http500';
    expect(
      await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 })),
    ).toMatchObject({
      kind: 'unknown',
      reason: 'server_error',
    });
    stub.credit = 'bad_mac';
    expect(
      await provider.queryStatus(refundRow({ state: 'unknown' }, { credited_before_fen: 0 })),
    ).toMatchObject({
      kind: 'unknown',
      reason: 'bad_signature',
    });
  });
});

describe('guidance', () => {
  it('is given for Paygate codes and the cap refusal', () => {
    expect(provider.name).toBe('computop');
    expect(provider.guidance?.('REFUND_ABOVE_CAPTURE', 'en')).toMatch(/capture/);
    expect(provider.guidance?.('21000041', 'zh-CN')).toMatch(/退款/);
  });
});
