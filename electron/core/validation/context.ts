import type { PayoutMethod, Region } from '../reference/referenceData.js';
import type { Limits } from '../types.js';

/** What validation needs to know beyond the rows themselves. */
export interface ValidationContext {
  /** The payout method: its limits and bank table. */
  method: PayoutMethod;
  regions: Region[];
  /** Admin-configured limits overriding `method.limits`. */
  limits?: Limits;
  /** When false every row gets a generated payment_id. */
  hasPaymentIdColumn: boolean;
  generatePaymentId: (line: number) => string;
  /** The store's lookup of payment_ids already used; called once with all the file's distinct ids. */
  isPaymentIdUsed?: (ids: string[]) => Set<string>;
  /** Called every PROGRESS_EVERY rows, and once at the end. */
  progress?: (done: number, total: number) => void;
}
