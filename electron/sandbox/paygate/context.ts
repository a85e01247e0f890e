import type { PaygateMerchant } from './envelope.js';
import type { PaygateLedger } from './ledger.js';

/** What the Paygate routes need: the merchants served, the ledger, the clock and how long pending lasts. */
export interface PaygateContext {
  merchants: readonly PaygateMerchant[];
  ledger: PaygateLedger;
  now(): number;
  /** A pending credit settles this long after it was made (the sandbox's `finalAfterMs`). */
  pendingMs: number;
}
