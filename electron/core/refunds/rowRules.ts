/**
 * The rules a refund row must meet on its own, in the formats Computop's credit request gives (seed 004,
 * "Credit with reference"): PayID an32, TransID ans..64, Amount n..10 in minor units, RefNr an..32, Currency
 * a3 (CNY only). Each rule reports what it finds as a RowIssue naming a refund field; a rule that finds nothing
 * adds nothing. Cells are trimmed as the payout rules trim them, never shortened or otherwise changed.
 */
import { formatFen, parseAmountToFen, SATURATED_FEN } from '../money.js';
import type { RowIssue } from '../types.js';
import { checkCurrency } from '../validation/currency.js';
import { checkTextHygiene } from '../validation/hygiene.js';
import { cell } from '../validation/text.js';
import type { RefundField } from './fields.js';
import type { RefundCells } from './readRefundFile.js';
import { transIdProblem, TRANS_ID_MAX_LENGTH } from './transId.js';

/** A finding on one row of a refund file. */
export type RefundRowIssue = RowIssue<RefundField>;

/** Amount is n..10: at most 10 digits of minor units, 99,999,999.99 CNY. */
export const MAX_REFUND_FEN = 9_999_999_999;
export const PAY_ID_LENGTH = 32;
export const REF_NR_MAX_LENGTH = 32;

const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
/** How much of an unusable cell a message shows (the row's line says where the rest is): a whole TransID and more. */
const SHOWN_CHARS = 80;

/** A row's refund terms as far as the row alone tells them. */
export interface RowTerms {
  pay_id: string;
  /** '' when the file leaves it empty (one is generated across rows). */
  trans_id: string;
  amount_fen: number | null;
  currency: string;
  reason: string;
  ref_nr: string;
  captured_fen: number | null;
  /** Whether the PayID has the right shape (only such rows take part in the checks per PayID). */
  payIdUsable: boolean;
  /** Whether the file's TransID has the right shape (only such ids are compared with others). */
  transIdUsable: boolean;
}

/** Checks one row's cells; issues go to `issues`, in column order. */
export function checkRefundRow(row: RefundCells, issues: RefundRowIssue[]): RowTerms {
  if (row.shape) add(issues, 'error', 'ROW_SHAPE', null, { ...row.shape });
  const c = row.cells;
  const pay_id = cell(c.pay_id);
  const trans_id = cell(c.trans_id);
  return {
    pay_id,
    trans_id,
    payIdUsable: checkPayId(pay_id, issues),
    transIdUsable: trans_id !== '' && checkTransId(trans_id, issues),
    amount_fen: checkRefundAmount(cell(c.amount), issues),
    currency: checkRefundCurrency(c.currency, issues),
    reason: checkReason(c.reason, issues),
    ref_nr: checkRefNr(cell(c.ref_nr), issues),
    captured_fen: checkCapturedAmount(cell(c.captured_amount), issues),
  };
}

/** PayID: Paygate's id of the payment to refund, exactly 32 letters and digits (an32). */
function checkPayId(value: string, issues: RefundRowIssue[]): boolean {
  if (value === '') {
    add(issues, 'error', 'REQUIRED_MISSING', 'pay_id');
    return false;
  }
  if (value.length !== PAY_ID_LENGTH) {
    add(issues, 'error', 'PAY_ID_INVALID', 'pay_id', {
      value: shown(value),
      reason: 'length',
      length: value.length,
      expected: PAY_ID_LENGTH,
    });
    return false;
  }
  if (!ALPHANUMERIC.test(value)) {
    add(issues, 'error', 'PAY_ID_INVALID', 'pay_id', { value: shown(value), reason: 'charset' });
    return false;
  }
  return true;
}

function checkTransId(value: string, issues: RefundRowIssue[]): boolean {
  const problem = transIdProblem(value);
  if (problem === null) return true;
  add(issues, 'error', 'TRANS_ID_INVALID', 'trans_id', {
    value: shown(value),
    reason: problem,
    length: value.length,
    max: TRANS_ID_MAX_LENGTH,
  });
  return false;
}

