import type { ValidatedRow } from '../types.js';
import { addError, addWarning } from './issues.js';
import { maskPan } from '../i18n/mask.js';
import { formatFen } from '../money.js';
import { isWellFormedPan } from './card.js';

/**
 * The checks that compare rows with each other (and with earlier batches). They run as a second pass over
 * the validated rows: a tight loop over two maps is faster than interleaving them with the row rules.
 *
 * `suppliedIds[i]` is the payment_id row i took from the file, or null when it was generated: generated
 * ids are new by construction, so only supplied ones are compared.
 */
export function checkAcrossRows(
  rows: ValidatedRow[],
  suppliedIds: ReadonlyArray<string | null>,
  isPaymentIdUsed: ((ids: string[]) => Set<string>) | undefined,
): void {
  const distinctIds = flagDuplicatePaymentIds(rows, suppliedIds);
  if (isPaymentIdUsed && distinctIds.length > 0)
    flagUsedPaymentIds(rows, suppliedIds, isPaymentIdUsed(distinctIds));
  flagRepeatedRows(rows);
}

/** PAYMENT_ID_DUPLICATE on every occurrence after the first; returns the distinct ids in file order. */
function flagDuplicatePaymentIds(rows: ValidatedRow[], suppliedIds: ReadonlyArray<string | null>): string[] {
  const firstLine = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const id = suppliedIds[i];
    if (id == null) continue;
    const row = rows[i] as ValidatedRow;
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, row.line);
    else addError(row.issues, 'PAYMENT_ID_DUPLICATE', 'payment_id', { value: id, first_line: first });
  }
  return [...firstLine.keys()];
}

/** PAYMENT_ID_USED on every row whose id an earlier batch already used (the store answered once). */
function flagUsedPaymentIds(
  rows: ValidatedRow[],
  suppliedIds: ReadonlyArray<string | null>,
  used: Set<string>,
): void {
  if (used.size === 0) return;
  for (let i = 0; i < rows.length; i++) {
    const id = suppliedIds[i];
    if (id != null && used.has(id))
      addError((rows[i] as ValidatedRow).issues, 'PAYMENT_ID_USED', 'payment_id', { value: id });
  }
}

/**
 * ROW_DUPLICATE (a warning) on a row repeating the card and amount of an earlier row: often a line pasted
 * twice. Only well-formed card numbers count: two different cards Excel turned into the same "6.22E+18"
 * are not the same card. Keyed by card alone, so no key string is built per row; a card paid several
 * different amounts (rare) falls back to an amount-and-card key.
 */
function flagRepeatedRows(rows: ValidatedRow[]): void {
  const firstByPan = new Map<string, ValidatedRow>();
  const otherAmounts = new Map<string, number>();
  for (const row of rows) {
    const { card_number: pan, amount_fen: amount } = row.payout;
    if (amount === null || !isWellFormedPan(pan)) continue;
    const first = firstByPan.get(pan);
    let firstLine: number | undefined;
    if (first === undefined) {
      firstByPan.set(pan, row);
    } else if (first.payout.amount_fen === amount) {
      firstLine = first.line;
    } else {
      const key = `${amount}:${pan}`;
      firstLine = otherAmounts.get(key);
      if (firstLine === undefined) otherAmounts.set(key, row.line);
    }
    if (firstLine !== undefined) {
      addWarning(row.issues, 'ROW_DUPLICATE', null, {
        first_line: firstLine,
        pan: maskPan(pan),
        amount: formatFen(amount),
      });
    }
  }
}
