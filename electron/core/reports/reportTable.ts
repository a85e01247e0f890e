/**
 * The columns of a report's payout table, as both the CSV and the XLSX file write them: header in the
 * reader's language, and what each cell holds.
 */
import type { ReportRowView } from '../../contract/records.js';
import { stateName } from '../i18n/payoutReasons.js';
import type { BatchKind, Lang } from '../types.js';

const KIND_NAMES: Record<BatchKind, Record<Lang, string>> = {
  payout: { en: 'Payout', 'zh-CN': '付款' },
  refund: { en: 'Refund', 'zh-CN': '退款' },
};

const kindName = (kind: BatchKind, lang: Lang) => KIND_NAMES[kind][lang];

/** text: as it is; number: a whole number; amount: fen, written as money; card: a card number. */
export type ColumnKind = 'text' | 'number' | 'amount' | 'card';

export interface ReportColumn {
  header: Record<Lang, string>;
  kind: ColumnKind;
  /** Width in characters (XLSX). */
  width: number;
  value(row: ReportRowView, lang: Lang): string | number | null;
}

const column = (
  en: string,
  zh: string,
  kind: ColumnKind,
  width: number,
  value: ReportColumn['value'],
): ReportColumn => ({ header: { en, 'zh-CN': zh }, kind, width, value });

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  column('Batch', '批次', 'number', 8, (r) => r.batch_id),
  column('Line', '行号', 'number', 7, (r) => r.line),
  column('Payment ID', '订单号', 'text', 34, (r) => r.payment_id),
  column('Amount (CNY)', '金额（元）', 'amount', 16, (r) => r.amount_fen),
  column('Currency', '币种', 'text', 9, (r) => r.currency),
  column('Card number', '卡号', 'card', 22, (r) => r.card_number),
  column('Bank ID', '银行 ID', 'number', 9, (r) => r.bank_id),
  column('Bank', '银行', 'text', 28, (r) => r.bank_name),
  column('Region ID', '地区 ID', 'number', 9, (r) => r.region_id),
  column('Region', '地区', 'text', 18, (r) => r.region_name),
  column('Last name', '姓', 'text', 10, (r) => r.last_name),
  column('First name', '名', 'text', 12, (r) => r.first_name),
  column('Status', '状态', 'text', 14, (r, lang) => stateName(r.state, lang)),
  column('Provider code', '服务商代码', 'text', 14, (r) => r.code),
  column('Reason', '原因', 'text', 60, (r) => r.reason),
  column('Created at', '创建时间', 'text', 25, (r) => r.created_at),
  column('Sent at', '发送时间', 'text', 25, (r) => r.sent_at),
  column('Final at', '完成时间', 'text', 25, (r) => r.final_at),
  column('Report day', '报表日期', 'text', 12, (r) => r.report_day),
  column('Retry of', '重付原订单号', 'text', 34, (r) => r.retry_of),
  column('Kind', '类型', 'text', 9, (r, lang) => kindName(r.kind, lang)),
  column('Refunded PayID', '退款原支付号', 'text', 34, (r) => r.pay_id),
];

export function reportHeader(lang: Lang): string[] {
  return REPORT_COLUMNS.map((c) => c.header[lang]);
}
