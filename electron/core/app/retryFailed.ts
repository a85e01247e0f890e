/**
 * Failed payouts paid again: the declined and rejected payouts of a batch become a new draft batch, made by
 * the caller and approved afresh by someone else (the four-eyes rule sees its creator). Each new payout has a
 * new payment id, generated as an import generates them, and keeps the payment id of the payout it pays
 * again; the draft keeps the source batch's id.
 *
 * Which payouts: only those the provider or its gateway refused outright — `decline` (the provider's final
 * refusal) and `rejected` (the gateway refused the request before registering it). Nothing was paid for
 * either. Never a payout that paid or may still pay: success, partially_paid_out and reversed (money moved),
 * unknown, accepted, processing, sending and needs_attention (the outcome is not known), and not the
 * provider's `error` status either: it is final, but the issue asks for declined and rejected rows only, and
 * an error is looked at by a person first.
 *
 * At most once: a payout is paid again only if no other payout pays it again already, except one that never
 * left the machine and never will (its draft was rejected, or its batch was cancelled before it was sent).
 * A retry that was sent and failed in turn is paid again from its own batch. The store checks this again in
 * the transaction that stores the draft (store/sqlite/retries.ts), so two retries at once store one draft.
 *
 * The rows, with the caller's edits (by the source batch's line), pass the import's own row validation: bank,
 * region, limits, card, names, address. One row with an error refuses the whole retry, naming the lines.
 */
import { createHash } from 'node:crypto';
import type { Operations } from '../../contract/operations.js';
import type { RetryBatchResult, RowEdit } from '../../contract/records.js';
import { validatePayoutRows, type ReadPayoutFile } from '../intake.js';
import { fenToDecimalString } from '../money.js';
import type { RetrySource } from '../store/retriesPort.js';
import type { BatchRecord, DraftPayoutInput } from '../store/types.js';
import { isPayoutMethod, type EarlierPayout, type MethodId, type ValidatedRow } from '../types.js';
import type { MappedRow } from '../validation/mappedRow.js';
import type { MutationContext } from './context.js';
import { AppError } from './errors.js';
import type { Expected } from './expected.js';
import { CELL_OF_FIELD, PAYOUT_FIELD_KEYS } from './payoutCells.js';
import { fieldsOf, invalid, oneOf, optionalList, optionalText, positiveInteger } from './input.js';
import { mutation, type Operation } from './operation.js';
import { protector, type FieldCipher } from './payeeProtection.js';
import { ownLimitsWithinProvider, readSettings } from './settingsModel.js';
import { batchView } from './views.js';

/** The payout states paid again (see above for why these and no others). */
export const RETRYABLE_STATES: readonly string[] = ['decline', 'rejected'];

/** The most edits or left-out lines one call takes: one per payout of the largest batch. */
const MAX_ITEMS = 100_000;
/** The most rows with errors a refusal names. */
const NAMED_ERROR_ROWS = 20;

/** Every field but the payment id, which is always a new one. */
const EDITABLE = PAYOUT_FIELD_KEYS.filter((f) => f !== 'payment_id');

const FAILED_LINE: Expected = {
  en: 'the line of a declined or rejected payout of the batch',
  zh: '该批次中被拒绝或已拒绝付款的行号',
};

interface RetryRequest {
  batchId: number;
  edits: RowEdit[];
  leaveOut: number[];
}

function list<T>(value: unknown, field: string, item: (v: unknown, f: string) => T): T[] {
  if (Array.isArray(value) && value.length > MAX_ITEMS)
    throw invalid(field, { en: `a list of at most ${MAX_ITEMS} items`, zh: `不超过 ${MAX_ITEMS} 项的列表` });
  return optionalList(value, field, item) ?? [];
}

function editOf(raw: unknown, field: string): RowEdit {
  const edit = fieldsOf(raw);
  const value = optionalText(edit['value'], `${field}.value`);
  if (value === undefined) throw invalid(`${field}.value`, { en: 'text', zh: '文本' });
  return {
    line: positiveInteger(edit['line'], `${field}.line`),
    field: oneOf(edit['field'], EDITABLE, `${field}.field`),
    value,
  };
}

function retryRequest(raw: unknown): RetryRequest {
  const fields = fieldsOf(raw);
  return {
    batchId: positiveInteger(fields['batchId'], 'batchId'),
    edits: list(fields['edits'], 'edits', editOf),
    leaveOut: list(fields['leaveOut'], 'leaveOut', positiveInteger),
  };
}

