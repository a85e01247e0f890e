/**
 * Seal versions: batches approved before the payee's address was stored carry an unprefixed (version 1)
 * digest. Upgrading must not block them, and must not weaken what their seal protects.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalSeal, sealDifference } from '../../electron/core/submission/approvalSeal.js';
import type { PayableRow } from '../../electron/core/store/types.js';

/** What version 1 hashed, written out independently of the code: the fields payouts had then, in order. */
const V1_FIELDS = [
  'payment_id',
  'amount_fen',
  'currency',
  'card_number',
  'bank_id',
  'region_id',
  'last_name',
  'first_name',
  'customer_id',
  'phone',
  'email',
  'id_number',
  'branch',
  'bank_city',
  'description',
] as const;

function row(id: number, overrides: Partial<PayableRow> = {}): PayableRow {
  return {
    id,
    payment_id: `PO-${id}`,
    amount_fen: 10_000 * id,
    currency: 'CNY',
    card_number: '6222020200112233445',
    bank_id: 1,
    region_id: 11,
    last_name: '张',
    first_name: '伟',
    customer_id: '',
    phone: '13800000000',
    email: 'wei@example.cn',
    id_number: '',
    branch: '朝阳支行',
    bank_city: '北京',
    province: '',
    city: '',
    street: '',
    zip: '',
    description: '佣金',
    ...overrides,
  };
}

function v1Digest(rows: PayableRow[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(JSON.stringify(V1_FIELDS.map((f) => r[f])) + '\n');
  return hash.digest('hex');
}

describe('approval seal versions', () => {
  const legacy = [row(1), row(2)];
  const legacySeal = { digest: v1Digest(legacy), payoutCount: 2, totalFen: 30_000 };

  it('checks a version 1 seal with version 1 fields: an upgraded, untouched batch still holds', () => {
    expect(sealDifference(legacySeal, approvalSeal(legacy, legacySeal))).toBeNull();
  });

  it('still detects a change to a version 1 field under a version 1 seal', () => {
    const changed = [row(1), row(2, { card_number: '6222020200112233446' })];
    expect(sealDifference(legacySeal, approvalSeal(changed, legacySeal))).not.toBeNull();
  });

  it('seals new approvals as version 2, covering the payee address', () => {
    const seal = approvalSeal(legacy);
    expect(seal.digest).toMatch(/^v2:[0-9a-f]{64}$/);
    for (const field of ['province', 'city', 'street', 'zip'] as const) {
      const changed = [row(1), row(2, { [field]: 'x' })];
      expect(sealDifference(seal, approvalSeal(changed, seal)), field).not.toBeNull();
    }
    expect(sealDifference(seal, approvalSeal(legacy, seal))).toBeNull();
  });
});
