/**
 * What an approver reviews before approving, and what they re-type: the control totals, the batch broken down
 * by bank, region and amount band, every warning its rows carry, the approvals given and needed, and whether
 * this person may approve it at all (asked of the same access policy approveBatch goes through). The approver
 * never approves blind: approveBatch refuses re-typed totals that differ (./approvalConfirmation.ts).
 */
import type { Operations } from '../../contract/operations.js';
import type { ApprovalWarning, BreakdownLine } from '../../contract/records.js';
import { maskPan } from '../i18n/mask.js';
import { formatFen } from '../money.js';
import type { ReferenceData } from '../reference/referenceData.js';
import type { PayoutFigures, WarnedPayout } from '../store/reportsPort.js';
import type { BatchRecord } from '../store/types.js';
import { isPayoutMethod, type BatchMethod, type Lang, type MethodId } from '../types.js';
import { approvalsNeeded } from './access.js';
import { wrongStatus } from './batches.js';
import type { OperationContext } from './context.js';
import { AppError, describeKnownError } from './errors.js';
import { fieldsOf, positiveInteger } from './input.js';
import { query, requireStore, type Operation } from './operation.js';
import { readSettings } from './settingsModel.js';
import { batchView } from './views.js';

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

/** Lower bounds of the amount bands, in fen: under ¥1,000, to ¥4,999.99, to ¥19,999.99, ¥20,000 and above. */
export const AMOUNT_BANDS_FEN = [0, 100_000, 500_000, 2_000_000] as const;

/** `100000` → `¥1,000`, `499999` → `¥4,999.99`. */
function yuan(fen: number): string {
  return `¥${formatFen(fen).replace(/\.00$/, '')}`;
}

function bandLabel(index: number, lang: Lang): string {
  const low = AMOUNT_BANDS_FEN[index] as number;
  const next = AMOUNT_BANDS_FEN[index + 1];
  if (index === 0 && next !== undefined)
    return lang === 'zh-CN' ? `${yuan(next)} 以下` : `under ${yuan(next)}`;
  if (next === undefined) return lang === 'zh-CN' ? `${yuan(low)} 及以上` : `${yuan(low)} and above`;
  return `${yuan(low)} – ${yuan(next - 1)}`;
}

function bandOf(amountFen: number): number {
  let band = 0;
  while (band + 1 < AMOUNT_BANDS_FEN.length && amountFen >= (AMOUNT_BANDS_FEN[band + 1] as number)) band++;
  return band;
}

/** Count and sum per key, largest sum first (then by key). */
function groupBy(
  rows: readonly PayoutFigures[],
  keyOf: (row: PayoutFigures) => number,
  labelOf: (key: number) => string,
): BreakdownLine[] {
  const groups = new Map<number, { count: number; total_fen: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { count: 0, total_fen: 0 };
    group.count++;
    group.total_fen += row.amount_fen;
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, group]) => ({ key, label: labelOf(key), ...group }))
    .sort((a, b) => b.total_fen - a.total_fen || a.key - b.key);
}

/** Every band, in order, empty ones too: the shape of the batch at a glance. */
function byAmountBand(rows: readonly PayoutFigures[], lang: Lang): BreakdownLine[] {
  const bands = AMOUNT_BANDS_FEN.map((low, index) => ({
    key: low,
    label: bandLabel(index, lang),
    count: 0,
    total_fen: 0,
  }));
  for (const row of rows) {
    const band = bands[bandOf(row.amount_fen)] as BreakdownLine;
    band.count++;
    band.total_fen += row.amount_fen;
  }
  return bands;
}

/** A bank's name in the method's own table (29 is not the same bank in every method), Chinese where read. */
export function bankLabeller(
  reference: ReferenceData,
  method: BatchMethod,
  lang: Lang,
): (id: number) => string {
  const names = new Map<number, string>();
  // A refund batch pays no bank: its rows credit earlier payments.
  const banks = isPayoutMethod(method) ? (reference.methods.get(method)?.banks ?? []) : [];
  for (const bank of banks) {
    if (names.has(bank.id)) continue;
    names.set(bank.id, lang === 'zh-CN' && bank.name_zh ? bank.name_zh : bank.name);
  }
  return (id) => names.get(id) ?? (lang === 'zh-CN' ? `银行 ${id}` : `Bank ${id}`);
}

function regionLabeller(reference: ReferenceData, lang: Lang): (id: number) => string {
  const names = new Map(
    reference.regions.map((region) => [region.id, lang === 'zh-CN' ? region.name_zh : region.name_en]),
  );
  return (id) => names.get(id) ?? (lang === 'zh-CN' ? `地区 ${id}` : `Region ${id}`);
}

// ---------------------------------------------------------------------------------------------------------
// Warnings

/** What a warning message is made of: the payout as stored (payee data masked) and its bank's name. */
interface WarningContext {
  row: WarnedPayout;
  bank: string;
  /** Undefined for a refund batch. */
  method: MethodId | undefined;
}

type WarningText = (w: WarningContext) => string;

/**
 * Stored warnings keep only their code; the approver's message is made from the code and the payout as it is
 * stored, so it says what the operator accepted at import without keeping the file's cells.
 */