/** The payouts paid again: the failed ones not left out; every edit and left-out line must name one. */
function chosenPayouts(failed: RetrySource[], request: RetryRequest): RetrySource[] {
  const lines = new Set(failed.map((payout) => payout.line));
  request.edits.forEach((edit, i) => {
    if (!lines.has(edit.line)) throw invalid(`edits[${i}].line`, FAILED_LINE);
  });
  request.leaveOut.forEach((line, i) => {
    if (!lines.has(line)) throw invalid(`leaveOut[${i}]`, FAILED_LINE);
  });
  const leftOut = new Set(request.leaveOut);
  return failed.filter((payout) => !leftOut.has(payout.line));
}

/** A failed payout as the cells of a file row (its payee data opened), with the caller's edits applied. */
function rowOf(payout: RetrySource, fields: FieldCipher, edits: readonly RowEdit[]): MappedRow {
  const clear = payout.payee_sealed
    ? fields.open(payout.payee_sealed, payout.payment_id)
    : { card_number: payout.card_number, id_number: payout.id_number, phone: payout.phone };
  const values: MappedRow['values'] = {
    amount: fenToDecimalString(payout.amount_fen),
    currency: payout.currency,
    card_number: clear.card_number,
    bank_id: String(payout.bank_id),
    region_id: String(payout.region_id),
    last_name: payout.last_name,
    first_name: payout.first_name,
    customer_id: payout.customer_id,
    phone: clear.phone,
    email: payout.email,
    id_number: clear.id_number,
    branch: payout.branch,
    bank_city: payout.bank_city,
    province: payout.province,
    city: payout.city,
    street: payout.street,
    zip: payout.zip,
    description: payout.description,
  };
  for (const edit of edits) if (edit.line === payout.line) values[CELL_OF_FIELD[edit.field]] = edit.value;
  return { line: payout.line, values };
}

/**
 * The rows as a file without a payment_id column, read: validation then generates every payment id the way
 * an import does.
 */
function readRows(rows: MappedRow[], source: BatchRecord): ReadPayoutFile {
  const name = `retry-of-batch-${source.id}`;
  return {
    file: {
      name,
      sha256: '',
      content_sha256: null,
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      rows: rows.length,
      ignored_columns: [],
    },
    csv: {
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      header: [],
      mapping: { columns: {}, ignored: [], hasPaymentIdColumn: false },
      rows,
      rowCount: rows.length,
      ignoredColumns: [],
      preview: [],
      contentSha256: null,
    },
  };
}

/**
 * Earlier payouts to compare the new rows with (same card, same amount), less the failed payouts being paid
 * again: paying a declined payout again is the point, paying a card again that was paid is what is flagged.
 */
function earlierExceptSources(
  earlier: readonly EarlierPayout[],
  sourceBatchId: number,
  chosen: readonly RetrySource[],
): EarlierPayout[] {
  const skip = new Map<string, number>();
  for (const payout of chosen) {
    const key = `${payout.card_hash}|${payout.amount_fen}`;
    skip.set(key, (skip.get(key) ?? 0) + 1);
  }
  return earlier.filter((payout) => {
    if (payout.batch_id !== sourceBatchId) return true;
    const key = `${payout.card_hash}|${payout.amount_fen}`;
    const left = skip.get(key) ?? 0;
    if (left === 0) return true;
    skip.set(key, left - 1);
    return false;
  });
}

