import type { PayoutMethod, Region } from '../reference/referenceData.js';
import type { EarlierPayout, Limits } from '../types.js';
import type { IntakeDefaults } from './address.js';

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
  /** Organisation defaults for mandatory fields the file leaves empty or has no column for. */
  defaults?: IntakeDefaults;
  /** What card.pan carries for this method: a card number (default) or a bank account number. */
  panKind?: 'card' | 'account';
  /** Payouts of earlier batches within the duplicate window (PAYOUT_DUPLICATE_HISTORY); unchecked when absent. */
  earlierPayouts?: readonly EarlierPayout[];
  /** The keyed hash earlier payouts' cards are stored under: a file's card is compared by it. */
  cardKey?: (pan: string) => string;
  /** The window's length in days, for the message. */
  historyDays?: number;
  /** How many rows to expect, for progress while they are still being read; null when not known. */
  expectedRows?: number | null;
  /** Called every PROGRESS_EVERY rows (total null while not known), and once at the end. */
  progress?: (done: number, total: number | null) => void;
}
