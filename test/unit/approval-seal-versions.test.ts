/**
 * Seal versions: batches approved before the payee's address was stored carry an unprefixed (version 1)
 * digest, those approved before the installation key existed a plain "v2:" one; new approvals are keyed
 * ("v3:"). Upgrading must not block them, and must not weaken what their seal protects.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalSeal, sealDifference } from '../../electron/core/submission/approvalSeal.js';
import type { PayableRow } from '../../electron/core/store/types.js';
import { deriveKeys, generateInstallationKey } from '../../electron/core/security/index.js';

const KEY = deriveKeys(generateInstallationKey()).approval;

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
    payee_sealed: null,
    card_hash: null,
    ...overrides,
  };
}

/** Version 2: every payable field, the address after the bank city, in the order the fields are stored. */
const V2_FIELDS = [...V1_FIELDS.slice(0, -1), 'province', 'city', 'street', 'zip', 'description'] as const;

function v1Digest(rows: PayableRow[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(JSON.stringify(V1_FIELDS.map((f) => r[f])) + '\n');
  return hash.digest('hex');
}

function v2Digest(rows: PayableRow[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(JSON.stringify(V2_FIELDS.map((f) => r[f])) + '\n');
  return 'v2:' + hash.digest('hex');
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

  it('checks a version 1 seal without the installation key: the key is not needed for it', () => {
    expect(sealDifference(legacySeal, approvalSeal(legacy, legacySeal, KEY))).toBeNull();
  });

  const v2Seal = { digest: v2Digest(legacy), payoutCount: 2, totalFen: 30_000 };

  it('checks a version 2 seal with version 2 fields (plain SHA-256, the address included): an upgraded, untouched batch still holds', () => {
    expect(sealDifference(v2Seal, approvalSeal(legacy, v2Seal))).toBeNull();
    expect(sealDifference(v2Seal, approvalSeal(legacy, v2Seal, KEY))).toBeNull();
  });

  it('still detects a change to any version 2 field under a version 2 seal, the address included', () => {
    for (const field of ['card_number', 'province', 'city', 'street', 'zip'] as const) {
      const changed = [row(1), row(2, { [field]: 'x' })];
      expect(sealDifference(v2Seal, approvalSeal(changed, v2Seal)), field).not.toBeNull();
    }
  });

  it('seals new approvals as version 3: keyed, covering the payee address, the card hash and the sealed payee data', () => {
    expect(() => approvalSeal(legacy)).toThrow(/installation key/);
    const seal = approvalSeal(legacy, undefined, KEY);
    expect(seal.digest).toMatch(/^v3:[0-9a-f]{64}$/);
    // Not a plain digest anyone could recompute, and not the version 2 digest of the same rows.
    expect(seal.digest.slice(3)).not.toBe(v2Digest(legacy).slice(3));
    const expected = createHmac('sha256', KEY);
    for (const r of legacy)
      expected.update(JSON.stringify([...V2_FIELDS.map((f) => r[f]), r.card_hash, null]) + '\n');
    expect(seal.digest).toBe('v3:' + expected.digest('hex'));
    for (const change of [
      { province: 'x' },
      { city: 'x' },
      { street: 'x' },
      { zip: 'x' },
      { card_hash: 'f'.repeat(64) },
      { payee_sealed: Buffer.from('sealed') },
    ] satisfies Partial<PayableRow>[]) {
      const changed = [row(1), row(2, change)];
      expect(sealDifference(seal, approvalSeal(changed, seal, KEY)), Object.keys(change)[0]).not.toBeNull();
    }
    expect(sealDifference(seal, approvalSeal(legacy, seal, KEY))).toBeNull();
  });

  it('keeps each seal in its version: a version 3 seal is checked as version 3, never as a plain digest', () => {
    const seal = approvalSeal(legacy, undefined, KEY);
    expect(approvalSeal(legacy, seal, KEY).digest).toMatch(/^v3:/);
    expect(approvalSeal(legacy, v2Seal, KEY).digest).toMatch(/^v2:/);
    expect(approvalSeal(legacy, legacySeal, KEY).digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
