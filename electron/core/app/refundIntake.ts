/**
 * Refund files: validate, and import as a draft refund batch. The same intake rules as payout files (encodings,
 * English and Chinese headers, exact cells, all rows or none, the same report shapes); the rows are refunds of
 * earlier ChinaPay payments, checked against what each payment captured before anyone approves them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  FilePreview,
  ImportReport,
  RefundRowFields,
  ValidatedRowView,
  ValidationReport,
} from '../../contract/records.js';
import { planImport, summarize, type IntakeResult } from '../intake.js';
import { readRefundCsv, type RefundCsv } from '../refunds/readRefundFile.js';
import type { RefundField } from '../refunds/fields.js';
import { parseRefundMapOption, refundColumnMapFromRecord } from '../refunds/headers.js';
import {
  generateTransId,
  refundIdsToLookUp,
  validateRefundRows,
  type RefundValidationContext,
  type ValidatedRefundRow,
} from '../refunds/validateRefunds.js';
import type { RefundTermsInput } from '../store/refundsPort.js';
import { StoreError } from '../store/errors.js';
import type { ConsoleStore } from '../store/ports.js';
import type { Lang, PayoutDraft, ValidatedRow } from '../types.js';
import type { MutationContext, OperationContext } from './context.js';
import { AppError } from './errors.js';
import { refusalView } from './importRefusals.js';
import type { IntakeRequest } from './intakeRequest.js';
import { invalid } from './input.js';
import { protector } from './payeeProtection.js';
import { validatedRowView } from './views.js';

/** A refund row as the shared intake sees it: a payout draft with the TransID and amount, payee fields empty. */
function draftOf(row: ValidatedRefundRow): PayoutDraft {
  return {
    payment_id: row.refund.trans_id,
    amount_fen: row.refund.amount_fen,
    currency: row.refund.currency,
    card_number: '',
    bank_id: 0,
    region_id: 0,
    last_name: '',
    first_name: '',
    customer_id: '',
    phone: '',
    email: '',
    id_number: '',
    branch: '',
    bank_city: '',
    province: '',
    city: '',
    street: '',
    zip: '',
    description: '',
  };
}

function refundFieldsOf(row: ValidatedRefundRow): RefundRowFields {
  return {
    pay_id: row.refund.pay_id,
    trans_id: row.refund.trans_id,
    ref_nr: row.refund.ref_nr,
    reason: row.refund.reason,
    captured_fen: row.refund.captured_fen,
  };
}

/** `their header=field,…` or header → field pairs, against the refund fields. */
function refundMapOf(raw: IntakeRequest['rawMap']): Map<string, RefundField> | undefined {
  if (raw === undefined) return undefined;
  return typeof raw === 'string' ? parseRefundMapOption(raw) : refundColumnMapFromRecord(raw);
}

/** What the store knows, for the checks across files: TransIDs used, captured and refunded amounts. */
function validationContext(store: ConsoleStore | null | undefined): {
  ask(rows: RefundCsv['rows']): Promise<RefundValidationContext>;
} {
  return {
    async ask(rows) {
      const { transIds, payIds } = refundIdsToLookUp(rows);
      const [used, known] = store
        ? await Promise.all([store.batches.usedPaymentIds(transIds), store.refunds.knownPayments(payIds)])
        : [new Set<string>(), new Map()];
      return {
        usedTransIds: () => used,
        knownPayments: () => known,
        newTransId: generateTransId,
      };
    },
  };
}

interface ValidatedRefundFile {
  csv: RefundCsv;
  refunds: ValidatedRefundRow[];
  validation: IntakeResult;
}

async function readAndValidate(ctx: OperationContext, request: IntakeRequest): Promise<ValidatedRefundFile> {
  // A refund file is corrected in the file itself: the grid edits payout cells only.
  if (request.changes)
    throw invalid('edits', {
      en: 'no edits or left-out lines: correct a refund file in the file itself',
      zh: '不可编辑或排除行：请直接更正退款文件',
    });
  const store = ctx.store;
  const csv = readRefundCsv(request.bytes, {
    encoding: request.encoding,
    delimiter: request.delimiter,
    map: refundMapOf(request.rawMap),
    contentDigest: store !== null && store !== undefined,
  });
  const refunds = validateRefundRows(csv.rows, await validationContext(store).ask(csv.rows));
  const rows: ValidatedRow[] = refunds.map((row) => ({
    line: row.line,
    status: row.status,
    issues: row.issues,
    payout: draftOf(row),
  }));
  const sha256 = createHash('sha256').update(request.bytes).digest('hex');
  const duplicateOf = store ? await store.batches.importedFrom(sha256, csv.contentSha256 ?? undefined) : [];
  const validation: IntakeResult = {
    file: {
      name: request.fileName,
      sha256,
      content_sha256: csv.contentSha256,
      encoding: csv.encoding,
      bom: csv.bom,
      delimiter: csv.delimiter,
      rows: csv.rowCount,
      ignored_columns: csv.ignoredColumns,
    },
    summary: summarize(rows),
    rows,
    duplicateOf,
  };
  return { csv, refunds, validation };
}