/** The refund amount in fen: a positive decimal amount of yuan, read digit by digit (money.ts), n..10. */
function checkRefundAmount(value: string, issues: RefundRowIssue[]): number | null {
  if (value === '') {
    add(issues, 'error', 'REQUIRED_MISSING', 'amount');
    return null;
  }
  const fen = parseAmountToFen(value);
  if (fen === null) {
    add(issues, 'error', 'AMOUNT_INVALID', 'amount', { value: shown(value) });
    return null;
  }
  if (fen > MAX_REFUND_FEN) {
    // A saturated amount has no exact fen value: show it as typed.
    const typed = fen === SATURATED_FEN ? shown(value) : formatFen(fen);
    add(issues, 'error', 'AMOUNT_TOO_LARGE', 'amount', { value: typed, max: formatFen(MAX_REFUND_FEN) });
    return fen === SATURATED_FEN ? null : fen;
  }
  return fen;
}

/** The original payment's captured amount, optional: the same format and limit as the refund amount. */
function checkCapturedAmount(value: string, issues: RefundRowIssue[]): number | null {
  if (value === '') return null;
  const fen = parseAmountToFen(value);
  if (fen === null) {
    add(issues, 'error', 'CAPTURED_AMOUNT_INVALID', 'captured_amount', {
      value: shown(value),
      reason: 'format',
    });
    return null;
  }
  if (fen > MAX_REFUND_FEN) {
    add(issues, 'error', 'CAPTURED_AMOUNT_INVALID', 'captured_amount', {
      value: shown(value),
      reason: 'too_large',
      max: formatFen(MAX_REFUND_FEN),
    });
    return null;
  }
  return fen;
}

/** Empty means CNY, as do RMB, 人民币 and 元 (the payout rule); anything else is refused. */
function checkRefundCurrency(raw: string, issues: RefundRowIssue[]): string {
  const found: RowIssue[] = [];
  const value = cell(raw);
  const currency = checkCurrency(value, found);
  // `kind` makes the message say refunds (not payouts) are CNY only.
  adopt(found, 'currency', issues, { kind: 'refund', value: shown(value) });
  return currency;
}

/**
 * The reason is free text like a payout's description: the same limit (255 characters) and the same refusal
 * of control, text-direction and invisible characters, so the rule is the payout rule's, reported on `reason`.
 */
function checkReason(raw: string, issues: RefundRowIssue[]): string {
  const found: RowIssue[] = [];
  checkTextHygiene({ description: raw }, found);
  adopt(found, 'reason', issues);
  return raw.trim();
}

/** RefNr: the merchant's reference (e.g. an invoice number), optional, an..32. Returns the value. */
function checkRefNr(value: string, issues: RefundRowIssue[]): string {
  if (value === '') return value;
  if (value.length > REF_NR_MAX_LENGTH) {
    add(issues, 'error', 'REF_NR_INVALID', 'ref_nr', {
      value: shown(value),
      reason: 'length',
      length: value.length,
      max: REF_NR_MAX_LENGTH,
    });
  } else if (!ALPHANUMERIC.test(value)) {
    add(issues, 'error', 'REF_NR_INVALID', 'ref_nr', {
      value: shown(value),
      reason: 'charset',
      max: REF_NR_MAX_LENGTH,
    });
  }
  return value;
}

/** Takes over what a payout rule found, naming the refund field it was about. */
function adopt(
  found: readonly RowIssue[],
  field: RefundField,
  issues: RefundRowIssue[],
  extra: RowIssue['params'] = {},
): void {
  for (const issue of found) issues.push({ ...issue, field, params: { ...issue.params, ...extra } });
}

export function add(
  issues: RefundRowIssue[],
  severity: RefundRowIssue['severity'],
  code: RefundRowIssue['code'],
  field: RefundField | null,
  params: RefundRowIssue['params'] = {},
): void {
  issues.push({ code, severity, field, params });
}

/** A cell as a message shows it: whole when short, else its start (messages escape unsafe characters). */
function shown(value: string): string {
  return value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;
}
