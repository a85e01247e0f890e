import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest, verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { BANK_LIST_LIMIT_KEYS, startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { postJson, signedPayoutBody, signedStatusBody } from '../../electron/sandbox/testing.js';

// Status answers, the processing → final lifecycle, reversal and the bank list, with a controllable clock.

const START = Date.UTC(2024, 4, 20, 8, 30, 0);
const FINAL_AFTER = 2000;
let clock = START;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ finalAfterMs: FINAL_AFTER, now: () => clock });
});
afterAll(() => sandbox.close());

interface StatusBody {
  payment: { id: string; status: string; date?: string };
  operations: Array<{ id: number; type: string; status: string; code: string; message: string }>;
  [key: string]: unknown;
}

async function register(paymentId: string, amount: number) {
  const body = signedPayoutBody({ projectId: 200, paymentId, amount }, sandbox.secretKey);
  const answer = await postJson(sandbox.url + '/v2/payment/chinaunionpay/payout', body);
  expect(answer.status).toBe(200);
  return answer.json as { request_id: string };
}

async function status(paymentId: string) {
  const answer = await postJson(
    sandbox.url + '/v2/payment/status',
    signedStatusBody(200, paymentId, sandbox.secretKey),
  );
  expect(answer.status).toBe(200);
  const body = answer.json as Record<string, JsonValue>;
  expect(verify(body, sandbox.secretKey)).toBe(true);
  return body as unknown as StatusBody;
}

describe('sandbox status', () => {
  it('is processing until finalAfterMs, then success, with the documented shape', async () => {
    clock = START;
    const { request_id } = await register('st-ok', 48560);
    const processing = await status('st-ok');
    expect(processing.payment).toMatchObject({ id: 'st-ok', type: 'payout', status: 'processing' });
    expect(processing.operations[0]).toMatchObject({ status: 'processing', code: '9999' });

    clock = START + FINAL_AFTER - 1;
    expect((await status('st-ok')).payment.status).toBe('processing');

    clock = START + FINAL_AFTER;
    const final = await status('st-ok');
    const operationId = final.operations[0]?.id;
    expect(final).toEqual({
      project_id: 200,
      payment: {
        id: 'st-ok',
        type: 'payout',
        status: 'success',
        date: '2024-05-20T08:30:02+0000',
        method: 'ChinaUnionPay',
        sum: { amount: 48560, currency: 'CNY' },
        description: 'sandbox test',
      },
      operations: [
        {
          id: operationId,
          type: 'payout',
          status: 'success',
          date: '2024-05-20T08:30:02+0000',
          created_date: '2024-05-20T08:30:00+0000',
          request_id,
          sum_initial: { amount: 48560, currency: 'CNY' },
          sum_converted: { amount: 48560, currency: 'CNY' },
          provider: {
            id: 1321,
            payment_id: `1${operationId}`,
            date: '2024-05-20T08:30:02+0000',
            auth_code: '',
          },
          code: '0',
          message: 'Success',
        },
      ],
      errors: [],
      signature: expect.any(String),
    });
    expect(Number.isSafeInteger(operationId)).toBe(true);
  });

  it.each([
    [40000, '20105', 'Insufficient funds on customer account'],
    [40400, '20106', 'Customer account is no longer available'],
  ])('declines amount %i with %s', async (amount, code, message) => {
    clock = START;
    await register(`st-decline-${amount}`, amount);
    clock = START + FINAL_AFTER;
    const final = await status(`st-decline-${amount}`);
    expect(final.payment.status).toBe('decline');
    expect(final.operations[0]).toMatchObject({ status: 'decline', code, message });
  });

  it('answers 200, signed, with 3061 for an unknown payment', async () => {
    const body = await status('never-sent');
    expect(body).toEqual({
      project_id: 200,
      payment: { id: 'never-sent', status: 'error' },
      operations: [],
      errors: [{ code: '3061', message: 'Transaction not found' }],
      signature: expect.any(String),
    });
  });

  it('checks the request signature (3262, 3261) and the payment id (2004)', async () => {
    const url = sandbox.url + '/v2/payment/status';
    const missing = await postJson(url, { general: { project_id: 200, payment_id: 'x' } });
    expect([missing.status, (missing.json as { code: string }).code]).toEqual([400, '3262']);
    const wrong = await postJson(url, signRequest({ general: { project_id: 200, payment_id: 'x' } }, 'nope'));
    expect([wrong.status, (wrong.json as { code: string }).code]).toEqual([400, '3261']);
    const noId = await postJson(url, signRequest({ general: { project_id: 200 } }, sandbox.secretKey));
    expect([noId.status, (noId.json as { code: string }).code]).toEqual([400, '2004']);
    const garbage = await postJson(url, 'not json');
    expect(garbage.status).toBe(422);
  });

  it('reverses a success on request; only a success', async () => {
    clock = START;
    await register('st-rev', 12345);
    const early = await postJson(sandbox.url + '/__sandbox/reverse', { payment_id: 'st-rev' });
    expect(early.status).toBe(409);

    clock = START + FINAL_AFTER + 60_000;
    const reversed = await postJson(sandbox.url + '/__sandbox/reverse', { payment_id: 'st-rev' });
    expect(reversed.json).toEqual({ status: 'success', payment_id: 'st-rev', payment_status: 'reversed' });
    const body = await status('st-rev');
    expect(body.payment).toMatchObject({ status: 'reversed', date: '2024-05-20T08:31:02+0000' });
    expect(body.operations.map((op) => [op.type, op.status])).toEqual([
      ['payout', 'success'],
      ['reversal', 'success'],
    ]);
    expect(sandbox.ledger().find((e) => e.payment_id === 'st-rev')?.status).toBe('reversed');
    expect((await postJson(sandbox.url + '/__sandbox/reverse', { payment_id: 'st-rev' })).status).toBe(409);
    expect((await postJson(sandbox.url + '/__sandbox/reverse', { payment_id: 'none' })).status).toBe(404);
  });
});

