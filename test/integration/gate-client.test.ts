import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  GateClient,
  GateClientClosedError,
  productionEndpoint,
  type GateClientOptions,
  type GateEndpoint,
} from '../../electron/core/providers/ecommpay/index.js';
import { sign, verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { diffBankLists } from '../../electron/core/banks/diff.js';
import type { StorablePayout, StoredPayout } from '../../electron/core/store/types.js';

const SECRET = 'stub-secret-Kx9!never-shown';
const PAN = '6222021234567890123';
const PAYOUT_PATH = '/v2/payment/chinaunionpay/payout';
const STATUS_PATH = '/v2/payment/status';
const BANKS_PATH = '/v2/info/banks/chinaunionpay/payout/list';

type Json = Record<string, JsonValue>;
interface Received {
  path: string;
  text: string;
  body: Json;
  at: number;
}
/** What the stub does with one request. */
type Reply =
  { status: number; json?: unknown; text?: string; delayMs?: number } | 'destroy' | 'hang' | 'partial';
type Handler = (request: Received) => Reply;

/** A tiny Gate stand-in: counts sockets and requests in flight, and checks every request's signature. */
class Stub {
  server: Server = createServer((req, res) => this.#onRequest(req, res));
  handler: Handler = () => ({ status: 200, json: { status: 'success', request_id: 'r' } });
  received: Received[] = [];
  connections = 0;
  openSockets = new Set<Socket>();
  inFlight = 0;
  maxInFlight = 0;
  badSignatures = 0;

  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(handler: Handler): void {
    this.server.closeAllConnections();
    Object.assign(this, {
      handler,
      received: [],
      connections: 0,
      inFlight: 0,
      maxInFlight: 0,
      badSignatures: 0,
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text) as Json;
      if (!verify(body, SECRET)) this.badSignatures += 1;
      const received = { path: req.url ?? '', text, body, at: performance.now() };
      this.received.push(received);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      const reply = this.handler(received);
      if (reply === 'hang') return;
      if (reply === 'destroy' || reply === 'partial') {
        this.inFlight -= 1;
        // 'partial': the headers and half an acceptance arrive, then the connection drops.
        if (reply === 'partial') res.writeHead(200, { 'Content-Length': '100' }).write('{"status":"succ');
        setTimeout(() => req.socket.destroy(), 5);
        return;
      }
      setTimeout(() => {
        this.inFlight -= 1;
        const payload = reply.text ?? JSON.stringify(reply.json);
        res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(payload);
      }, reply.delayMs ?? 0);
    });
  }
}

function payout(paymentId = 'PO-1'): StoredPayout {
  const fields: StorablePayout = {
    payment_id: paymentId,
    amount_fen: 500000,
    currency: 'CNY',
    card_number: PAN,
    bank_id: 23,
    region_id: 5,
    last_name: '王',
    first_name: '小明',
    customer_id: '',
    phone: '13800138000',
    email: '',
    id_number: '',
    branch: '',
    bank_city: '广州',
    province: '',
    city: '',
    street: '',
    zip: '',
    description: '',
  };
  return fields as StoredPayout; // only the payout fields are read; the store's own columns do not matter here
}

const signedReply = (body: Json): Reply => ({
  status: 200,
  json: { ...body, signature: sign(body, SECRET) },
});
const errorReply = (status: number, code: string, message: string): Reply => ({
  status,
  json: { status: 'error', code, message },
});

const stub = new Stub();
let endpoint: GateEndpoint;
const clients: GateClient[] = [];
/** Every answer any test got, checked at the end for leaks. */
const allAnswers: unknown[] = [];

function client(options: Partial<GateClientOptions> = {}): GateClient {
  const made = new GateClient(endpoint, {
    payoutDefaults: { customerIp: '198.51.100.7', country: 'CN' },
    ...options,
  });
  clients.push(made);
  return made;
}

async function send(gate: GateClient, paymentId = 'PO-1'): Promise<unknown> {
  const answer = await gate.sendPayout('cup-p2p', gate.buildPayoutRequest(payout(paymentId)));
  allAnswers.push(answer);
  return answer;
}

async function status(gate: GateClient, paymentId = 'PO-1'): Promise<unknown> {
  const answer = await gate.queryStatus(paymentId);
  allAnswers.push(answer);
  return answer;
}

beforeAll(async () => {
  endpoint = { ...productionEndpoint(200, SECRET), baseUrl: await stub.start() };
});
afterEach(() => {
  for (const made of clients.splice(0)) made.close();
});
afterAll(async () => {
  await stub.stop();
});

describe('GateClient.sendPayout', () => {
  it('posts a signed payout to the method path and reads the acceptance', async () => {
    stub.reset(({ body }) => ({
      status: 200,
      json: {
        status: 'success',
        request_id: 'req-42',
        project_id: 200,
        payment_id: (body['general'] as Json)['payment_id'],
      },
    }));
    expect(await send(client())).toEqual({ kind: 'accepted', httpStatus: 200, reference: 'req-42' });
    const [request] = stub.received;
    expect(request?.path).toBe(PAYOUT_PATH);
    expect(stub.badSignatures).toBe(0);
    expect(request?.body).toMatchObject({
      general: { project_id: 200, payment_id: 'PO-1' },
      card: { pan: PAN },
    });
  });

  it('sends the same bytes when the same payout is sent again', async () => {
    stub.reset(() => errorReply(400, '3041', 'Payment ID already exists'));
    const gate = client();
    expect(await send(gate)).toEqual({
      kind: 'already_exists',
      httpStatus: 400,
      code: '3041',
      message: 'Payment ID already exists',
    });
    await send(gate);
    expect(stub.received[1]?.text).toBe(stub.received[0]?.text);
  });

  it.each([
    [400, '2004', 'Missing required parameter: customer.first_name'],
    [403, '403', 'IP is not whitelisted'],
    [422, '422', 'Malformed JSON in request body'],
  ])('reads HTTP %i with an error body as rejected', async (httpStatus, code, message) => {
    stub.reset(() => errorReply(httpStatus, code, message));
    expect(await send(client())).toEqual({ kind: 'rejected', httpStatus, code, message });
  });

  it('reads HTTP 500 as unknown server_error', async () => {
    stub.reset(() => errorReply(500, '500', 'Platform unavailable'));
    expect(await send(client())).toMatchObject({ kind: 'unknown', reason: 'server_error', httpStatus: 500 });
  });

  it('reads no answer in time as unknown timeout, and drops that socket', async () => {
    stub.reset(() => 'hang');
    const started = performance.now();
    expect(await send(client({ timeoutMs: 150 }))).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
    // A late answer must never be read as the answer to the next request on the same socket.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stub.connections).toBe(1);
    expect(stub.openSockets.size).toBe(0);
  });

  it.each(['destroy', 'partial'] as const)(
    'reads a dropped connection (%s) as unknown network',
    async (how) => {
      stub.reset(() => how);
      expect(await send(client())).toMatchObject({ kind: 'unknown', reason: 'network' });
    },
  );

  it('masks a card number the provider echoes in a rejection message', async () => {
    stub.reset(() => errorReply(400, '2004', `Invalid parameter card.pan: ${PAN}`));
    expect(await send(client())).toEqual({
      kind: 'rejected',
      httpStatus: 400,
      code: '2004',
      message: 'Invalid parameter card.pan: 622202******0123',
    });
  });

  it('reads a refused connection as not sent: the request never left', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gate = new GateClient(
      { ...endpoint, baseUrl: `http://127.0.0.1:${port}` },
      { payoutDefaults: { customerIp: '198.51.100.7', country: 'CN' } },
    );
    clients.push(gate);
    const answer = await send(gate);
    expect(answer).toMatchObject({ kind: 'not_sent', detail: expect.stringContaining('ECONNREFUSED') });
    expect((answer as { detail: string }).detail).toContain('ECONNREFUSED');
  });

  it('reads malformed JSON as unknown malformed', async () => {
    stub.reset(() => ({ status: 200, text: '{"status":"succ' }));
    expect(await send(client())).toMatchObject({ kind: 'unknown', reason: 'malformed', httpStatus: 200 });
  });
});

