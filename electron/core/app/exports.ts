/**
 * A batch's results as a CSV file for people (reconciliation, the payees' questions): every payout with its
 * amount, masked card, bank, region, payee, status, provider code and plain reason, in the caller's language.
 * Every export is audited (`batch.export`): who took which batch's data out, and how many rows.
 *
 * Card numbers are written as stored: masked (`622848******0128`). The stars keep Excel from reading the cell
 * as a number (which would turn 19 digits into 6.22848E+18), so no formula trick such as ="…" is needed —
 * and such a formula would itself be neutralised by the CSV writer.
 */
import type { Operations } from '../../contract/operations.js';
import type { ExportedFile } from '../../contract/records.js';
import { maskPan } from '../i18n/mask.js';
import { plainReason, stateName } from '../i18n/payoutReasons.js';
import { fieldLabel } from '../i18n/rowIssues.js';
import { fenToDecimalString } from '../money.js';
import { writeCsv, type CsvCell } from '../reports/csvWriter.js';
import { maskCardNumber } from '../security/index.js';
import type { ResultRow } from '../store/reportsPort.js';
import type { Lang } from '../types.js';
import { bankLabeller } from './approvalReview.js';
import { AppError } from './errors.js';
import { fieldsOf, positiveInteger } from './input.js';
import { mutation, type Operation } from './operation.js';
import { PAYOUT_GUIDANCE } from './views.js';

// A 13–19 digit run standing alone looks like a card number: free text (a provider's message) never carries
// one into the file.
const PAN_LIKE = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;

function withoutCardNumbers(text: string): string {
  return text.replace(PAN_LIKE, maskPan);
}

function header(lang: Lang): string[] {
  const zh = lang === 'zh-CN';
  return [
    zh ? '行号' : 'Line',
    fieldLabel('payment_id', lang),
    zh ? '金额（元）' : 'Amount (CNY)',
    fieldLabel('currency', lang),
    fieldLabel('card_number', lang),
    zh ? '银行 ID' : 'Bank ID',
    fieldLabel('bank_id', lang),
    zh ? '地区 ID' : 'Region ID',
    fieldLabel('last_name', lang),
    fieldLabel('first_name', lang),
    zh ? '状态' : 'Status',
    zh ? '服务商代码' : 'Provider code',
    zh ? '原因' : 'Reason',
    zh ? '完成时间' : 'Final at',
  ];
}

function record(row: ResultRow, lang: Lang, bankName: (id: number) => string): CsvCell[] {
  return [
    row.line,
    row.payment_id,
    // Decimal text from integer fen: never a float.
    fenToDecimalString(row.amount_fen),
    row.currency,
    // Masked again in case a row was stored before payee data was sealed.
    maskCardNumber(row.card_number),
    row.bank_id,
    bankName(row.bank_id),
    row.region_id,
    row.last_name,
    row.first_name,
    stateName(row.state, lang),
    row.code,
    withoutCardNumbers(plainReason(row, lang, PAYOUT_GUIDANCE)),
    row.final_at,
  ];
}

export const exportHandlers = {
  exportBatchResults: mutation({
    action: 'batch.export',
    input: (raw) => ({ batchId: positiveInteger(fieldsOf(raw)['batchId'], 'batchId') }),
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }): Promise<ExportedFile> {
      // The wrapper loaded the batch, refusing a missing one.
      if (!ctx.batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      const bankName = bankLabeller(ctx.reference, ctx.batch.method, ctx.lang);
      const rows = await ctx.store.reports.resultRows(batchId);
      const fileName = `batch-${batchId}-results.csv`;
      const content = writeCsv(
        header(ctx.lang),
        rows.map((row) => record(row, ctx.lang, bankName)),
      );
      await ctx.store.audit.append(ctx.audit({ rows: rows.length, file_name: fileName }));
      return { file_name: fileName, media_type: 'text/csv; charset=utf-8', content, rows: rows.length };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
