/**
 * The payout fields as the import screen shows and edits them: the grid's columns, the mapping dropdown's
 * targets, and the text of a cell as the operator reads it (an amount as yuan, never a float).
 */
import {
  PAYOUT_FIELDS,
  type PayoutFields,
  type ValidatedRowView,
} from '../../../../../electron/contract/records';
import { formatFen } from '../../../format';

export type PayoutKey = keyof PayoutFields;

/** The grid's payout columns, in the templates' column order. */
export const PAYOUT_KEYS: readonly PayoutKey[] = PAYOUT_FIELDS;

/** Where a file column may go (the mapping dropdown): every payout field, or one full-name column. */
export const COLUMN_TARGETS = [
  'payment_id',
  'amount',
  'currency',
  'card_number',
  'bank_id',
  'region_id',
  'full_name',
  'last_name',
  'first_name',
  'customer_id',
  'phone',
  'email',
  'id_number',
  'branch',
  'bank_city',
  'province',
  'city',
  'street',
  'zip',
  'description',
] as const;
export type ColumnTarget = (typeof COLUMN_TARGETS)[number];

/** Columns a file must have (the name may come from last + first name, or from one full-name column). */
export const REQUIRED_TARGETS: ReadonlySet<ColumnTarget> = new Set([
  'amount',
  'card_number',
  'bank_id',
  'region_id',
]);

/** Cells the console shows masked (and the error-rows download keeps masked). */
export const MASKED_KEYS: ReadonlySet<PayoutKey> = new Set(['card_number', 'id_number', 'phone']);

/**
 * The row field an issue points at: the validation names the amount's cell `amount`, the row holds
 * `amount_fen`; null for an issue about the whole row (a repeated row, a row of the wrong shape).
 */
export function payoutKeyOfIssueField(field: string | null): PayoutKey | null {
  if (field === null) return null;
  if (field === 'amount') return 'amount_fen';
  return (PAYOUT_KEYS as readonly string[]).includes(field) ? (field as PayoutKey) : null;
}

/** The payout field a mapping target fills (full_name fills the last and the first name). */
export function payoutKeyOfTarget(target: string): PayoutKey | null {
  return payoutKeyOfIssueField(target);
}

/** Integer fen as the yuan text a file holds ("1234.56"): what an amount cell is edited as. */
export function plainYuan(fen: number): string {
  return formatFen(fen).replace(/,/g, '');
}

/**
 * A cell's text as it is edited and exported: the amount in yuan, IDs as digits, an unreadable value (a bank
 * the console could not resolve) as empty; masked fields stay masked.
 */
export function cellText(row: ValidatedRowView, key: PayoutKey): string {
  const value = row.payout[key];
  if (value === null || value === undefined) return '';
  if (key === 'amount_fen') return plainYuan(value as number);
  return String(value);
}

/** The full name as one cell: Chinese names written together, others given name first. */
export function fullNameText(row: ValidatedRowView): string {
  const { last_name: last, first_name: first } = row.payout;
  if (/\p{Script=Han}/u.test(last + first)) return last + first;
  return [first, last].filter((part) => part !== '').join(' ');
}
