import { describe, expect, it } from 'vitest';
import { parseBankListAnswer } from '../../electron/core/providers/ecommpay/bankList.js';
import { diffBankLists } from '../../electron/core/banks/diff.js';
import { classifyPayoutAnswer } from '../../electron/core/providers/ecommpay/payoutAnswer.js';
import { redact } from '../../electron/core/providers/redact.js';
import { sign, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { classifyStatusAnswer } from '../../electron/core/providers/ecommpay/statusAnswer.js';

const SECRET = 'answers-secret';
const PID = 'PO-1';

const reply = (status: number, body: unknown): { status: number; bodyText: string } => ({
  status,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
});
const signed = (body: Record<string, JsonValue>, secret = SECRET): Record<string, JsonValue> => ({
  ...body,
  signature: sign(body, secret),
});

describe('classifyPayoutAnswer', () => {
  it('reads an acceptance (unsigned) as accepted', () => {
    const answer = classifyPayoutAnswer(
      reply(200, { status: 'success', request_id: 'r-1', project_id: 200, payment_id: PID }),
      PID,
    );
    expect(answer).toEqual({ kind: 'accepted', httpStatus: 200, reference: 'r-1' });
  });

  it('reads 3041 as already_exists whatever the HTTP status', () => {
    for (const status of [400, 200, 409, 500]) {
      const answer = classifyPayoutAnswer(
        reply(status, { status: 'error', code: 3041, message: 'exists' }),
        PID,
      );
      expect(answer).toEqual({ kind: 'already_exists', httpStatus: status, code: '3041', message: 'exists' });
    }
  });

  it('reads 4xx error bodies as rejected, keeping code and message', () => {
    for (const [status, code] of [
      [400, '2004'],
      [403, '403'],
      [422, '422'],
      [404, '404'],
    ] as const) {
      const answer = classifyPayoutAnswer(reply(status, { status: 'error', code, message: `m${code}` }), PID);
      expect(answer).toEqual({ kind: 'rejected', httpStatus: status, code, message: `m${code}` });
    }
  });

  it('reads 408 and 429 as "try later": unknown, settled by a status query, keeping the code', () => {
    for (const status of [408, 429]) {
      const answer = classifyPayoutAnswer(
        reply(status, { status: 'error', code: String(status), message: 'later' }),
        PID,
      );
      expect(answer).toMatchObject({
        kind: 'unknown',
        reason: 'try_later',
        httpStatus: status,
        code: String(status),
      });
    }
  });

  it('reads everything else as unknown', () => {
    const cases: Array<[{ status: number; bodyText: string }, string]> = [
      [reply(500, { status: 'error', code: '500', message: 'Platform unavailable' }), 'server_error'],
      [reply(502, '<html>bad gateway</html>'), 'server_error'],
      [reply(200, '{"status":"succ'), 'malformed'],
      [reply(400, '<html>nope</html>'), 'malformed'],
      [reply(200, { status: 'error', code: '2004', message: 'x' }), 'unexpected'],
      [reply(200, { ok: true }), 'unexpected'],
      [reply(200, { status: 'success', payment_id: 'someone-else' }), 'unexpected'],
      [reply(403, { hello: 'world' }), 'unexpected'],
      [reply(302, {}), 'unexpected'],
    ];
    for (const [result, reason] of cases) {
      expect(classifyPayoutAnswer(result, PID)).toMatchObject({
        kind: 'unknown',
        reason,
        httpStatus: result.status,
      });
    }
    expect(classifyPayoutAnswer({ error: 'timeout', detail: 'slow' }, PID)).toEqual({
      kind: 'unknown',
      reason: 'timeout',
      detail: 'slow',
    });
  });

  it('masks a card number the provider echoes in a message', () => {
    const answer = classifyPayoutAnswer(
      reply(400, { status: 'error', code: '2004', message: 'bad card 6222021234567890123' }),
      PID,
    );
    expect(answer).toMatchObject({ kind: 'rejected', message: 'bad card 622202******0123' });
  });
});

describe('classifyStatusAnswer', () => {
  const payment = (status: string): Record<string, JsonValue> => ({
    project_id: 200,
    payment: { id: PID, type: 'payout', status, sum: { amount: 5000, currency: 'CNY' } },
    operations: [
      { id: 11, type: 'payout', status: 'decline', code: '100', message: 'first try' },
      {
        id: 12,
        type: 'payout',
        status,
        code: '20105',
        message: 'Insufficient funds',
        provider: { date: '2025-03-01T10:00:00+0000' },
      },
      { id: 13, type: 'refund', status: 'success', code: '0', message: 'other op' },
    ],
    errors: [],
  });

  it('reads a verified final payment, taking the last payout operation, with amount and currency', () => {
    expect(classifyStatusAnswer(reply(200, signed(payment('decline'))), PID, SECRET)).toEqual({
      kind: 'final',
      status: 'decline',
      providerStatus: 'decline',
      code: '20105',
      message: 'Insufficient funds',
      amountFen: 5000,
      currency: 'CNY',
      signatureOrder: 'documented',
    });
  });

  it("reads each of ecommpay's final statuses as final, and any other status as pending", () => {
    for (const status of ['success', 'decline', 'error', 'partially_paid_out', 'reversed'])
      expect(classifyStatusAnswer(reply(200, signed(payment(status))), PID, SECRET)).toMatchObject({
        kind: 'final',
        status,
      });
    for (const status of ['processing', 'awaiting clarification', 'awaiting retry', 'something new'])
      expect(classifyStatusAnswer(reply(200, signed(payment(status))), PID, SECRET)).toMatchObject({
        kind: 'pending',
        providerStatus: status,
      });
  });

  it('reads a payment without operations with null details', () => {
    const body = signed({ payment: { id: PID, status: 'processing' }, operations: [], errors: [] });
    expect(classifyStatusAnswer(reply(200, body), PID, SECRET)).toMatchObject({
      kind: 'pending',
      providerStatus: 'processing',
      code: null,
      amountFen: null,
    });
  });

  it('reads verified 3061 as not_found and 3062 as not_found_yet (never evidence of absence)', () => {
    for (const [code, kind] of [
      ['3061', 'not_found'],
      [3062, 'not_found_yet'],
    ] as const) {
      const body = signed({ payment: { id: PID, status: 'error' }, errors: [{ code, message: 'nf' }] });
      expect(classifyStatusAnswer(reply(200, body), PID, SECRET)).toEqual({
        kind,
        code: String(code),
        message: 'nf',
        signatureOrder: 'documented',
      });
    }
  });

  it('never trusts an answer whose signature does not verify', () => {
    const notFound = { payment: { id: PID, status: 'error' }, errors: [{ code: '3061', message: 'nf' }] };
    for (const body of [notFound, signed(notFound, 'forged'), { ...signed(notFound), errors: [] }]) {
      expect(classifyStatusAnswer(reply(200, body), PID, SECRET)).toMatchObject({
        kind: 'unknown',
        reason: 'bad_signature',
      });
    }
    // A float makes the body unsignable: still bad_signature, not an exception.
    const withFloat = { ...notFound, rate: 6.5, signature: 'x' };
    expect(classifyStatusAnswer(reply(200, withFloat), PID, SECRET)).toMatchObject({
      reason: 'bad_signature',
    });
  });

  it('reads other answers as unknown', () => {
    expect(classifyStatusAnswer(reply(500, 'oops'), PID, SECRET)).toMatchObject({ reason: 'server_error' });
    expect(classifyStatusAnswer(reply(200, 'oops'), PID, SECRET)).toMatchObject({ reason: 'malformed' });
    expect(
      classifyStatusAnswer(reply(400, { status: 'error', code: '3261', message: 'bad sig' }), PID, SECRET),
    ).toMatchObject({ kind: 'unknown', reason: 'rejected', code: '3261', httpStatus: 400 });
    expect(classifyStatusAnswer(reply(200, signed({ foo: 'bar' })), PID, SECRET)).toMatchObject({
      reason: 'unexpected',
    });
    expect(classifyStatusAnswer(reply(200, signed(payment('success'))), 'PO-2', SECRET)).toMatchObject({
      reason: 'unexpected',
    });
    expect(classifyStatusAnswer({ error: 'network', detail: 'ECONNRESET' }, PID, SECRET)).toMatchObject({
      reason: 'network',
    });
  });
});

describe('classifyStatusAnswer: long operations[] and the signature order', () => {
  /** A payment retried 11 times: 12 payout operations, the last one the outcome. */
  const retried = (): Record<string, JsonValue> => ({
    project_id: 200,
    payment: { id: PID, type: 'payout', status: 'decline', sum: { amount: 5000, currency: 'CNY' } },
    operations: Array.from({ length: 12 }, (_, i) => ({
      id: 100 + i,
      type: 'payout',
      status: 'decline',
      code: i === 11 ? '20105' : '20602',
      message: i === 11 ? 'Insufficient funds' : 'Time-out',
    })),
    errors: [],
  });
  const signedIn = (order: 'documented' | 'sdk-numeric'): Record<string, JsonValue> => ({
    ...retried(),
    signature: sign(retried(), SECRET, order),
  });

  it('reads an answer with 12 operations signed in the SDKs’ order, recording that order', () => {
    expect(classifyStatusAnswer(reply(200, signedIn('sdk-numeric')), PID, SECRET)).toEqual({
      kind: 'final',
      status: 'decline',
      providerStatus: 'decline',
      code: '20105',
      message: 'Insufficient funds',
      amountFen: 5000,
      currency: 'CNY',
      signatureOrder: 'sdk-numeric',
    });
  });

  it('reads the same answer signed in the documented order as documented', () => {
    expect(classifyStatusAnswer(reply(200, signedIn('documented')), PID, SECRET)).toMatchObject({
      kind: 'final',
      code: '20105',
      signatureOrder: 'documented',
    });
  });

  it('never trusts a tampered long answer, whichever order it was signed in', () => {
    for (const order of ['documented', 'sdk-numeric'] as const) {
      const body = signedIn(order);
      const operations = (body['operations'] as Array<Record<string, JsonValue>>).map((op) => ({ ...op }));
      operations[11] = { ...operations[11], status: 'success', code: '0' };
      const answer = classifyStatusAnswer(reply(200, { ...body, operations }), PID, SECRET);
      expect(answer).toMatchObject({ kind: 'unknown', reason: 'bad_signature' });
      expect(answer).not.toHaveProperty('signatureOrder');
    }
  });
});

describe('classifyStatusAnswer: one operation object (callback style)', () => {
  // Seed 000's declined payout callback: `operation` is an object, not an array.
  const callback = (operation: Record<string, JsonValue> | undefined): Record<string, JsonValue> => ({
    project_id: 200,
    payment: {
      id: PID,
      type: 'payout',
      status: 'decline',
      date: '2019-03-22T14:02:44+0000',
      method: 'ChinaUnionPay',
      sum: { amount: 48560, currency: 'CNY' },
      description: '',
    },
    account: { number: '621661******6993' },
    customer: { id: '1' },
    ...(operation ? { operation } : {}),
  });
  const declined = {
    id: 32988000000665,
    type: 'payout',
    status: 'decline',
    sum_initial: { amount: 48560, currency: 'CNY' },
    provider: { id: 1191, payment_id: '6UBPgonfNE4kjjPB6HoV5pjTdBo34Lni', auth_code: '' },
    code: '20106',
    message: 'Customer account is no longer available',
  };

  it('reads the code and message of a single payout operation', () => {
    expect(classifyStatusAnswer(reply(200, signed(callback(declined))), PID, SECRET)).toEqual({
      kind: 'final',
      status: 'decline',
      providerStatus: 'decline',
      code: '20106',
      message: 'Customer account is no longer available',
      amountFen: 48560,
      currency: 'CNY',
      signatureOrder: 'documented',
    });
  });

  it('verifies a callback signed in general.signature as well', () => {
    const body = callback(declined);
    const answer = { ...body, general: { signature: sign(body, SECRET) } };
    expect(classifyStatusAnswer(reply(200, answer), PID, SECRET)).toMatchObject({ code: '20106' });
  });

  it('ignores a single operation of another type, and prefers operations[] when both are there', () => {
    const refund = { ...declined, type: 'refund', code: '0' };
    expect(classifyStatusAnswer(reply(200, signed(callback(refund))), PID, SECRET)).toMatchObject({
      kind: 'final',
      code: null,
      message: null,
    });
    const both = {
      ...callback(declined),
      operations: [{ id: 1, type: 'payout', status: 'decline', code: '20102', message: 'wrong data' }],
    };
    expect(classifyStatusAnswer(reply(200, signed(both)), PID, SECRET)).toMatchObject({ code: '20102' });
  });
});

describe('parseBankListAnswer', () => {
  it('reads banks leniently, whatever the limit keys are called', () => {
    const answer = parseBankListAnswer(
      reply(200, [
        {
          id: 1,
          name: 'Agricultural Bank Of China',
          nativeName: '中国农业银行',
          abbr: 'ABC',
          min_amount: 1000,
          max_amount: 4499900,
        },
        { id: '23', name: 'ICBC', currency: 'CNY', limits: { minAmount: 500, maxAmount: 900 }, terminal: 7 },
        { id: 5, name: 'Bank of Beijing', abbr: '' },
        { id: 'x', name: 'no id' },
        { id: 9 },
        'junk',
      ]),
    );
    expect(answer).toEqual({
      ok: true,
      skipped: 3,
      banks: [
        {
          id: 1,
          name: 'Agricultural Bank Of China',
          nativeName: '中国农业银行',
          abbr: 'ABC',
          minAmount: 1000,
          maxAmount: 4499900,
        },
        { id: 23, name: 'ICBC', currency: 'CNY', minAmount: 500, maxAmount: 900 },
        { id: 5, name: 'Bank of Beijing' },
      ],
    });
  });

  it('reports failures as details', () => {
    expect(parseBankListAnswer(reply(200, { nope: 1 }))).toMatchObject({ ok: false });
    expect(parseBankListAnswer(reply(400, { status: 'error', code: '3261', message: 'bad sig' }))).toEqual({
      ok: false,
      detail: expect.stringContaining('3261'),
    });
    expect(parseBankListAnswer({ error: 'timeout', detail: 'slow' })).toEqual({
      ok: false,
      detail: 'timeout: slow',
    });
  });
});

describe('diffBankLists', () => {
  it('compares by id: added, removed, renamed, sorted by id', () => {
    const shipped = [
      { id: 340, name: 'Luzhou Bank' },
      { id: 391, name: 'Luzhou Bank' },
      { id: 6, name: 'Bank Of China' },
      { id: 18, name: 'Jiangxi Sheng' },
    ];
    const fetched = [
      { id: 6, name: 'Bank of China' },
      { id: 391, name: ' Luzhou  Bank ' },
      { id: 340, name: 'Luzhou Bank' },
      { id: 99, name: 'New Bank' },
      { id: 7, name: 'Bank Of Chengdu' },
    ];
    expect(diffBankLists(shipped, fetched)).toEqual({
      added: [
        { id: 7, name: 'Bank Of Chengdu' },
        { id: 99, name: 'New Bank' },
      ],
      removed: [{ id: 18, name: 'Jiangxi Sheng' }],
      renamed: [{ id: 6, from: 'Bank Of China', to: 'Bank of China' }],
    });
  });
});

describe('redact', () => {
  it('masks card-like digit runs and cuts the secret out', () => {
    expect(redact('card 6222 0212 3456 7890 and key s3cr3t-k3y!', 's3cr3t-k3y!')).toBe(
      'card 622202******7890 and key [redacted]',
    );
    expect(redact('order 12345 at 2025-03-01')).toBe('order 12345 at 2025-03-01');
  });
});
