/**
 * Payee data at rest: how an import seals and masks it (payeeProtection.ts), and the one place it is opened
 * again, just before the request builder (sealedPayees.ts): a blob moved to another payout, or a card that
 * is not the one approved (its keyed hash), builds no request.
 */
import { describe, expect, it, vi } from 'vitest';
import { protectPayee, protector, storeProtection } from '../../electron/core/app/payeeProtection.js';
import { withSealedPayees } from '../../electron/core/providers/sealedPayees.js';
import type {
  PayoutInstruction,
  PayoutProvider,
  PreparedPayout,
} from '../../electron/core/providers/types.js';
import {
  auditChainHash,
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
} from '../../electron/core/security/index.js';
import { approvalSeal, isKeyedSeal } from '../../electron/core/submission/approvalSeal.js';

const keys = deriveKeys(generateInstallationKey());
const fields = createFieldCipher(keys);
const PAYEE = {
  payment_id: 'P-1',
  card_number: '6228480000000073019',
  id_number: '44010619900101012X',
  phone: '13800138001',
};

describe('protecting a payee', () => {
  it('seals the three values bound to the payment id, hashes the card, and masks them', () => {
    const sealed = protectPayee(fields, PAYEE);
    expect(fields.open(sealed.payee, 'P-1')).toEqual({
      card_number: PAYEE.card_number,
      id_number: PAYEE.id_number,
      phone: PAYEE.phone,
    });
    expect(() => fields.open(sealed.payee, 'P-2')).toThrow(/cannot be decrypted/);
    expect(sealed.cardHash).toBe(fields.cardHash(PAYEE.card_number));
    expect(sealed.masked).toEqual({
      card_number: '622848******3019',
      id_number: '440***********012X',
      phone: '138****8001',
    });
    expect(protector({ fields })(PAYEE).masked).toEqual(sealed.masked);
  });

  it('unlocks the store with the audit key’s chain and the approval key’s re-seal', () => {
    const { chainer, protection } = storeProtection(keys, fields);
    const entry = {
      id: 1,
      at: '2026-12-01T00:00:00.000Z',
      actor: 'a',
      action: 'x',
      batch_id: null,
      details: '{}',
    };
    expect(chainer('0'.repeat(64), entry)).toBe(auditChainHash(keys.audit, '0'.repeat(64), entry));
    expect(protection.sealPayee(PAYEE).cardHash).toBe(fields.cardHash(PAYEE.card_number));
    const row = {
      id: 1,
      ...PAYEE,
      amount_fen: 100,
      currency: 'CNY',
      bank_id: 1,
      region_id: 5,
      last_name: '',
      first_name: '',
      customer_id: '',
      email: '',
      branch: '',
      bank_city: '',
      province: '',
      city: '',
      street: '',
      zip: '',
      description: '',
      payee_sealed: null,
      card_hash: null,
    };
    const v2 = approvalSeal([row], { digest: 'v2:', payoutCount: 0, totalFen: 0 });
    const resealed = protection.resealApproval(v2, [row], [row]);
    expect(resealed?.digest).toBe(approvalSeal([row], undefined, keys.approval).digest);
    expect(isKeyedSeal(resealed!)).toBe(true);
    expect(isKeyedSeal(v2)).toBe(false);
    expect(isKeyedSeal({ digest: 'abc', payoutCount: 0, totalFen: 0 })).toBe(false);
  });
});

describe('opening payee data for the request builder only', () => {
  function provider() {
    const inner: PayoutProvider = {
      name: 'test',
      prepare: vi.fn((payout: PayoutInstruction): PreparedPayout => ({
        paymentId: payout.payment_id,
        method: payout.method,
        digest: `${payout.card_number}|${payout.id_number}|${payout.phone}`,
        request: null,
      })),
      send: vi.fn(async () => ({ kind: 'accepted' as const, reference: 'r' })),
      queryStatus: vi.fn(async () => ({ kind: 'unknown' as const, reason: 'timeout' as const, detail: '' })),
      fetchBankList: vi.fn(async () => ({ ok: false as const, detail: 'none' })),
      guidance: vi.fn(() => 'guide'),
      close: vi.fn(async () => undefined),
    };
    return { inner, wrapped: withSealedPayees(inner, fields) };
  }

  function journaled(patch: Record<string, unknown> = {}): PayoutInstruction {
    const sealed = protectPayee(fields, PAYEE);
    return {
      ...PAYEE,
      ...sealed.masked,
      method: 'cup-p2p',
      amount_fen: 100,
      bank_id: 1,
      region_id: 5,
      payee_sealed: sealed.payee,
      card_hash: sealed.cardHash,
      ...patch,
    } as unknown as PayoutInstruction;
  }

  it('hands the provider the clear values, opened from the sealed copy', () => {
    const { inner, wrapped } = provider();
    expect(wrapped.prepare(journaled()).digest).toBe(
      `${PAYEE.card_number}|${PAYEE.id_number}|${PAYEE.phone}`,
    );
    expect(inner.prepare).toHaveBeenCalledTimes(1);
  });

  it('builds nothing for a payout without sealed data, another payout’s blob, or a card other than the approved one', () => {
    const { inner, wrapped } = provider();
    expect(() => wrapped.prepare(journaled({ payee_sealed: null }))).toThrow(/not sealed/);
    const other = protectPayee(fields, { ...PAYEE, payment_id: 'P-9' }).payee;
    expect(() => wrapped.prepare(journaled({ payee_sealed: other }))).toThrow(/cannot be decrypted/);
    expect(() => wrapped.prepare(journaled({ card_hash: fields.cardHash('6228480000000079998') }))).toThrow(
      /does not match the card/,
    );
    expect(inner.prepare).not.toHaveBeenCalled();
  });

  it('passes everything else through to the provider', async () => {
    const { inner, wrapped } = provider();
    expect(wrapped.name).toBe('test');
    const prepared = { paymentId: 'P-1', method: 'cup-p2p', digest: 'd', request: null } as PreparedPayout;
    await expect(wrapped.send(prepared)).resolves.toEqual({ kind: 'accepted', reference: 'r' });
    expect(inner.send).toHaveBeenCalledWith(prepared);
    const payout = { payment_id: 'P-1' } as PayoutInstruction;
    await wrapped.queryStatus(payout);
    expect(inner.queryStatus).toHaveBeenCalledWith(payout);
    await expect(wrapped.fetchBankList?.('cup-p2p')).resolves.toEqual({ ok: false, detail: 'none' });
    expect(wrapped.guidance?.('3041', 'en')).toBe('guide');
    await wrapped.close();
    expect(inner.close).toHaveBeenCalledTimes(1);
    const bare = withSealedPayees({ ...inner, fetchBankList: undefined, guidance: undefined }, fields);
    expect(bare.fetchBankList).toBeUndefined();
    expect(bare.guidance).toBeUndefined();
  });
});
