import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalSeal, resealApproval, sealDifference } from '../../electron/core/submission/approvalSeal.js';
import type { ApprovalSeal, PayableRow } from '../../electron/core/store/types.js';
import {
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
  maskCardNumber,
  maskIdNumber,
  maskPhone,
} from '../../electron/core/security/index.js';

const keys = deriveKeys(generateInstallationKey());
const fields = createFieldCipher(keys);
/** The installation key's approval key: what version 3 seals under. */
const KEY = keys.approval;

/** A payout as the store keeps it: card, ID and phone masked, sealed together, the card's keyed hash. */
function payout(id: number, overrides: Partial<PayableRow> = {}): PayableRow {
  const clear = { card_number: '6222020200112233445', id_number: '110101199003071234', phone: '13800000000' };
  return {
    id,
    payment_id: `PO-${id}`,
    amount_fen: 100_00 * id,
    currency: 'CNY',
    card_number: maskCardNumber(clear.card_number),
    bank_id: 1,
    region_id: 11,
    last_name: 'Zhang',
    first_name: 'Wei',
    customer_id: `C-${id}`,
    phone: maskPhone(clear.phone),
    email: 'wei@example.cn',
    id_number: maskIdNumber(clear.id_number),
    branch: 'Chaoyang',
    bank_city: 'Beijing',
    province: '北京市',
    city: 'Beijing',
    street: 'Chang’an Avenue 1',
    zip: '100000',
    description: 'Payout',
    payee_sealed: fields.seal(clear, `PO-${id}`),
    card_hash: fields.cardHash(clear.card_number),
    ...overrides,
  };
}

const batch = [payout(1), payout(2), payout(3)];

/** Every payable field, with a different value of the same type: each alone must change the digest. */
const changedFields: Array<[keyof PayableRow, PayableRow[keyof PayableRow]]> = [
  ['payment_id', 'PO-9'],
  ['amount_fen', 100_01],
  ['currency', 'USD'],
  ['card_number', '622202*********3446'],
  ['bank_id', 2],
  ['region_id', 12],
  ['last_name', 'Li'],
  ['first_name', 'Na'],
  ['customer_id', 'C-9'],
  ['phone', '139****0000'],
  ['email', 'na@example.cn'],
  ['id_number', '110***********1235'],
  ['branch', 'Haidian'],
  ['bank_city', 'Shanghai'],
  ['province', '上海市'],
  ['city', 'Shanghai'],
  ['street', 'Nanjing Road 2'],
  ['zip', '200000'],
  ['description', 'Refund'],
  // Version 3 also covers what the masked columns stand for: the card's keyed hash and the sealed payee data.
  ['card_hash', fields.cardHash('6222020200112233446')],
  [
    'payee_sealed',
    fields.seal(
      { card_number: '6222020200112233446', id_number: '110101199003071234', phone: '13800000000' },
      'PO-2',
    ),
  ],
];

/** What version 3 hashes for one payout, written out independently of the code. */
function v3Line(row: PayableRow): string {
  return JSON.stringify([
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
    row.card_hash,
    row.payee_sealed === null ? null : createHash('sha256').update(row.payee_sealed).digest('hex'),
  ]);
}