describe('sandbox bank list', () => {
  const listBody = () =>
    signRequest(
      {
        general: { project_id: 200, payment_id: 'any-unique-id' },
        payment: { amount: 100000, currency: 'CNY' },
      },
      sandbox.secretKey,
    );

  it('lists the banks of each method as an unsigned array', async () => {
    const p2p = await postJson(sandbox.url + '/v2/info/banks/chinaunionpay/payout/list', listBody());
    expect(p2p.status).toBe(200);
    const banks = p2p.json as Array<Record<string, unknown>>;
    expect(banks).toHaveLength(169);
    expect(banks[0]).toEqual({
      id: 1,
      name: 'Agricultural Bank Of China',
      nativeName: 'Agricultural Bank Of China',
      abbr: '',
      currency: 'CNY',
      limits: { [BANK_LIST_LIMIT_KEYS.min]: 1000, [BANK_LIST_LIMIT_KEYS.max]: 4499900 },
    });
    const quick = await postJson(sandbox.url + '/v2/info/banks/cup-quickpay/payout/list', listBody());
    expect(quick.json).toHaveLength(18);
    const banksMethod = await postJson(sandbox.url + '/v2/info/banks/cup-banks/payout/list', listBody());
    expect((banksMethod.json as Array<{ limits: Record<string, number> }>)[0]?.limits).toEqual({
      min_amount: 10000,
      max_amount: 4999900,
    });
  });

  it('checks the signature', async () => {
    const body = { ...listBody(), general: { project_id: 200, payment_id: 'x', signature: 'AAAA' } };
    const answer = await postJson(sandbox.url + '/v2/info/banks/chinaunionpay/payout/list', body);
    expect([answer.status, (answer.json as { code: string }).code]).toEqual([400, '3261']);
  });
});