describe('GateClient.queryStatus', () => {
  const paymentBody = (paymentStatus: string, code: string, message: string): Json => ({
    project_id: 200,
    payment: { id: 'PO-1', type: 'payout', status: paymentStatus, sum: { amount: 500000, currency: 'CNY' } },
    operations: [
      {
        id: 7001,
        type: 'payout',
        status: paymentStatus,
        code,
        message,
        provider: { id: 1, payment_id: 'p', date: '2025-03-01T10:00:00+0000' },
      },
    ],
    errors: [],
  });

  it('posts a signed status request and reads a signed success', async () => {
    stub.reset(() => signedReply(paymentBody('success', '0', 'Success')));
    expect(await status(client())).toEqual({
      kind: 'final',
      status: 'success',
      providerStatus: 'success',
      code: '0',
      message: 'Success',
      amountFen: 500000,
      currency: 'CNY',
      signatureOrder: 'documented',
    });
    expect(stub.received[0]?.path).toBe(STATUS_PATH);
    expect(stub.received[0]?.body).toEqual({
      general: { project_id: 200, payment_id: 'PO-1', signature: expect.any(String) },
    });
    expect(stub.badSignatures).toBe(0);
  });

  it('reads a signed decline with its operation code', async () => {
    stub.reset(() => signedReply(paymentBody('decline', '20105', 'Insufficient funds on customer account')));
    expect(await status(client())).toMatchObject({
      kind: 'final',
      status: 'decline',
      code: '20105',
      message: 'Insufficient funds on customer account',
    });
  });

  it('reads a signed 3061 as not_found', async () => {
    stub.reset(() =>
      signedReply({
        project_id: 200,
        payment: { id: 'PO-1', status: 'error' },
        operations: [],
        errors: [{ code: '3061', message: 'Transaction not found' }],
      }),
    );
    expect(await status(client())).toEqual({
      kind: 'not_found',
      code: '3061',
      message: 'Transaction not found',
      signatureOrder: 'documented',
    });
  });

  it('never trusts a wrongly signed or unsigned answer', async () => {
    const notFound: Json = {
      payment: { id: 'PO-1', status: 'error' },
      errors: [{ code: '3061', message: 'nf' }],
    };
    stub.reset(() => ({ status: 200, json: { ...notFound, signature: sign(notFound, 'not-the-secret') } }));
    expect(await status(client())).toMatchObject({ kind: 'unknown', reason: 'bad_signature' });
    stub.reset(() => ({ status: 200, json: notFound }));
    expect(await status(client())).toMatchObject({ kind: 'unknown', reason: 'bad_signature' });
  });

  it('reads HTTP 500 as unknown', async () => {
    stub.reset(() => errorReply(500, '500', 'Platform unavailable'));
    expect(await status(client())).toMatchObject({
      kind: 'unknown',
      reason: 'server_error',
      httpStatus: 500,
    });
  });
});

