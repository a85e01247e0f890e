import { createHash } from 'node:crypto';

/**
 * Identifiers the emulator hands out. They are derived, not random, so two runs with the same inputs
 * produce byte-identical answers (and therefore identical signatures).
 */

/** Gate's `request_id`: 40 hex characters per (project, payment, registration attempt). */
export function requestIdFor(projectId: number, paymentId: string, attempt: number, kind = 'payout'): string {
  return createHash('sha1')
    .update(`${projectId}\u0000${paymentId}\u0000${attempt}\u0000${kind}`)
    .digest('hex');
}

/** Operation ids look like the provider's (14 digits), from a counter kept in the ledger. */
export const FIRST_OPERATION_ID = 45_343_000_000_001;

/** The payment id on the card network's side, shown in `operation.provider.payment_id`. */
export function providerPaymentIdFor(operationId: number): string {
  return `1${operationId}`;
}

/** The emulated provider behind ChinaUnionPay payouts, shown in `operation.provider.id`. */
export const PROVIDER_ID = 1321;
