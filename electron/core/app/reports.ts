/**
 * Month-end reports: every payout of a batch, or of a range of local days, with its outcome, provider code
 * and plain reason in the caller's language, and summaries by status, bank, region and day; as one page for
 * a screen, or as a file (CSV, XLSX, JSON) for Excel. Summaries are counted in SQL, so a page of a 100k-payout
 * month reads only that page's rows.
 *
 * Exports are audited ('report.export'): who took which payouts out, in which format, and whether card
 * numbers were in clear (an admin only, who may also reveal payee data).
 */
import type { Operations } from '../../contract/operations.js';
import type {
  PayoutReport,
  ReportEncoding,
  ReportFile,
  ReportFormat,
  ReportRowView,
  ReportSummary,
} from '../../contract/records.js';
import { maskPan } from '../i18n/mask.js';
import { plainReason } from '../i18n/payoutReasons.js';
import { localDayOf, localDayRange } from '../reports/reportDays.js';
import { reportCsv } from '../reports/reportCsv.js';
import { FAILED_STATES, reportSummary, type SummaryLabels } from '../reports/reportSummary.js';
import { reportXlsx } from '../reports/reportXlsx.js';
import { maskCardNumber } from '../security/index.js';
import type { ConsoleStore } from '../store/ports.js';
import type { ReportRow, ReportSelection } from '../store/reportsPort.js';
import type { BatchMethod, Lang } from '../types.js';
import { bankLabeller } from './approvalReview.js';
import type { OperationContext } from './context.js';
import { AppError } from './errors.js';
import {
  fieldsOf,
  integerIn,
  optionalBoolean,
  optionalOneOf,
  optionalText,
  oneOf,
  positiveInteger,
} from './input.js';
import { principalOf, query, requireStore, type Operation } from './operation.js';
import { PAYOUT_GUIDANCE } from './views.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'json'];
const ENCODINGS: readonly ReportEncoding[] = ['utf-8', 'gb18030'];

/** Who the audit trail names for an export read without signing in (the command line; see Caller). */
const COMMAND_LINE_ACTOR = 'command line';

interface ReportRequest {
  selection: ReportSelection;
  scope: ReportSummary['scope'];
  /** What the file is called after: `batch-7` or `2026-11-01_2026-11-30`. */
  fileStem: string;
}

/** A batch, or a range of days; exactly one. */
function reportRequest(raw: unknown): ReportRequest {
  const fields = fieldsOf(raw);
  const hasBatch = fields['batchId'] !== undefined;
  const hasRange = fields['from'] !== undefined || fields['to'] !== undefined;
  if (hasBatch === hasRange) throw new AppError('REPORT_SCOPE_INVALID');
  if (hasBatch) {
    const batchId = positiveInteger(fields['batchId'], 'batchId');
    return {
      selection: { batchId },
      scope: { batch_id: batchId, from: null, to: null },
      fileStem: `batch-${batchId}`,
    };
  }
  const from = optionalText(fields['from'], 'from', 10);
  const to = optionalText(fields['to'], 'to', 10);
  if (from === undefined || to === undefined) throw new AppError('REPORT_SCOPE_INVALID');
  const range = localDayRange(from, to);
  if ('invalid' in range) {
    if (range.invalid === 'reversed') throw new AppError('REPORT_RANGE_REVERSED', { from, to });
    const field = range.invalid;
    throw new AppError('REPORT_DATE_INVALID', { field, value: field === 'from' ? from : to });
  }
  return { selection: range, scope: { batch_id: null, from, to }, fileStem: `${from}_${to}` };
}

// A 13–19 digit run standing alone looks like a card number: free text (a provider's message) never carries
// one into a report.
const PAN_LIKE = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;

function withoutCardNumbers(text: string): string {
  return text.replace(PAN_LIKE, maskPan);
}

/** Bank and region names in the caller's language, and failure reasons in plain words. */
function labelsFor(ctx: OperationContext): SummaryLabels {
  const banks = new Map<BatchMethod, (id: number) => string>();
  const regions = new Map(
    ctx.reference.regions.map((r) => [r.id, ctx.lang === 'zh-CN' ? r.name_zh : r.name_en]),
  );
  return {
    bankName(method, bankId) {
      let name = banks.get(method);
      if (!name) banks.set(method, (name = bankLabeller(ctx.reference, method, ctx.lang)));
      return name(bankId);
    },
    regionName: (regionId) => regions.get(regionId) ?? String(regionId),
    failureReason: (state, code) =>
      withoutCardNumbers(plainReason({ state, code, message: null }, ctx.lang, PAYOUT_GUIDANCE)),
  };
}

function rowView(row: ReportRow, labels: SummaryLabels, lang: Lang, clearCard?: string): ReportRowView {
  return {
    batch_id: row.batch_id,
    kind: row.kind,
    pay_id: row.pay_id,
    line: row.line,
    payment_id: row.payment_id,
    amount_fen: row.amount_fen,
    currency: row.currency,
    // Masked again in case a row was stored before payee data was sealed.
    card_number: clearCard ?? maskCardNumber(row.card_number),
    bank_id: row.bank_id,
    bank_name: labels.bankName(row.method, row.bank_id),
    region_id: row.region_id,
    region_name: labels.regionName(row.region_id),
    last_name: row.last_name,
    first_name: row.first_name,
    state: row.state,
    code: row.code,
    reason: withoutCardNumbers(plainReason(row, lang, PAYOUT_GUIDANCE, row.kind)),
    created_at: row.created_at,
    sent_at: row.first_sent_at_ms === null ? null : new Date(row.first_sent_at_ms).toISOString(),
    final_at: row.final_at,
    report_day: localDayOf(row.final_at ?? row.created_at),
    retry_of: row.retry_of,
  };
}

