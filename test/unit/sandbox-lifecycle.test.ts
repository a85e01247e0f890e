import { describe, expect, it } from 'vitest';
import { viewPayment } from '../../electron/sandbox/lifecycle.js';
import type { PaymentRecord } from '../../electron/sandbox/store.js';
import { dataApiDate, gateDate, parseRequestDate } from '../../electron/sandbox/time.js';

const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);

function record(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    payment_id: 'p',
    method: 'cup-p2p',
    amount: 10000,
    currency: 'CNY',
    description: '',
    account_number: '621661******6793',
    customer_id: '',
    bank_id: 1,
    region_id: 2,
    attempt: 1,
    request_id: 'r',
    operation_id: 45343000000001,
    registered_at: T0,
    final_at: T0 + 2000,
    override_status: null,
    override_at: null,
    override_code: null,
    override_message: null,
    reversal_operation_id: null,
    ...overrides,
  };
}

describe('sandbox payment lifecycle', () => {
  it('is processing before final_at and final from it on', () => {
    expect(viewPayment(record(), T0 + 1999, 200).status).toBe('processing');
    const final = viewPayment(record(), T0 + 2000, 200);
    expect(final.status).toBe('success');
    expect(final.updated_at).toBe(T0 + 2000);
    expect(final.operations[0]).toMatchObject({ status: 'success', code: '0', completed: true });
  });

  it.each([
    [40000, 'decline'],
    [40400, 'decline'],
    [39999, 'success'],
    [40001, 'success'],
    [4040, 'success'],
  ])('amount %i ends %s', (amount, status) => {
    expect(viewPayment(record({ amount }), T0 + 5000, 200).status).toBe(status);
  });

  it('shows an error override at once, with its code', () => {
    const view = viewPayment(
      record({
        override_status: 'error',
        override_at: T0 + 10,
        override_code: '3028',
        override_message: 'm',
      }),
      T0 + 20,
      200,
    );
    expect(view.status).toBe('error');
    expect(view.operations).toHaveLength(1);
    expect(view.operations[0]).toMatchObject({
      status: 'error',
      code: '3028',
      message: 'm',
      updated_at: T0 + 10,
    });
  });

  it('adds a reversal operation to a reversed success', () => {
    const view = viewPayment(
      record({ override_status: 'reversed', override_at: T0 + 9000, reversal_operation_id: 45343000000002 }),
      T0 + 10000,
      200,
    );
    expect(view.status).toBe('reversed');
    expect(view.operations.map((op) => [op.type, op.status, op.id])).toEqual([
      ['payout', 'success', 45343000000001],
      ['reversal', 'success', 45343000000002],
    ]);
  });
});

describe('sandbox dates', () => {
  it('formats Gate and Data API dates in UTC', () => {
    const ms = Date.UTC(2019, 7, 28, 8, 44, 51, 999);
    expect(gateDate(ms)).toBe('2019-08-28T08:44:51+0000');
    expect(dataApiDate(ms)).toBe('2019-08-28T08:44:51+00:00');
  });

  it('parses Data API interval bounds', () => {
    expect(parseRequestDate('2024-03-01 10:00:00')).toBe(Date.UTC(2024, 2, 1, 10));
    expect(parseRequestDate('2024-03-01T10:00:00Z')).toBe(Date.UTC(2024, 2, 1, 10));
    expect(parseRequestDate('2024-03-01T10:00:00+00:00')).toBe(Date.UTC(2024, 2, 1, 10));
    expect(parseRequestDate('2024-02-30 10:00:00')).toBeNull();
    expect(parseRequestDate('2024-03-01T10:00:00+08:00')).toBeNull();
    expect(parseRequestDate('yesterday')).toBeNull();
  });
});
