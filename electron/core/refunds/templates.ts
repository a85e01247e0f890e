/**
 * The refund file templates, one per language: every refund column's header and one example row, UTF-8 with
 * a BOM and CRLF line endings like the payout templates (the BOM makes Excel open it as UTF-8). The example
 * refunds a payment the embedded sandbox holds, so the template itself imports and sends there.
 */
import { SEEDED_TEST_PAYMENTS } from '../providers/computop/testMerchant.js';
import { fenToDecimalString } from '../money.js';
import type { Lang } from '../types.js';
import { REFUND_FIELDS, refundHeader, type RefundField } from './fields.js';

export interface RefundTemplate {
  lang: Lang;
  file_name: string;
  content: string;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** The sandbox payment the example refunds part of. */
const EXAMPLE_PAYMENT = SEEDED_TEST_PAYMENTS[1]!;

function exampleRow(lang: Lang): Record<RefundField, string> {
  return {
    pay_id: EXAMPLE_PAYMENT.payId,
    trans_id: 'RF-20250131-0001',
    amount: '88.00',
    currency: 'CNY',
    reason: lang === 'en' ? 'Customer returned one item' : '客户退回一件商品',
    ref_nr: 'INV20250131001',
    captured_amount: fenToDecimalString(EXAMPLE_PAYMENT.capturedFen),
  };
}

/** The templates, English first. */
export function refundTemplates(): RefundTemplate[] {
  return (['en', 'zh-CN'] as const).map((lang) => {
    const example = exampleRow(lang);
    const lines = [
      REFUND_FIELDS.map((field) => refundHeader(field, lang)).join(','),
      REFUND_FIELDS.map((field) => example[field]).join(','),
    ];
    return { lang, file_name: `refunds-template-${lang}.csv`, content: BOM + lines.join(CRLF) + CRLF };
  });
}