function rowViews(
  file: ValidatedRefundFile,
  which: 'all' | 'problems' | 'errors' | 'none' | ReadonlySet<number>,
  lang: Lang,
): ValidatedRowView[] {
  if (which === 'none') return [];
  const views: ValidatedRowView[] = [];
  file.validation.rows.forEach((row, index) => {
    const keep =
      which === 'all' ||
      (which === 'errors' && row.status === 'error') ||
      (which === 'problems' && row.issues.length > 0) ||
      (which instanceof Set && which.has(row.line));
    const refund = file.refunds[index];
    if (keep && refund) views.push({ ...validatedRowView(row, lang), refund: refundFieldsOf(refund) });
  });
  return views;
}

function previewOf(csv: RefundCsv, rows: number): FilePreview {
  const mapping: Record<string, string | null> = Object.fromEntries(csv.header.map((name) => [name, null]));
  for (const [field, index] of Object.entries(csv.mapping.columns)) {
    const name = csv.header[index];
    if (name !== undefined) mapping[name] = field;
  }
  return { header: csv.header, mapping, rows: csv.preview.slice(0, rows) };
}

const fileView = (validation: IntakeResult) => ({ ...validation.file, duplicate_of: validation.duplicateOf });

export async function validateRefundFile(
  ctx: OperationContext,
  request: IntakeRequest,
): Promise<ValidationReport> {
  const file = await readAndValidate(ctx, request);
  return {
    file: fileView(file.validation),
    summary: file.validation.summary,
    rows: rowViews(file, request.lines ?? request.rows ?? 'all', ctx.lang),
    preview: previewOf(file.csv, request.previewRows),
  };
}

/** A ReqId: 32 upper-case hex characters, fixed at import so every attempt of the credit carries it. */
function newReqId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export async function importRefundFile(
  ctx: MutationContext,
  request: IntakeRequest & { dropErrors?: boolean; allowDuplicateFile?: boolean },
): Promise<ImportReport> {
  const store = ctx.store;
  if (!store) throw new AppError('NO_DATABASE', { path: '—' });
  const file = await readAndValidate(ctx, request);
  const { validation } = file;
  const which = request.lines ?? request.rows ?? 'none';
  const report = (
    stored: ImportReport['stored'],
    batchId: number | null,
    refusal: Parameters<typeof refusalView>[0] | null,
  ): ImportReport => ({
    batch_id: batchId,
    summary: validation.summary,
    file: fileView(validation),
    stored,
    refused: refusal ? refusalView(refusal, ctx.lang) : null,
    error_rows: rowViews(file, 'errors', ctx.lang),
    ...(which !== 'none' ? { rows: rowViews(file, which, ctx.lang) } : {}),
  });
  const plan = planImport(validation, {
    dropErrors: request.dropErrors,
    allowDuplicateFile: request.allowDuplicateFile,
  });
  if (plan.refusal) return report(null, null, plan.refusal);

  const byLine = new Map(file.refunds.map((row) => [row.line, row]));
  const refunds: RefundTermsInput[] = plan.payouts.map(({ line }) => {
    const { refund } = byLine.get(line) as ValidatedRefundRow;
    return {
      transId: refund.trans_id,
      payId: refund.pay_id,
      reqId: newReqId(),
      refNr: refund.ref_nr,
      reason: refund.reason,
      capturedFen: refund.captured_fen,
    };
  });
  const protect = protector(await ctx.keyring.unlock());
  try {
    const stored = await store.refunds.storeImported(
      {
        draft: {
          kind: 'refund',
          method: 'chinapay',
          sourceFileName: validation.file.name,
          sourceSha256: validation.file.sha256,
          contentSha256: validation.file.content_sha256 ?? undefined,
          encoding: validation.file.encoding,
          delimiter: validation.file.delimiter,
          rowCount: validation.summary.rows,
          createdBy: ctx.actor,
          droppedErrorRows: validation.summary.errors,
          payouts: plan.payouts,
          protect,
          refuseDuplicateFile: !request.allowDuplicateFile,
        },
        refunds,
      },
      ctx.audit({ kind: 'refund' }),
    );
    ctx.events.emit({ type: 'batch.changed', batch_id: stored.batchId, status: 'draft' });
    return report({ payouts: stored.payoutCount, total_fen: stored.totalFen }, stored.batchId, null);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'FILE_ALREADY_IMPORTED')
      return report(null, null, { code: 'FILE_ALREADY_IMPORTED', batchIds: error.details.batchIds ?? [] });
    if (error instanceof StoreError && error.code === 'PAYMENT_ID_USED') {
      const { paymentId = '', line = 0 } = error.details;
      return report(null, null, { code: 'PAYMENT_ID_USED', paymentId, line });
    }
    throw error;
  }
}