describe('transport', () => {
  it('reuses keep-alive sockets across many sequential requests', async () => {
    stub.reset(() =>
      signedReply({ payment: { id: 'PO-1', status: 'processing' }, operations: [], errors: [] }),
    );
    const gate = client({ concurrency: 4 });
    for (let i = 0; i < 25; i += 1) await status(gate);
    expect(stub.received).toHaveLength(25);
    expect(stub.connections).toBeLessThanOrEqual(2);
  });

  it('never has more requests in flight than its concurrency', async () => {
    stub.reset(() => ({ status: 200, json: { status: 'success', request_id: 'r' }, delayMs: 30 }));
    const gate = client({ concurrency: 3 });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(gate, `PO-${i}`)));
    expect(answers.every((a) => (a as { kind: string }).kind === 'accepted')).toBe(true);
    expect(stub.maxInFlight).toBe(3);
    expect(stub.connections).toBeLessThanOrEqual(3);
  });

  it('respects the request rate', async () => {
    stub.reset(() => ({ status: 200, json: { status: 'success', request_id: 'r' } }));
    const gate = client({ concurrency: 8, requestsPerSecond: 25 }); // one start per 40 ms
    await Promise.all(Array.from({ length: 6 }, (_, i) => send(gate, `PO-${i}`)));
    const span = (stub.received.at(-1)?.at ?? 0) - (stub.received[0]?.at ?? 0);
    expect(span).toBeGreaterThanOrEqual(5 * 40 - 10);
    expect(span).toBeLessThan(5 * 40 + 300);
  });

  it('after close(), refuses to send and says so', async () => {
    const gate = client();
    gate.close();
    await expect(gate.queryStatus('PO-1')).rejects.toBeInstanceOf(GateClientClosedError);
  });
});

