import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalSeal, sealDifference } from '../../electron/core/submission/approvalSeal.js';
import type { ApprovalSeal, PayableRow } from '../../electron/core/store/types.js';

function payout(id: number, overrides: Partial<PayableRow> = {}): PayableRow {
  return {
    id,
    payment_id: `PO-${id}`,
    amount_fen: 100_00 * id,
    currency: 'CNY',
    card_number: '6222020200112233445',
    bank_id: 1,
    region_id: 11,
    last_name: 'Zhang',
    first_name: 'Wei',
    customer_id: `C-${id}`,
    phone: '13800000000',
    email: 'wei@example.cn',
    id_number: '110101199003071234',
    branch: 'Chaoyang',
    bank_city: 'Beijing',
    province: '北京市',
    city: 'Beijing',
    street: 'Chang’an Avenue 1',
    zip: '100000',
    description: 'Payout',
    ...overrides,
  };
}

const batch = [payout(1), payout(2), payout(3)];

/** Every payable field, with a different value of the same type: each alone must change the digest. */
const changedFields: Array<[keyof PayableRow, PayableRow[keyof PayableRow]]> = [
  ['payment_id', 'PO-9'],
  ['amount_fen', 100_01],
  ['currency', 'USD'],
  ['card_number', '6222020200112233446'],
  ['bank_id', 2],
  ['region_id', 12],
  ['last_name', 'Li'],
  ['first_name', 'Na'],
  ['customer_id', 'C-9'],
  ['phone', '13900000000'],
  ['email', 'na@example.cn'],
  ['id_number', '110101199003071235'],
  ['branch', 'Haidian'],
  ['bank_city', 'Shanghai'],
  ['province', '上海市'],
  ['city', 'Shanghai'],
  ['street', 'Nanjing Road 2'],
  ['zip', '200000'],
  ['description', 'Refund'],
];

describe('approvalSeal', () => {
  it('counts the payouts and totals their fen', () => {
    const seal = approvalSeal(batch);
    expect(seal.payoutCount).toBe(3);
    expect(seal.totalFen).toBe(100_00 + 200_00 + 300_00);
    // Version 2: every payable field, the payee's address included.
    expect(seal.digest).toMatch(/^v2:[0-9a-f]{64}$/);
  });

  it('is the same for the same content, whatever the rows’ database ids', () => {
    const renumbered = batch.map((row, index) => ({ ...row, id: 1000 + index }));
    expect(approvalSeal(renumbered)).toEqual(approvalSeal(batch));
  });

  it('is "v2:" and the SHA-256 of one JSON array of payable fields per payout, one line each', () => {
    const lines = batch.map((row) =>
      JSON.stringify([
        row.payment_id,
        row.amount_fen,
        row.currency,
        row.card_number,
        row.bank_id,
        row.region_id,
        row.last_name,
        row.first_name,
        row.customer_id,
        row.phone,
        row.email,
        row.id_number,
        row.branch,
        row.bank_city,
        row.province,
        row.city,
        row.street,
        row.zip,
        row.description,
      ]),
    );
    const expected =
      'v2:' +
      createHash('sha256')
        .update(lines.map((line) => `${line}\n`).join(''))
        .digest('hex');
    expect(approvalSeal(batch).digest).toBe(expected);
  });

  it.each(changedFields)('changes when %s of one payout changes', (field, value) => {
    const edited = batch.map((row) => (row.id === 2 ? { ...row, [field]: value } : row));
    expect(approvalSeal(edited).digest).not.toBe(approvalSeal(batch).digest);
  });

  it('changes when two payouts swap places, though count and total stay', () => {
    const swapped = [batch[1]!, batch[0]!, batch[2]!];
    const seal = approvalSeal(swapped);
    expect(seal.totalFen).toBe(approvalSeal(batch).totalFen);
    expect(seal.digest).not.toBe(approvalSeal(batch).digest);
  });

  it('tells apart text moved from one field to the next', () => {
    const a = [payout(1, { last_name: 'Ou', first_name: 'yang Li' })];
    const b = [payout(1, { last_name: 'Ouyang', first_name: ' Li' })];
    expect(approvalSeal(a).digest).not.toBe(approvalSeal(b).digest);
  });

  it('tells apart one payout split into two lines from two payouts', () => {
    const one = [payout(1, { description: 'a\nb' })];
    const other = [payout(1, { description: 'a' })];
    expect(approvalSeal(one).digest).not.toBe(approvalSeal(other).digest);
  });

  it('seals an empty batch as nothing', () => {
    expect(approvalSeal([])).toEqual({
      digest: `v2:${createHash('sha256').digest('hex')}`,
      payoutCount: 0,
      totalFen: 0,
    });
  });
});

describe('sealDifference', () => {
  const approved: ApprovalSeal = approvalSeal(batch);

  it('is null when the batch is what was approved', () => {
    expect(sealDifference(approved, { ...approved })).toBeNull();
  });

  it.each([
    ['the digest', { digest: '0'.repeat(64) }],
    ['the payout count', { payoutCount: approved.payoutCount + 1 }],
    ['the total', { totalFen: approved.totalFen - 1 }],
  ])('shows both seals when %s differs', (_what, change) => {
    const found = { ...approved, ...change };
    expect(sealDifference(approved, found)).toEqual({ approved, found });
  });
});