function rowsWithErrors(rows: readonly ValidatedRow[]): AppError | null {
  const errors = rows.filter((row) => row.status === 'error');
  if (errors.length === 0) return null;
  // Codes and field names only: a refusal never carries a payee's data.
  const named = errors.slice(0, NAMED_ERROR_ROWS).map((row) => {
    const problems = row.issues
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.field ?? '—'} ${issue.code}`);
    return `${row.line} ${problems.join(', ')}`;
  });
  if (errors.length > NAMED_ERROR_ROWS) named.push('…');
  return new AppError('RETRY_ROWS_INVALID', { count: errors.length, lines: named.join('; ') });
}

async function validatedRows(
  ctx: MutationContext,
  source: BatchRecord,
  chosen: RetrySource[],
  rows: MappedRow[],
  fields: FieldCipher,
): Promise<ValidatedRow[]> {
  const settings = readSettings(await ctx.store.settings.all());
  const windowDays = settings.duplicate_window_days;
  const earlier =
    windowDays > 0
      ? earlierExceptSources(
          await ctx.store.batches.earlierPayouts(
            new Date(ctx.now().getTime() - windowDays * 86_400_000).toISOString(),
          ),
          source.id,
          chosen,
        )
      : undefined;
  const method = source.method as MethodId; // refund batches are refused before this
  const validation = validatePayoutRows(readRows(rows, source), ctx.reference, {
    method,
    limits: ownLimitsWithinProvider(settings.limits, ctx.reference)[method],
    panKind: settings.pan_kind[method] ?? 'card',
    installationId: await ctx.store.meta.installationId(),
    earlierPayouts: earlier,
    cardKey: (pan) => fields.cardHash(pan),
    historyDays: windowDays,
  });
  return validation.rows;
}

/** What the new batch records as its source: the source batch and the payouts paid again, no payee data. */
function sourceDigest(sourceBatchId: number, links: ReadonlyArray<{ paymentId: string; retryOf: string }>) {
  return createHash('sha256')
    .update(JSON.stringify({ retry_of_batch: sourceBatchId, links }))
    .digest('hex');
}

export const retryHandlers = {
  retryFailedPayouts: mutation({
    action: 'batch.retry',
    input: retryRequest,
    batchOf: (input) => input.batchId,
    async run(ctx, request): Promise<RetryBatchResult> {
      // The wrapper loaded the batch, refusing a missing one.
      const source = ctx.batch;
      if (!source) throw new AppError('BATCH_NOT_FOUND', { batchId: request.batchId });
      if (!isPayoutMethod(source.method)) throw new AppError('RETRY_NOT_FOR_REFUNDS', { batchId: source.id });
      const failed = await ctx.store.retries.failedPayouts(source.id, RETRYABLE_STATES);
      const chosen = chosenPayouts(failed, request);
      if (chosen.length === 0) throw new AppError('RETRY_NOTHING', { batchId: source.id });
      const paidAgain = chosen.find((payout) => payout.retried_in_batch !== null);
      if (paidAgain)
        throw new AppError('RETRY_ALREADY_MADE', {
          paymentId: paidAgain.payment_id,
          retryBatchId: paidAgain.retried_in_batch,
        });

      const keys = await ctx.keyring.unlock();
      const rows = chosen.map((payout) => rowOf(payout, keys.fields, request.edits));
      const validated = await validatedRows(ctx, source, chosen, rows, keys.fields);
      const refusal = rowsWithErrors(validated);
      if (refusal) throw refusal;

      const byLine = new Map(chosen.map((payout) => [payout.line, payout]));
      const payouts: DraftPayoutInput[] = validated.map((row) => ({
        line: row.line,
        payout: row.payout,
        warnings: row.issues.map((issue) => issue.code),
      }));
      const links = validated.map((row) => ({
        paymentId: row.payout.payment_id,
        retryOf: byLine.get(row.line)?.payment_id ?? '',
      }));
      const details = {
        source_batch_id: source.id,
        payouts: payouts.length,
        edited_cells: request.edits.length,
        left_out: request.leaveOut.length,
      };
      const result = await ctx.store.retries.storeRetry(
        {
          sourceBatchId: source.id,
          links,
          draft: {
            method: source.method,
            sourceFileName: `retry-of-batch-${source.id}`,
            sourceSha256: sourceDigest(source.id, links),
            encoding: source.encoding,
            delimiter: source.delimiter,
            rowCount: payouts.length,
            createdBy: ctx.actor,
            droppedErrorRows: 0,
            payouts,
            protect: protector(keys),
          },
        },
        ctx.audit(details),
        ctx.audit(details),
      );
      if (!result.ok) {
        const [first] = result.alreadyRetried;
        throw new AppError('RETRY_ALREADY_MADE', {
          paymentId: first?.payment_id ?? '',
          retryBatchId: first?.batch_id ?? 0,
        });
      }
      const batchId = result.stored.batchId;
      ctx.events.emit({ type: 'batch.changed', batch_id: batchId, status: 'draft' });
      const [listing] = await ctx.store.batches.list({ ids: [batchId] });
      if (!listing) throw new AppError('BATCH_NOT_FOUND', { batchId });
      return {
        batch: batchView(listing),
        source_batch_id: source.id,
        payouts: validated.map((row, i) => ({
          line: row.line,
          payment_id: row.payout.payment_id,
          retry_of: links[i]?.retryOf ?? '',
          amount_fen: row.payout.amount_fen ?? 0,
        })),
      };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
