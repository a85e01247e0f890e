import { formatFen, parseAmountToFen, SATURATED_FEN } from '../money.js';
import type { Limits } from '../types.js';
import { addError, requiredMissing, type IssueSink } from './issues.js';

/** Names of the payout method, for messages such as "below the minimum 10.00 CNY for CUP P2P". */
export interface MethodNames {
  method: string;
  method_zh: string;
}

/**
 * Checks the amount cell and returns it in fen: null when missing, unreadable, or too large to hold exactly
 * (a saturated amount is reported above the maximum but never leaks into drafts or totals).
 * Limits are inclusive: the minimum and the maximum themselves are payable.
 */
export function checkAmount(
  value: string,
  limits: Limits,
  names: MethodNames,
  issues: IssueSink,
): number | null {
  if (value.length === 0) {
    requiredMissing(issues, 'amount');
    return null;
  }
  const fen = parseAmountToFen(value);
  if (fen === null) {
    addError(issues, 'AMOUNT_INVALID', 'amount', { value });
    return null;
  }
  const saturated = fen === SATURATED_FEN;
  if (fen < limits.min_fen) {
    addError(issues, 'AMOUNT_BELOW_MIN', 'amount', {
      value: formatFen(fen),
      min: formatFen(limits.min_fen),
      ...names,
    });
  } else if (fen > limits.max_fen || saturated) {
    // A saturated amount has no exact fen value: show it as typed.
    const shown = saturated ? value : formatFen(fen);
    addError(issues, 'AMOUNT_ABOVE_MAX', 'amount', {
      value: shown,
      max: formatFen(limits.max_fen),
      ...names,
    });
  }
  return saturated ? null : fen;
}
