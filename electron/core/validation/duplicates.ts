import type { PayoutDraft, ValidatedRow } from '../types.js';
import { addError, addWarning } from './issues.js';
import { maskPan } from '../i18n/mask.js';
import { formatFen } from '../money.js';
import { isWellFormedPan } from './card.js';
import { findRepeats, hashKey } from './repeats.js';

/**
 * What the cross-row checks compare, recorded by the row loop while each row is still in the cache (see
 * repeats.ts for why).
 */
export class CrossRowKeys {
  /**
   * The payment_id row i took from the file, or null when it was generated (or is invalid): generated ids
   * are new by construction, so only supplied ones are compared.
   */
  readonly ids: Array<string | null> = [];
  idHashes: Int32Array = new Int32Array(1024);
  /** The card number of row i when it takes part in ROW_DUPLICATE (see flagRepeatedRows), else null. */
  readonly pans: Array<string | null> = [];
  panHashes: Int32Array = new Int32Array(1024);

  /** Row i's keys; rows come in order, 0, 1, 2, … (the hash arrays grow as they fill). */
  record(i: number, suppliedId: string | null, payout: PayoutDraft): void {
    if (i >= this.idHashes.length) {
      this.idHashes = grown(this.idHashes);
      this.panHashes = grown(this.panHashes);
    }
    this.ids[i] = suppliedId;
    if (suppliedId !== null) this.idHashes[i] = hashKey(suppliedId);
    const pan = payout.card_number;
    if (payout.amount_fen !== null && isWellFormedPan(pan)) {
      this.pans[i] = pan;
      this.panHashes[i] = hashKey(pan);
    } else {
      this.pans[i] = null;
    }
  }
}

function grown(hashes: Int32Array): Int32Array {
  const bigger = new Int32Array(hashes.length * 2);
  bigger.set(hashes);
  return bigger;
}

/**
 * The checks that compare rows with each other (and with earlier batches). They run as a second pass over
 * the validated rows, on the keys the row loop recorded.
 */
export function checkAcrossRows(
  rows: ValidatedRow[],
  keys: CrossRowKeys,
  isPaymentIdUsed: ((ids: string[]) => Set<string>) | undefined,
): void {
  const distinctIds = flagDuplicatePaymentIds(rows, keys.ids, keys.idHashes);
  if (isPaymentIdUsed && distinctIds.length > 0)
    flagUsedPaymentIds(rows, keys.ids, isPaymentIdUsed(distinctIds));
  flagRepeatedRows(rows, keys.pans, keys.panHashes);
}

/** PAYMENT_ID_DUPLICATE on every occurrence after the first; returns the distinct ids in file order. */
function flagDuplicatePaymentIds(
  rows: ValidatedRow[],
  ids: ReadonlyArray<string | null>,
  hashes: Int32Array,
): string[] {
  const firstIndex = findRepeats(ids, hashes);
  const distinct: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = ids[i];
    if (id == null) continue;
    const first = firstIndex === null ? -1 : (firstIndex[i] as number);
    if (first === -1) {
      distinct.push(id);
    } else {
      addError((rows[i] as ValidatedRow).issues, 'PAYMENT_ID_DUPLICATE', 'payment_id', {
        value: id,
        first_line: (rows[first] as ValidatedRow).line,
      });
    }
  }
  return distinct;
}

/** PAYMENT_ID_USED on every row whose id an earlier batch already used (the store answered once). */
function flagUsedPaymentIds(
  rows: ValidatedRow[],
  ids: ReadonlyArray<string | null>,
  used: Set<string>,
): void {
  if (used.size === 0) return;
  for (let i = 0; i < rows.length; i++) {
    const id = ids[i];
    if (id != null && used.has(id))
      addError((rows[i] as ValidatedRow).issues, 'PAYMENT_ID_USED', 'payment_id', { value: id });
  }
}

/**
 * ROW_DUPLICATE (a warning) on a row repeating the card and amount of an earlier row: often a line pasted
 * twice. Only well-formed card numbers with a readable amount count: two different cards Excel turned into
 * the same "6.22E+18" are not the same card. Keyed by card alone, so no key string is built per row; a card
 * paid several different amounts (rare) falls back to an amount-and-card key.
 */
function flagRepeatedRows(
  rows: ValidatedRow[],
  pans: ReadonlyArray<string | null>,
  hashes: Int32Array,
): void {
  const firstIndex = findRepeats(pans, hashes);
  if (firstIndex === null) return;
  const otherAmounts = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const first = firstIndex[i] as number;
    if (first === -1) continue;
    const row = rows[i] as ValidatedRow;
    const firstRow = rows[first] as ValidatedRow;
    const { card_number: pan, amount_fen: amount } = row.payout;
    if (amount === null) continue; // never: rows without an amount have no key
    let firstLine: number | undefined;
    if (firstRow.payout.amount_fen === amount) {
      firstLine = firstRow.line;
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
