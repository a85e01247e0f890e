import type { Limits, PayoutDraft, PayoutField, ValidatedRow } from '../types.js';
import { checkAmount, type MethodNames } from './amount.js';
import { buildBankIndex, checkBank, type BankIndex } from './bank.js';
import { checkProvince, checkZip, requiredWithDefault, type IntakeDefaults } from './address.js';
import { checkAccountNumber, checkCard } from './card.js';
import type { ValidationContext } from './context.js';
import { checkCurrency } from './currency.js';
import { checkAcrossRows, CrossRowKeys } from './duplicates.js';
import { checkEmail } from './email.js';
import { flagHistoryDuplicates } from './history.js';
import { checkTextHygiene, keepHygieneIssuesOnly } from './hygiene.js';
import { checkIdNumber } from './idNumber.js';
import { addError, rowStatus, type IssueSink } from './issues.js';
import type { MappedRow } from './mappedRow.js';
import { checkChineseName } from './name.js';
import { checkPaymentIdFormat } from './paymentId.js';
import { checkPhone } from './phone.js';
import { buildRegionIndex, checkRegion, type RegionIndex } from './region.js';
import { cell } from './text.js';

export type { ValidationContext } from './context.js';
export type { MappedRow } from './mappedRow.js';

/** How often validation reports progress: rarely enough to cost nothing measurable. */
const PROGRESS_EVERY = 8192;

/** Lookups built once per run so no row pays for them. */
interface Tables {
  banks: BankIndex;
  regions: RegionIndex;
  names: MethodNames;
}

/**
 * Validates every row of a file and builds its payout draft: one pass of row rules, then one pass of the
 * checks across rows (duplicate payment_id, payment_id used before, repeated card + amount), which asks
 * the store once. Messages are not rendered here: see describeIssue.
 *
 * payment_id: when the file has no such column, or a row's cell is empty, the row gets a generated id
 * (payment_id is optional in the template). Only ids taken from the file are checked for duplicates and
 * earlier use.
 */
export function validateRows(rows: MappedRow[], ctx: ValidationContext): ValidatedRow[] {
  const validator = new RowValidator(ctx);
  for (const row of rows) validator.add(row);
  return validator.finish();
}

/** What the checks across rows learn from the store, which is asked once every row has been read. */
export type CrossRowAnswers = Pick<
  ValidationContext,
  'isPaymentIdUsed' | 'earlierPayouts' | 'historyDays' | 'cardKey'
>;

/**
 * validateRows one row at a time, as the CSV layer reads them (so a file's mapped rows never exist all at
 * once), then the checks across rows in `finish`, once the store has answered.
 */
export class RowValidator {
  private readonly out: ValidatedRow[] = [];
  private readonly keys = new CrossRowKeys();
  private readonly limits: Limits;
  private readonly tables: Tables;
  private readonly defaults: IntakeDefaults;
  private readonly checkPan: (value: string, issues: IssueSink) => string;

  constructor(private readonly ctx: ValidationContext) {
    this.limits = ctx.limits ?? ctx.method.limits;
    this.tables = {
      banks: buildBankIndex(ctx.method.banks),
      regions: buildRegionIndex(ctx.regions),
      names: { method: ctx.method.name_en, method_zh: ctx.method.name_zh },
    };
    this.defaults = ctx.defaults ?? {};
    this.checkPan = ctx.panKind === 'account' ? checkAccountNumber : checkCard;
  }

  get count(): number {
    return this.out.length;
  }

  add(row: MappedRow): void {
    const { ctx, tables, defaults } = this;
    const values = row.values;
    let issues: IssueSink = [];
    if (row.shape) addError(issues, 'ROW_SHAPE', null, row.shape);
    // Null in the usual case; else the cells too long or holding control characters (now previews).
    const flagged = checkTextHygiene(values, issues, row.mayHoldUnsafe !== false);

    const given = ctx.hasPaymentIdColumn ? cell(values.payment_id) : '';
    const suppliedId = given.length > 0 && checkPaymentIdFormat(given, issues) ? given : null;

    const amountFen = checkAmount(cell(values.amount), this.limits, tables.names, issues);
    const regionId = checkRegion(cell(values.region_id), tables.regions, issues);
    const cityCell = cell(values.city);
    const bankCityCell = cell(values.bank_city);
    const payout: PayoutDraft = {
      payment_id: given.length > 0 ? given : ctx.generatePaymentId(row.line),
      amount_fen: amountFen,
      currency: checkCurrency(cell(values.currency), issues),
      card_number: this.checkPan(cell(values.card_number), issues),
      bank_id: checkBank(cell(values.bank_id), tables.banks, tables.names, issues),
      region_id: regionId,
      last_name: checkChineseName('last_name', cell(values.last_name), issues),
      first_name: checkChineseName('first_name', cell(values.first_name), issues),
      customer_id: cell(values.customer_id),
      phone: checkPhone(required('phone', cell(values.phone), defaults.phone, values, issues), issues),
      email: checkEmail(required('email', cell(values.email), defaults.email, values, issues), issues),
      id_number: checkIdNumber(cell(values.id_number), issues),
      branch: required('branch', cell(values.branch), undefined, values, issues),
      // The bank's city and the payee's city stand in for each other: both are a city in Chinese.
      bank_city: required('bank_city', bankCityCell || cityCell, undefined, values, issues),
      province: checkProvince(cell(values.province), regionId, tables.regions, issues),
      city: required('city', cityCell || bankCityCell, defaults.city, values, issues),
      street: required('street', cell(values.street), defaults.street, values, issues),
      zip: checkZip(required('zip', cell(values.zip), defaults.zip, values, issues), issues),
      description: required('description', cell(values.description), defaults.description, values, issues),
    };
    if (flagged !== null) issues = keepHygieneIssuesOnly(issues, flagged);
    const i = this.out.length;
    this.out.push({ line: row.line, status: 'ok', issues, payout });
    this.keys.record(i, suppliedId, payout);
    if (ctx.progress && (i + 1) % PROGRESS_EVERY === 0) ctx.progress(i + 1, ctx.expectedRows ?? null);
  }

  /** The payment ids the rows took from the file (valid ones, repeats kept): the ones to ask the store about. */
  suppliedPaymentIds(): string[] {
    const ids: string[] = [];
    for (const id of this.keys.ids) if (id != null) ids.push(id);
    return ids;
  }

  /** The checks across rows, then each row's status. */
  finish(answers: CrossRowAnswers = {}): ValidatedRow[] {
    const { out, keys, ctx } = this;
    checkAcrossRows(out, keys, answers.isPaymentIdUsed ?? ctx.isPaymentIdUsed);
    const earlier = answers.earlierPayouts ?? ctx.earlierPayouts;
    const cardKey = answers.cardKey ?? ctx.cardKey;
    if (earlier && cardKey)
      flagHistoryDuplicates(out, keys.pans, earlier, answers.historyDays ?? ctx.historyDays ?? 0, cardKey);
    for (const row of out) row.status = rowStatus(row.issues);
    ctx.progress?.(out.length, out.length);
    return out;
  }
}

/** A mandatory field: the cell, else the organisation default, else REQUIRED_MISSING. */
function required(
  field: PayoutField,
  value: string,
  fallback: string | undefined,
  values: MappedRow['values'],
  issues: IssueSink,
): string {
  return requiredWithDefault(field, value, fallback, values[field] !== undefined, issues);
}
