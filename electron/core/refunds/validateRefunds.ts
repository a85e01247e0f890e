/**
 * Validation of a refund file's rows: each row on its own (rowRules.ts), then what only the rows together and
 * the console's history tell — TransIDs unique forever, one captured amount per payment, the same refund twice,
 * and refunds of one payment that together go above what it captured.
 */
import { smallerCapture } from './capture.js';
import { formatFen } from '../money.js';
import type { RowStatus } from '../types.js';
import { add, checkRefundRow, type RefundRowIssue, type RowTerms } from './rowRules.js';
import type { RefundCells } from './readRefundFile.js';

export { generateTransId } from './transId.js';

export interface KnownPaymentFacts {
  /** The captured amount (from an earlier refund's file or an inquiry); null when unknown. */
  capturedFen: number | null;
  /**
   * Already refunded or credited: the larger of the provider's credited sum and the console's own refunds of
   * it that are not failed.
   */
  refundedFen: number;
}

export interface RefundValidationContext {
  /** TransIDs already stored (any batch, any state: unique forever). */
  usedTransIds(ids: readonly string[]): ReadonlySet<string>;
  /** What is known of these PayIDs (absent: nothing). */
  knownPayments(payIds: readonly string[]): ReadonlyMap<string, KnownPaymentFacts>;
  /** A new TransID for a row that leaves it empty (unique; the caller checks history too). */
  newTransId(): string;
}

/** A refund as one file row gives it. Fields that could not be read are null. */
export interface RefundDraft {
  pay_id: string;
  trans_id: string;
  /** True when the file left the TransID empty and `trans_id` was generated. */
  trans_id_generated: boolean;
  amount_fen: number | null;
  currency: string;
  reason: string;
  ref_nr: string;
  /** The original payment's captured amount as this row gives it; null when not given (or unreadable). */
  captured_fen: number | null;
}

export interface ValidatedRefundRow {
  line: number;
  status: RowStatus;
  issues: RefundRowIssue[];
  refund: RefundDraft;
}

/**
 * The ids validation will ask the context about, as it will ask (trimmed, well-formed, each once): for a caller
 * whose history is asynchronous to fetch the answers first and then answer from them. Generated TransIDs are
 * asked about as well, one round at a time.
 */
export function refundIdsToLookUp(rows: readonly RefundCells[]): { transIds: string[]; payIds: string[] } {
  const terms = rows.map((row) => checkRefundRow(row, []));
  return {
    transIds: distinct(terms.filter((t) => t.transIdUsable).map((t) => t.trans_id)),
    payIds: distinct(terms.filter((t) => t.payIdUsable).map((t) => t.pay_id)),
  };
}

/** A row while it is being validated. */
interface RowState {
  line: number;
  terms: RowTerms;
  issues: RefundRowIssue[];
  trans_id: string;
  generated: boolean;
}

/** How often a generated TransID may turn out taken before generation is considered broken. */
const MAX_GENERATION_ROUNDS = 8;

/** Validates a refund file's rows, in file order. */
export function validateRefundRows(
  rows: readonly RefundCells[],
  ctx: RefundValidationContext,
): ValidatedRefundRow[] {
  const states = rows.map((row): RowState => {
    const issues: RefundRowIssue[] = [];
    const terms = checkRefundRow(row, issues);
    return { line: row.line, terms, issues, trans_id: terms.trans_id, generated: false };
  });
  flagRepeatedTransIds(states);
  flagUsedTransIds(states, ctx);
  generateMissingTransIds(states, ctx);
  const captured = capturedAmountsOfFile(states);
  flagRepeatedRefunds(states);
  flagRefundsAboveCapture(states, captured, ctx);
  return states.map(({ line, terms, issues, trans_id, generated }) => ({
    line,
    status: statusOf(issues),
    issues,
    refund: {
      pay_id: terms.pay_id,
      trans_id,
      trans_id_generated: generated,
      amount_fen: terms.amount_fen,
      currency: terms.currency,
      reason: terms.reason,
      ref_nr: terms.ref_nr,
      captured_fen: terms.captured_fen,
    },
  }));
}

/** A TransID given twice in the file: every later row is an error naming the line that had it first. */
function flagRepeatedTransIds(states: readonly RowState[]): void {
  const firstLine = new Map<string, number>();
  for (const state of states) {
    if (!state.terms.transIdUsable) continue;
    const first = firstLine.get(state.trans_id);
    if (first === undefined) firstLine.set(state.trans_id, state.line);
    else
      add(state.issues, 'error', 'TRANS_ID_DUPLICATE', 'trans_id', {
        value: state.trans_id,
        first_line: first,
        line: state.line,
      });
  }
}

/** A TransID an earlier batch stored, whatever became of it: Computop wants one per action, forever. */
function flagUsedTransIds(states: readonly RowState[], ctx: RefundValidationContext): void {
  const given = distinct(states.filter((s) => s.terms.transIdUsable).map((s) => s.trans_id));
  if (given.length === 0) return;
  const used = ctx.usedTransIds(given);
  for (const state of states) {
    if (state.terms.transIdUsable && used.has(state.trans_id))
      add(state.issues, 'error', 'TRANS_ID_USED', 'trans_id', { value: state.trans_id });
  }
}

