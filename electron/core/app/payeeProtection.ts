/**
 * How the installation key protects what the store holds: a payee's card number, ID number and phone sealed
 * (bound to the payment id) with the card's keyed hash and the masked forms the rows keep; audit entries
 * chained; approvals from before protection sealed again. The one place both an import and the upgrade of an
 * older database take this from.
 */
import {
  auditChainHash,
  createFieldCipher,
  maskCardNumber,
  maskIdNumber,
  maskPhone,
  type InstallationKeys,
} from '../security/index.js';
import type { AuditChainer, LegacyProtection } from '../store/ports.js';
import type { PayeeProtector } from '../store/types.js';
import { resealApproval } from '../submission/approvalSeal.js';

export type FieldCipher = ReturnType<typeof createFieldCipher>;

export interface PayeeFields {
  payment_id: string;
  card_number: string;
  id_number: string;
  phone: string;
}

/** The sealed payee data, the card's keyed hash, and the masked values the payout row keeps. */
export function protectPayee(
  fields: FieldCipher,
  payee: PayeeFields,
): { payee: Buffer; cardHash: string; masked: Omit<PayeeFields, 'payment_id'> } {
  return {
    payee: fields.seal(
      { card_number: payee.card_number, id_number: payee.id_number, phone: payee.phone },
      payee.payment_id,
    ),
    cardHash: fields.cardHash(payee.card_number),
    masked: {
      card_number: maskCardNumber(payee.card_number),
      id_number: maskIdNumber(payee.id_number),
      phone: maskPhone(payee.phone),
    },
  };
}

/** The store's protector: seals each payout's payee data as the store writes it. */
export function protector({ fields }: { fields: FieldCipher }): PayeeProtector {
  return (payee) => protectPayee(fields, payee);
}

/** What the store is unlocked with: the audit chainer, and how older data is protected. */
export function storeProtection(
  keys: InstallationKeys,
  fields: FieldCipher,
): { chainer: AuditChainer; protection: LegacyProtection } {
  return {
    chainer: (previous, entry) => auditChainHash(keys.audit, previous, entry),
    protection: {
      sealPayee: (payee) => protectPayee(fields, payee),
      resealApproval: (seal, clearRows, protectedRows) =>
        resealApproval(seal, clearRows, protectedRows, keys.approval),
    },
  };
}
