/**
 * Payee data stays sealed until the request builder needs it: this wrapper opens a payout's card number, ID
 * number and phone just before the provider's own `prepare` builds the request, and nowhere else. A sealed
 * blob that does not open for this payout (altered, or copied from another payout) or whose card does not
 * match the stored keyed hash makes the request unbuildable, so nothing is sent and a person looks at it.
 */
import type { PayeeSecrets } from '../security/index.js';
import type { PayoutInstruction, PayoutProvider } from './types.js';

export interface PayeeOpener {
  open(sealed: Buffer, binding: string): PayeeSecrets;
  cardHash(card: string): string;
}

type SealedInstruction = PayoutInstruction & { payee_sealed?: Buffer | null; card_hash?: string | null };

export function withSealedPayees(provider: PayoutProvider, opener: PayeeOpener): PayoutProvider {
  return {
    ...provider,
    name: provider.name,
    prepare(payout) {
      const sealed = payout as SealedInstruction;
      if (!sealed.payee_sealed) throw new Error('the payee data of this payout is not sealed');
      const clear = opener.open(sealed.payee_sealed, payout.payment_id);
      if (sealed.card_hash && opener.cardHash(clear.card_number) !== sealed.card_hash)
        throw new Error('the sealed card number does not match the card this payout was approved for');
      return provider.prepare({ ...payout, ...clear });
    },
    send: (prepared) => provider.send(prepared),
    queryStatus: (payout) => provider.queryStatus(payout),
    fetchBankList: provider.fetchBankList?.bind(provider),
    guidance: provider.guidance?.bind(provider),
    close: () => provider.close(),
  };
}
