/**
 * The ecommpay adapter behind the provider seam: signs and sends payouts through the Gate client and answers
 * in the neutral outcomes the engine understands.
 */
import { createHash } from 'node:crypto';
import type { Region } from '../../reference/referenceData.js';
import { isPayoutMethod, type MethodId } from '../../types.js';
import type { PayoutInstruction, PayoutProvider, PreparedPayout } from '../types.js';
import { GateClient } from './client.js';
import { ecommpayGuidance } from './guidance.js';
import { stringToSign, withoutSignature, type JsonValue } from './signature.js';
import type { GateClientOptions, GateEndpoint, SignedPayoutBody } from './types.js';

export interface EcommpayProviderOptions extends GateClientOptions {
  /** Regions by id: a payout's region gives customer.state. */
  regions: ReadonlyMap<number, Region>;
}

/** What a request says, without its signature (a rotated key must not make an identical payout look changed). */
export function requestDigest(body: SignedPayoutBody): string {
  const unsigned = withoutSignature(body as unknown as Record<string, JsonValue>);
  return createHash('sha256').update(stringToSign(unsigned), 'utf8').digest('hex');
}

export function createEcommpayProvider(
  endpoint: GateEndpoint,
  options: EcommpayProviderOptions,
): PayoutProvider {
  const client = new GateClient(endpoint, options);
  const { regions } = options;
  return {
    name: 'ecommpay',

    prepare(payout: PayoutInstruction): PreparedPayout {
      // A refund row belongs to the refund provider; ecommpay has no request for it.
      if (!isPayoutMethod(payout.method) || payout.refund)
        throw new Error(`ecommpay does not send ${payout.method} rows`);
      const body = client.buildPayoutRequest(payout, regions.get(payout.region_id));
      return {
        paymentId: payout.payment_id,
        method: payout.method,
        digest: requestDigest(body),
        request: body,
      };
    },

    send: (prepared) => client.sendPayout(prepared.method as MethodId, prepared.request as SignedPayoutBody),
    queryStatus: (payout) => client.queryStatus(payout.payment_id),
    fetchBankList: (method: MethodId) => client.fetchBankList(method),
    guidance: ecommpayGuidance,

    async close() {
      client.close();
    },
  };
}