const WARNING_MESSAGES: Record<string, Record<Lang, WarningText>> = {
  ROW_DUPLICATE: {
    en: ({ row }) =>
      `Card ${maskPan(row.card_number)} and amount ${formatFen(row.amount_fen)} repeat ${repeatedLine(row) ? `line ${repeatedLine(row)}` : 'another line'} of this batch: make sure this is not the same payout twice.`,
    'zh-CN': ({ row }) =>
      `卡号 ${maskPan(row.card_number)} 和金额 ${formatFen(row.amount_fen)} 与本批次${repeatedLine(row) ? `第 ${repeatedLine(row)} 行` : '另一行'}相同：请确认不是重复付款。`,
  },
  PAYOUT_DUPLICATE_HISTORY: {
    en: ({ row }) =>
      `Card ${maskPan(row.card_number)} was paid the same amount (${formatFen(row.amount_fen)}) in an earlier batch: make sure this is not the same payout twice.`,
    'zh-CN': ({ row }) =>
      `卡号 ${maskPan(row.card_number)} 已在之前的批次中付款相同金额（${formatFen(row.amount_fen)}）：请确认不是重复付款。`,
  },
  PAN_LUHN: {
    en: ({ row }) =>
      `Card number ${maskPan(row.card_number)} fails the Luhn check (mistyped, or damaged by Excel): compare it with the source.`,
    'zh-CN': ({ row }) =>
      `卡号 ${maskPan(row.card_number)} 未通过 Luhn 校验（可能输入有误或被 Excel 损坏）：请与原始数据核对。`,
  },
  PAN_PREFIX: {
    en: ({ row }) =>
      `Card number ${maskPan(row.card_number)} does not start with 62 or 81 like UnionPay cards: check it.`,
    'zh-CN': ({ row }) => `卡号 ${maskPan(row.card_number)} 不以银联卡常见的 62 或 81 开头：请核对。`,
  },
  DOC_NUMBER_INVALID: {
    en: ({ row }) => `ID number ${row.id_number} has a wrong check character: check it.`,
    'zh-CN': ({ row }) => `身份证号 ${row.id_number} 的校验位不符：请核对。`,
  },
  BANK_LOOKS_LIKE_REGION: {
    en: ({ row, bank, method }) =>
      `Bank ${row.bank_id} is "${bank}" in the ${method} bank list: that is a region name, not a bank. Check the payee's bank.`,
    'zh-CN': ({ row, bank, method }) =>
      `银行 ${row.bank_id} 在 ${method} 的银行列表中为“${bank}”，这是地区名称而不是银行：请核对收款人的开户银行。`,
  },
};

/** The earlier line with the same card and amount, when the row is not itself the first. */
function repeatedLine(row: WarnedPayout): number | null {
  const first = row.first_line_same_card;
  return first !== null && first !== row.line ? first : null;
}

function warningMessage(code: string, context: WarningContext, lang: Lang): string {
  const text = Object.hasOwn(WARNING_MESSAGES, code) ? WARNING_MESSAGES[code]?.[lang] : undefined;
  if (text) return text(context);
  return lang === 'zh-CN'
    ? `导入时已接受的警告 ${code}：请核对该笔付款。`
    : `Warning ${code}, accepted at import: check this payout.`;
}

// ---------------------------------------------------------------------------------------------------------
// May this person approve it?

/**
 * Why the caller may not approve the batch, or null when they may: signed in, the batch a draft, and the
 * access policy's answer for exactly the request approveBatch would make (roles, four eyes, two approvers).
 */
function approvalRefusal(
  ctx: OperationContext,
  batch: BatchRecord,
  approvedBy: readonly string[],
): AppError | null {
  if (ctx.principal === null) return new AppError('SIGN_IN_REQUIRED');
  if (batch.status !== 'draft') return wrongStatus(batch, 'approve');
  try {
    ctx.access.authorize({ principal: ctx.principal, action: 'batch.approve', batch, approvedBy });
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------

export const approvalReviewHandlers = {
  approvalReview: query({
    input: (raw) => ({ batchId: positiveInteger(fieldsOf(raw)['batchId'], 'batchId') }),
    async run(ctx, { batchId }) {
      const store = requireStore(ctx);
      const [batch] = await store.batches.list({ ids: [batchId] });
      if (!batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      const figures = await store.reports.payoutFigures(batchId);
      const warned = await store.reports.warnedPayouts(batchId);
      const given = await store.batches.approvals(batchId);
      const settings = readSettings(await store.settings.all());

      const bankName = bankLabeller(ctx.reference, batch.method, ctx.lang);
      const warnings: ApprovalWarning[] = warned.flatMap((row) =>
        row.warnings.map((code) => ({
          line: row.line,
          payment_id: row.payment_id,
          code,
          message: warningMessage(
            code,
            {
              row,
              bank: bankName(row.bank_id),
              method: isPayoutMethod(batch.method) ? batch.method : undefined,
            },
            ctx.lang,
          ),
        })),
      );
      const refusal = approvalRefusal(
        ctx,
        batch,
        given.map((approval) => approval.approver),
      );
      return {
        batch: batchView(batch),
        payout_count: figures.length,
        total_fen: figures.reduce((sum, row) => sum + row.amount_fen, 0),
        // Refunds have no bank or region: their breakdown is by amount only.
        by_bank: batch.kind === 'refund' ? [] : groupBy(figures, (row) => row.bank_id, bankName),
        by_region:
          batch.kind === 'refund'
            ? []
            : groupBy(figures, (row) => row.region_id, regionLabeller(ctx.reference, ctx.lang)),
        by_amount_band: byAmountBand(figures, ctx.lang),
        warnings,
        approvals: given.map((approval) => ({ by: approval.approver, at: approval.at })),
        approvals_needed: approvalsNeeded(batch.total_fen, settings.second_approver_above_fen),
        caller_may_approve: refusal === null,
        caller_refusal: refusal === null ? null : (describeKnownError(refusal, ctx.lang)?.message ?? null),
      };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
