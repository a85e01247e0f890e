import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { postJson, signedPayoutBody } from '../../electron/sandbox/testing.js';

// The Data API (/v1/operations/get): signature both ways, filters and pagination.

const START = Date.UTC(2024, 2, 1, 10, 0, 0);
let clock = START;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ finalAfterMs: 1000, now: () => clock });
  // Five payouts a minute apart; the third declines; the first is later reversed.
  const amounts = [10000, 20000, 40000, 30000, 50000];
  for (const [i, amount] of amounts.entries()) {
    clock = START + i * 60_000;
    const body = signedPayoutBody({ projectId: 200, paymentId: `d-${i + 1}`, amount }, sandbox.secretKey);
    expect((await postJson(sandbox.url + '/v2/payment/chinaunionpay/payout', body)).status).toBe(200);
  }
  clock = START + 10 * 60_000;
  expect((await postJson(sandbox.url + '/__sandbox/reverse', { payment_id: 'd-1' })).status).toBe(200);
  clock = START + 60 * 60_000;
});
afterAll(() => sandbox.close());

function query(extra: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  const body: Record<string, JsonValue> = {
    token: sandbox.dataApiToken,
    project_id: [200],
    interval: { from: '2024-03-01 00:00:00', to: '2024-03-01 23:59:59' },
    limit: 1000,
    offset: 0,
    ...extra,
  };
  return { ...body, signature: sign(body, sandbox.dataApiSecret) };
}

async function operations(extra: Record<string, JsonValue> = {}) {
  const answer = await postJson(sandbox.url + '/v1/operations/get', query(extra));
  expect(answer.status).toBe(200);
  const body = answer.json as Record<string, JsonValue>;
  expect(verify(body, sandbox.dataApiSecret)).toBe(true);
  return body['operations'] as Array<Record<string, JsonValue>>;
}

describe('sandbox Data API', () => {
  it('lists every operation with Data API fields, oldest first', async () => {
    const all = await operations();
    expect(all.map((op) => `${op['payment_id']}/${op['operation_type']}/${op['operation_status']}`)).toEqual([
      'd-1/payout/success',
      'd-2/payout/success',
      'd-3/payout/decline',
      'd-4/payout/success',
      'd-5/payout/success',
      'd-1/reversal/success',
    ]);
    expect(all[2]).toEqual({
      project_id: '200',
      operation_id: expect.stringMatching(/^\d{14}$/),
      payment_id: 'd-3',
      operation_type: 'payout',
      operation_status: 'decline',
      account_number: '621661******6793',
      payment_method_name: 'China UnionPay',
      payment_description: 'sandbox test',
      operation_created_at: '2024-03-01T10:02:00+00:00',
      operation_completed_at: '2024-03-01T10:02:01+00:00',
      provider_date: '2024-03-01T10:02:01+00:00',
      sum_initial: { amount: 40000, currency: 'CNY' },
      sum_converted: { amount: 40000, currency: 'CNY' },
      payment_provider_code: '20105',
      payment_provider_message: 'Insufficient funds on customer account',
    });
  });

  it('paginates with limit and offset', async () => {
    const all = await operations();
    const pages = [
      await operations({ limit: 2, offset: 0 }),
      await operations({ limit: 2, offset: 2 }),
      await operations({ limit: 2, offset: 4 }),
    ];
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(pages.flat()).toEqual(all);
    expect(await operations({ limit: 2, offset: 6 })).toEqual([]);
  });

  it('filters by interval (inclusive, whole seconds), type, status and fields', async () => {
    const window = await operations({ interval: { from: '2024-03-01 10:01:00', to: '2024-03-01 10:03:00' } });
    expect(window.map((op) => op['payment_id'])).toEqual(['d-2', 'd-3', 'd-4']);
    const declines = await operations({ operation_status: 'decline' });
    expect(declines.map((op) => op['payment_id'])).toEqual(['d-3']);
    const reversals = await operations({ operation_type: ['reversal'] });
    expect(reversals.map((op) => op['payment_id'])).toEqual(['d-1']);
    const slim = await operations({ fields: ['payment_id', 'operation_status'], limit: 1 });
    expect(slim).toEqual([{ payment_id: 'd-1', operation_status: 'success' }]);
    expect(await operations({ project_id: [999] })).toEqual([]);
  });

  it('shows processing operations without a completion time', async () => {
    clock = START + 20 * 60_000;
    const body = signedPayoutBody({ projectId: 200, paymentId: 'd-late' }, sandbox.secretKey);
    await postJson(sandbox.url + '/v2/payment/chinaunionpay/payout', body);
    const late = (await operations()).find((op) => op['payment_id'] === 'd-late');
    expect(late).toMatchObject({ operation_status: 'processing', operation_completed_at: null });
    clock = START + 60 * 60_000;
  });

  it('refuses bad signatures, tokens and parameters', async () => {
    const url = sandbox.url + '/v1/operations/get';
    const unsigned = { ...query(), signature: undefined };
    expect(((await postJson(url, unsigned)).json as { code: string }).code).toBe('3262');
    expect(((await postJson(url, { ...query(), limit: 5 })).json as { code: string }).code).toBe('3261');

    const badToken: Record<string, JsonValue> = { ...query(), token: 'nope' };
    delete badToken['signature'];
    const tokenAnswer = await postJson(url, {
      ...badToken,
      signature: sign(badToken, sandbox.dataApiSecret),
    });
    expect(tokenAnswer.status).toBe(401);

    const badParameters: Array<Record<string, JsonValue>> = [
      { limit: 1001 },
      { limit: 0 },
      { offset: -1 },
      { interval: { from: 'yesterday', to: 'today' } },
      { tz: 'Asia/Shanghai' },
    ];
    for (const extra of badParameters) {
      const answer = await postJson(url, query(extra));
      expect([answer.status, (answer.json as { code: string }).code]).toEqual([400, '2004']);
    }
    expect((await postJson(url, '{')).status).toBe(422);
  });
});
