/**
 * The approver's re-typed control totals checked against the review's: the console offers Approve only when
 * both match (the application layer checks them again and refuses a mismatch).
 */
import { parseYuan } from '../../../format';

/** How a typed figure stands: nothing typed yet, not a number, a number that differs, or the same. */
export type FigureCheck = 'empty' | 'invalid' | 'differs' | 'matches';

/** A count as people type it: "1,234", "1 234" or "1234"; null when it is not a whole number. */
export function parseCount(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  if (!/^\d{1,15}$/.test(cleaned)) return null;
  const count = Number(cleaned);
  return Number.isSafeInteger(count) ? count : null;
}

export interface ConfirmationCheck {
  count: FigureCheck;
  total: FigureCheck;
  /** The typed figures, as approveBatch takes them, once both match. */
  confirmed: { confirmCount: number; confirmTotalFen: number } | null;
}

function check(text: string, parsed: number | null, expected: number): FigureCheck {
  if (text.trim() === '') return 'empty';
  if (parsed === null) return 'invalid';
  return parsed === expected ? 'matches' : 'differs';
}

export function checkConfirmation(
  typed: { count: string; total: string },
  expected: { payout_count: number; total_fen: number },
): ConfirmationCheck {
  const count = parseCount(typed.count);
  const totalFen = parseYuan(typed.total);
  const countCheck = check(typed.count, count, expected.payout_count);
  const totalCheck = check(typed.total, totalFen, expected.total_fen);
  const confirmed =
    countCheck === 'matches' && totalCheck === 'matches' && count !== null && totalFen !== null
      ? { confirmCount: count, confirmTotalFen: totalFen }
      : null;
  return { count: countCheck, total: totalCheck, confirmed };
}

/**
 * A share of a whole in percent with one decimal, rounded half up, in integer arithmetic (sums of fen times
 * a thousand may pass 2^53).
 */
export function sharePercent(part: number, whole: number): string {
  if (whole <= 0) return '0.0';
  const tenths = (BigInt(part) * 2000n + BigInt(whole)) / (2n * BigInt(whole));
  return `${tenths / 10n}.${tenths % 10n}`;
}
