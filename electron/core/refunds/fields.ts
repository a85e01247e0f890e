/**
 * The columns of a refund file (credits with reference to earlier ChinaPay payments through Computop Paygate)
 * and the headers that name them, in English and in Chinese.
 */
import { normaliseHeader } from '../csv/headers.js';
import { REFUND_FIELDS, type RefundField } from '../types.js';

// The field list is shared vocabulary (a row issue names a payout or a refund field): it lives in ../types.ts.
export { REFUND_FIELDS, type RefundField };

/** Columns a refund file must have: which payment to refund, and how much. */
export const REQUIRED_REFUND_FIELDS: readonly RefundField[] = ['pay_id', 'amount'];

/**
 * Header text per field: the template's header in each language first, then the other names a file may use.
 * Headers are compared normalised (see normaliseHeader: case, spaces, underscores, hyphens and full-width
 * forms do not matter), so `pay_id`, `PayID`, `Pay ID` and `PAY-ID` are one name.
 *
 * - pay_id: pay_id, PayID, original_pay_id · 支付号, 原支付号, 支付编号, 原支付编号
 * - trans_id: trans_id, TransID, refund_trans_id · 退款交易号, 交易号, 退款流水号, 退款编号
 * - amount: amount, refund_amount · 退款金额, 金额
 * - currency: currency · 币种, 货币, 币别
 * - reason: reason, refund_reason · 退款原因, 原因
 * - ref_nr: ref_nr (also RefNr, refnr), reference_number, reference · 商户参考号, 参考号
 * - captured_amount: captured_amount (also CapturedAmount), amount_captured, AmountCap ·
 *   原支付金额, 原支付清算金额, 已清算金额, 原订单金额, 已收款金额
 *
 * Deliberately absent: `payment_id` and 订单号 (the payout template's names, and in a shop's order export the
 * shop's own order number, not Computop's PayID) and a bare `id`.
 */
export const REFUND_HEADERS: Readonly<
  Record<RefundField, { en: string; zh: string; aliases: readonly string[] }>
> = {
  pay_id: { en: 'pay_id', zh: '支付号', aliases: ['original_pay_id', '原支付号', '支付编号', '原支付编号'] },
  trans_id: {
    en: 'trans_id',
    zh: '退款交易号',
    aliases: ['refund_trans_id', '交易号', '退款流水号', '退款编号'],
  },
  amount: { en: 'amount', zh: '退款金额', aliases: ['refund_amount', '金额'] },
  currency: { en: 'currency', zh: '币种', aliases: ['货币', '币别'] },
  reason: { en: 'reason', zh: '退款原因', aliases: ['refund_reason', '原因'] },
  ref_nr: { en: 'ref_nr', zh: '商户参考号', aliases: ['reference_number', 'reference', '参考号'] },
  captured_amount: {
    en: 'captured_amount',
    zh: '原支付金额',
    aliases: ['amount_captured', 'AmountCap', '原支付清算金额', '已清算金额', '原订单金额', '已收款金额'],
  },
};

const FIELD_BY_HEADER: ReadonlyMap<string, RefundField> = new Map(
  REFUND_FIELDS.flatMap((field) => {
    const { en, zh, aliases } = REFUND_HEADERS[field];
    return [en, zh, ...aliases].map((name): [string, RefundField] => [normaliseHeader(name), field]);
  }),
);

/** The refund field a header names, if any (in either language, any of its names). */
export function refundFieldOf(header: string): RefundField | undefined {
  return FIELD_BY_HEADER.get(normaliseHeader(header));
}

/** The template header of a field in one language. */
export function refundHeader(field: RefundField, lang: 'en' | 'zh-CN'): string {
  return lang === 'en' ? REFUND_HEADERS[field].en : REFUND_HEADERS[field].zh;
}
