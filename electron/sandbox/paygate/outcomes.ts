import { CREDIT_CODES, type PaygateCode } from './codes.js';
import type { CreditRecord, CreditStatus, FinalCreditStatus } from './ledger.js';

/**
 * Test-merchant rule for credits within the cap, chosen by the amount's last two fen digits (as the Gate
 * sandbox picks declines by amount), so a test or a sample file can ask for each outcome:
 * - `…77` (e.g. 1277): PENDING (code 61000000), settles to OK after `finalAfterMs`;
 * - `…78` (e.g. 1278): PENDING, settles to FAILED (21000200 declined) after `finalAfterMs`;
 * - `…66` (e.g. 1266): FAILED at once, 21000200 declined;
 * - any other amount: OK at once (00000000).
 * A pending credit's amount is reserved against the cap until it settles.
 */
export interface CreditOutcome {
  pending: boolean;
  final: FinalCreditStatus;
  code: PaygateCode;
}

export function creditOutcome(amount: number): CreditOutcome {
  switch (amount % 100) {
    case 77:
      return { pending: true, final: 'OK', code: CREDIT_CODES.ok };
    case 78:
      return { pending: true, final: 'FAILED', code: CREDIT_CODES.declined };
    case 66:
      return { pending: false, final: 'FAILED', code: CREDIT_CODES.declined };
    default:
      return { pending: false, final: 'OK', code: CREDIT_CODES.ok };
  }
}

export interface CreditState {
  status: CreditStatus;
  code: string;
  description: string;
}

/** A credit's status at `now`, from its stored fields only (the same after a restart). */
export function creditStateAt(credit: CreditRecord, now: number): CreditState {
  if (credit.settles_at !== null && now < credit.settles_at) {
    return {
      status: 'PENDING',
      code: CREDIT_CODES.pending.code,
      description: CREDIT_CODES.pending.description,
    };
  }
  return { status: credit.final_status, code: credit.final_code, description: credit.final_description };
}