describe('approvalSeal (version 3, under the installation key)', () => {
  it('counts the payouts and totals their fen', () => {
    const seal = approvalSeal(batch, undefined, KEY);
    expect(seal.payoutCount).toBe(3);
    expect(seal.totalFen).toBe(100_00 + 200_00 + 300_00);
    // Version 3: keyed, every payable field, the card hash and the sealed payee data.
    expect(seal.digest).toMatch(/^v3:[0-9a-f]{64}$/);
  });

  it('is the same for the same content, whatever the rows’ database ids', () => {
    const renumbered = batch.map((row, index) => ({ ...row, id: 1000 + index }));
    expect(approvalSeal(renumbered, undefined, KEY)).toEqual(approvalSeal(batch, undefined, KEY));
  });

  it('is "v3:" and the HMAC-SHA256 under the key of one JSON array per payout (payable fields, card hash, sealed data’s SHA-256), one line each', () => {
    const expected =
      'v3:' +
      createHmac('sha256', KEY)
        .update(batch.map((row) => `${v3Line(row)}\n`).join(''))
        .digest('hex');
    expect(approvalSeal(batch, undefined, KEY).digest).toBe(expected);
  });

  it('cannot be computed without the key, nor recomputed by someone holding another key', () => {
    expect(() => approvalSeal(batch)).toThrow(/installation key/);
    const seal = approvalSeal(batch, undefined, KEY);
    // Checking a version 3 seal needs the key too: it is never silently checked as a plain digest.
    expect(() => approvalSeal(batch, seal)).toThrow(/installation key/);
    const otherKey = deriveKeys(generateInstallationKey()).approval;
    const forged = approvalSeal(batch, undefined, otherKey);
    expect(forged.digest).not.toBe(seal.digest);
    expect(sealDifference(seal, approvalSeal(batch, seal, otherKey))).not.toBeNull();
    // Nor is it the plain SHA-256 of the same lines anyone could compute.
    const plain = createHash('sha256')
      .update(batch.map((row) => `${v3Line(row)}\n`).join(''))
      .digest('hex');
    expect(seal.digest).not.toBe(`v3:${plain}`);
  });

  it.each(changedFields)('changes when %s of one payout changes', (field, value) => {
    const edited = batch.map((row) => (row.id === 2 ? { ...row, [field]: value } : row));
    expect(approvalSeal(edited, undefined, KEY).digest).not.toBe(approvalSeal(batch, undefined, KEY).digest);
  });

  it('changes when the sealed payee data of two payouts is swapped, though every masked column stays', () => {
    const other = payout(2, {
      payee_sealed: fields.seal(
        { card_number: '6222020200112233445', id_number: '110101199003071234', phone: '13800000000' },
        'PO-2',
      ),
    });
    // Same clear values sealed again: a new IV, so other bytes; the seal tells them apart.
    const edited = [batch[0]!, other, batch[2]!];
    expect(approvalSeal(edited, undefined, KEY).digest).not.toBe(approvalSeal(batch, undefined, KEY).digest);
    const unsealed = batch.map((row) =>
      row.id === 2 ? { ...row, payee_sealed: null, card_hash: null } : row,
    );
    expect(approvalSeal(unsealed, undefined, KEY).digest).not.toBe(
      approvalSeal(batch, undefined, KEY).digest,
    );
  });

  it('changes when two payouts swap places, though count and total stay', () => {
    const swapped = [batch[1]!, batch[0]!, batch[2]!];
    const seal = approvalSeal(swapped, undefined, KEY);
    expect(seal.totalFen).toBe(approvalSeal(batch, undefined, KEY).totalFen);
    expect(seal.digest).not.toBe(approvalSeal(batch, undefined, KEY).digest);
  });

  it('tells apart text moved from one field to the next', () => {
    const a = [payout(1, { last_name: 'Ou', first_name: 'yang Li' })];
    const b = [payout(1, { last_name: 'Ouyang', first_name: ' Li' })];
    expect(approvalSeal(a, undefined, KEY).digest).not.toBe(approvalSeal(b, undefined, KEY).digest);
  });

  it('tells apart one payout split into two lines from two payouts', () => {
    const one = [payout(1, { description: 'a\nb' })];
    const other = [payout(1, { description: 'a' })];
    expect(approvalSeal(one, undefined, KEY).digest).not.toBe(approvalSeal(other, undefined, KEY).digest);
  });

  it('seals an empty batch as nothing', () => {
    expect(approvalSeal([], undefined, KEY)).toEqual({
      digest: `v3:${createHmac('sha256', KEY).digest('hex')}`,
      payoutCount: 0,
      totalFen: 0,
    });
  });
});

describe('sealDifference', () => {
  const approved: ApprovalSeal = approvalSeal(batch, undefined, KEY);

  it('is null when the batch is what was approved', () => {
    expect(sealDifference(approved, { ...approved })).toBeNull();
    expect(sealDifference(approved, approvalSeal(batch, approved, KEY))).toBeNull();
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

describe('resealApproval (an approval given before payee data was sealed)', () => {
  /** The same payouts before protection: the card, ID and phone in clear, nothing sealed. */
  const clear = batch.map((row) => ({
    ...row,
    card_number: '6222020200112233445',
    id_number: '110101199003071234',
    phone: '13800000000',
    payee_sealed: null,
    card_hash: null,
  }));
  /** A version 2 seal, as the console gave it then (plain SHA-256 of the payable fields). */
  const v2 = (rows: readonly PayableRow[]): ApprovalSeal =>
    approvalSeal(rows, { digest: 'v2:', payoutCount: 0, totalFen: 0 });

  it('seals again under the key, over the protected rows, an approval that still holds over the clear ones', () => {
    const resealed = resealApproval(v2(clear), clear, batch, KEY);
    expect(resealed).toEqual(approvalSeal(batch, undefined, KEY));
    expect(resealed?.digest).toMatch(/^v3:/);
  });

  it('carries a version 1 approval over the same way', () => {
    const v1 = approvalSeal(clear, { digest: '0'.repeat(64), payoutCount: 0, totalFen: 0 });
    expect(v1.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(resealApproval(v1, clear, batch, KEY)).toEqual(approvalSeal(batch, undefined, KEY));
  });

  it('carries over nothing when the clear rows changed since the approval', () => {
    const seal = v2(clear);
    const changed = clear.map((row) => (row.id === 2 ? { ...row, card_number: '6222020200112233446' } : row));
    expect(resealApproval(seal, changed, batch, KEY)).toBeNull();
    expect(resealApproval(seal, clear.slice(0, 2), batch, KEY)).toBeNull();
  });

  it('leaves a version 3 seal alone', () => {
    expect(resealApproval(approvalSeal(batch, undefined, KEY), clear, batch, KEY)).toBeNull();
  });
});