/** The report's summary; BATCH_NOT_FOUND for a batch that does not exist. */
async function summaryOf(
  ctx: OperationContext,
  store: ConsoleStore,
  request: ReportRequest,
  labels: SummaryLabels,
): Promise<ReportSummary> {
  if ('batchId' in request.selection && !(await store.batches.get(request.selection.batchId)))
    throw new AppError('BATCH_NOT_FOUND', { batchId: request.selection.batchId });
  const totals = await store.reports.reportTotals(request.selection, FAILED_STATES);
  return reportSummary(totals, request.scope, ctx.now().toISOString(), labels);
}

interface ExportRequest extends ReportRequest {
  format: ReportFormat;
  encoding: ReportEncoding;
  clearCards: boolean;
}

const MEDIA_TYPES: Record<ReportFormat, (encoding: ReportEncoding) => string> = {
  csv: (encoding) => `text/csv; charset=${encoding}`,
  xlsx: () => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: () => 'application/json',
};

async function fileContent(
  request: ExportRequest,
  summary: ReportSummary,
  rows: ReportRowView[],
  lang: Lang,
): Promise<Buffer> {
  switch (request.format) {
    case 'csv':
      return reportCsv(rows, lang, { encoding: request.encoding, clearCards: request.clearCards });
    case 'xlsx':
      return reportXlsx(rows, summary, lang);
    case 'json':
      return Buffer.from(JSON.stringify({ summary, rows }), 'utf8');
  }
}

/**
 * The export: read like a report (the command line reads without signing in, as `list` and `show` do), but
 * every export is audited, and clear card numbers need a signed-in person allowed to reveal payee data.
 */
const exportReport: Operation<ExportRequest, ReportFile> = {
  action: 'report.export',
  audience: 'signed-in',
  parse(raw) {
    const fields = fieldsOf(raw);
    return {
      ...reportRequest(raw),
      format: oneOf(fields['format'], FORMATS, 'format'),
      encoding: optionalOneOf(fields['encoding'], ENCODINGS, 'encoding') ?? 'utf-8',
      clearCards: optionalBoolean(fields['clearCards'], 'clearCards'),
    };
  },
  async execute(ctx, request) {
    const store = requireStore(ctx);
    const principal = await principalOf(ctx);
    if (principal === null && (request.clearCards || !ctx.readsWithoutSession))
      throw new AppError('SIGN_IN_REQUIRED');
    if (principal !== null) {
      const check = { principal, batch: null, approvedBy: [] };
      ctx.access.authorize({ ...check, action: 'report.export' });
      if (request.clearCards) ctx.access.authorize({ ...check, action: 'payouts.reveal' });
    }
    // The audit entry is chained with the installation key; clear card numbers are opened with it.
    const { fields } = await ctx.keyring.unlock();
    const labels = labelsFor(ctx);
    const summary = await summaryOf(ctx, store, request, labels);
    const stored = await store.reports.reportRows(request.selection, null, request.clearCards);
    const rows = stored.map((row) => {
      const clear =
        request.clearCards && row.payee_sealed
          ? fields.open(row.payee_sealed, row.payment_id).card_number
          : undefined;
      return rowView(row, labels, ctx.lang, clear);
    });
    const fileName = `report-${request.fileStem}.${request.format}`;
    const content = await fileContent(request, summary, rows, ctx.lang);
    await store.audit.append({
      actor: principal?.name ?? COMMAND_LINE_ACTOR,
      action: 'report.export',
      at: ctx.now().toISOString(),
      batchId: request.scope.batch_id,
      details: {
        scope: request.scope,
        format: request.format,
        ...(request.format === 'csv' ? { encoding: request.encoding } : {}),
        rows: rows.length,
        clear: request.clearCards,
        file_name: fileName,
      },
    });
    return {
      file_name: fileName,
      media_type: MEDIA_TYPES[request.format](request.encoding),
      content_base64: content.toString('base64'),
      rows: rows.length,
    };
  },
};

export const reportHandlers = {
  payoutReport: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        ...reportRequest(raw),
        offset: integerIn(fields['offset'], 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        limit: integerIn(fields['limit'], 'limit', { min: 1, max: MAX_PAGE, fallback: DEFAULT_PAGE }),
      };
    },
    async run(ctx, request): Promise<PayoutReport> {
      const store = requireStore(ctx);
      const labels = labelsFor(ctx);
      const summary = await summaryOf(ctx, store, request, labels);
      const page = await store.reports.reportRows(
        request.selection,
        { offset: request.offset, limit: request.limit },
        false,
      );
      return {
        summary,
        rows: page.map((row) => rowView(row, labels, ctx.lang)),
        total_rows: summary.count,
      };
    },
  }),
  exportReport,
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