/**
 * Gives each row without a TransID a new one, distinct from every TransID in the file (valid or not, so that
 * a correction cannot collide) and from history.
 */
function generateMissingTransIds(states: readonly RowState[], ctx: RefundValidationContext): void {
  const taken = new Set(states.map((s) => s.trans_id).filter((id) => id !== ''));
  let pending = states.filter((s) => s.trans_id === '');
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_GENERATION_ROUNDS) throw new Error('TransID generation keeps producing taken ids');
    for (const state of pending) {
      let id = ctx.newTransId();
      while (taken.has(id)) id = ctx.newTransId();
      taken.add(id);
      state.trans_id = id;
      state.generated = true;
    }
    const used = ctx.usedTransIds(pending.map((s) => s.trans_id));
    pending = pending.filter((s) => used.has(s.trans_id));
  }
}

/** The captured amount the file gives per PayID: the first row's that gives one. */
interface FileCapture {
  fen: number;
  line: number;
}

/**
 * One payment has one captured amount: a row giving another than the first row of the same PayID is an
 * error. Returns the first one per PayID.
 */
function capturedAmountsOfFile(states: readonly RowState[]): Map<string, FileCapture> {
  const captured = new Map<string, FileCapture>();
  for (const { terms, issues, line } of states) {
    if (!terms.payIdUsable || terms.captured_fen === null) continue;
    const first = captured.get(terms.pay_id);
    if (first === undefined) captured.set(terms.pay_id, { fen: terms.captured_fen, line });
    else if (first.fen !== terms.captured_fen)
      add(issues, 'error', 'CAPTURED_AMOUNT_CONFLICT', 'captured_amount', {
        pay_id: terms.pay_id,
        value: formatFen(terms.captured_fen),
        first: formatFen(first.fen),
        first_line: first.line,
      });
  }
  return captured;
}

/**
 * The same payment refunded the same amount with the same reference number twice is usually one refund
 * entered twice; a second refund of the same amount can be genuine, so it is a warning.
 */
function flagRepeatedRefunds(states: readonly RowState[]): void {
  const firstLine = new Map<string, number>();
  for (const { terms, issues, line } of states) {
    if (!terms.payIdUsable || terms.amount_fen === null) continue;
    const key = `${terms.pay_id}|${terms.amount_fen}|${terms.ref_nr}`;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else
      add(issues, 'warning', 'REFUND_DUPLICATE', null, {
        pay_id: terms.pay_id,
        amount: formatFen(terms.amount_fen),
        ref_nr: terms.ref_nr,
        first_line: first,
      });
  }
}

/**
 * Per PayID whose captured amount is known (this file's, else what the console knows), walks its rows in file
 * order, adding each amount to what is already refunded: every row that takes the total above the captured
 * amount is an error. Rows with another error take no part: they will not be sent as they are. Rows above the
 * capture keep counting, so a later row is judged against the file as written.
 */
function flagRefundsAboveCapture(
  states: readonly RowState[],
  fileCaptured: ReadonlyMap<string, FileCapture>,
  ctx: RefundValidationContext,
): void {
  const walked = states.filter(
    (s) => s.terms.payIdUsable && s.terms.amount_fen !== null && statusOf(s.issues) !== 'error',
  );
  if (walked.length === 0) return;
  const known = ctx.knownPayments(distinct(walked.map((s) => s.terms.pay_id)));
  const inFile = new Map<string, number>();
  for (const { terms, issues } of walked) {
    const facts = known.get(terms.pay_id);
    const fromFile = fileCaptured.get(terms.pay_id);
    // Where the file and what is known disagree, the smaller capture holds: a refund is never sent on the
    // strength of the larger figure.
    const captured = smallerCapture(fromFile?.fen ?? null, facts?.capturedFen ?? null);
    const refunded = facts?.refundedFen ?? 0;
    const earlier = inFile.get(terms.pay_id) ?? 0;
    const amount = terms.amount_fen!;
    inFile.set(terms.pay_id, earlier + amount);
    if (captured === null || refunded + earlier + amount <= captured) continue;
    add(issues, 'error', 'REFUND_ABOVE_CAPTURE', 'amount', {
      pay_id: terms.pay_id,
      amount: formatFen(amount),
      captured: formatFen(captured),
      source: fromFile && captured === fromFile.fen ? 'file' : 'known',
      refunded: formatFen(refunded),
      in_file: formatFen(earlier),
      already: formatFen(refunded + earlier),
      remaining: formatFen(Math.max(0, captured - refunded - earlier)),
    });
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** error if any issue blocks the row, else warning if any, else ok. */
function statusOf(issues: readonly RefundRowIssue[]): RowStatus {
  if (issues.some((issue) => issue.severity === 'error')) return 'error';
  return issues.length > 0 ? 'warning' : 'ok';
}