describe('GateClient.fetchBankList', () => {
  it('posts a signed bank-list request and diffs the answer with the shipped table', async () => {
    stub.reset(() => ({
      status: 200,
      json: [
        {
          id: 6,
          name: 'Bank of China',
          nativeName: '中国银行',
          abbr: 'BOC',
          currency: 'CNY',
          min_amount: 1000,
          max_amount: 4499900,
        },
        { id: 23, name: 'Industrial and Commercial Bank of China', limits: { min: 1000, max: 4499900 } },
        { id: 77777, name: 'New Village Bank' },
      ],
    }));
    const gate = client({ now: () => 1_700_000_000_000 });
    const answer = await gate.fetchBankList('cup-p2p', 5000);
    allAnswers.push(answer);
    expect(answer).toMatchObject({ ok: true, skipped: 0 });
    if (!answer.ok) throw new Error(answer.detail);
    expect(answer.banks[0]).toEqual({
      id: 6,
      name: 'Bank of China',
      nativeName: '中国银行',
      abbr: 'BOC',
      currency: 'CNY',
      minAmount: 1000,
      maxAmount: 4499900,
    });
    expect(answer.banks[1]).toMatchObject({ minAmount: 1000, maxAmount: 4499900 });

    const [request] = stub.received;
    expect(request?.path).toBe(BANKS_PATH);
    expect(stub.badSignatures).toBe(0);
    expect(request?.body['payment']).toEqual({ amount: 5000, currency: 'CNY' });
    expect((request?.body['general'] as Json)['payment_id']).toMatch(/^banklist-1700000000000-/);

    const shipped = [
      { id: 6, name: 'Bank Of China' },
      { id: 23, name: 'Industrial and Commercial Bank of China' },
      { id: 18, name: 'Jiangxi Sheng' },
    ];
    expect(diffBankLists(shipped, answer.banks)).toEqual({
      added: [{ id: 77777, name: 'New Village Bank' }],
      removed: [{ id: 18, name: 'Jiangxi Sheng' }],
      renamed: [{ id: 6, from: 'Bank Of China', to: 'Bank of China' }],
    });
  });

  it('reports a refused bank list as a detail', async () => {
    stub.reset(() => errorReply(400, '3261', 'Signature is invalid'));
    const answer = await client().fetchBankList('cup-p2p');
    allAnswers.push(answer);
    expect(answer).toEqual({ ok: false, detail: expect.stringContaining('3261') });
  });
});

describe('secrets', () => {
  it('no answer, and no client, shows the secret key or a full card number', () => {
    expect(allAnswers.length).toBeGreaterThan(20);
    const everything = JSON.stringify(allAnswers);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(PAN);
    const gate = client();
    expect(inspect(gate, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(gate)).not.toContain(SECRET);
  });
});
