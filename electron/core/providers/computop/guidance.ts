/**
 * Plain guidance for Paygate's code families and the console's own refund codes, for the operator who must
 * decide what to do next: what happened, whether money moved, what to do. Paygate's codes are not listed one
 * by one: the family (first character) and the area (characters 2–4) say enough to act on.
 */
import type { Lang } from '../../types.js';
import { classifyCode, codeArea, REFUND_ABOVE_CAPTURE } from './codes.js';

type Words = Record<Lang, string>;

const TEXT = {
  success: {
    en: 'Paygate carried out the credit: the amount goes back to the customer. Nothing to do.',
    'zh-CN': 'Paygate 已执行退款：款项将退回客户。无需操作。',
  },
  pending: {
    en: 'Paygate accepted the credit and will give its final result later. Nothing to do: the console keeps asking until the credited amount shows it.',
    'zh-CN': 'Paygate 已受理退款，最终结果稍后给出。无需操作：控制台会持续查询，直到已退款金额体现此笔退款。',
  },
  crypto: {
    en: 'Paygate could not decrypt or verify the request. Nothing was credited; check the Computop merchant ID, HMAC password and Blowfish password in the credentials, then send the refund again.',
    'zh-CN':
      'Paygate 无法解密或验证请求。未退款；请检查凭据中的 Computop 商户号、HMAC 密码和 Blowfish 密码，然后重新发送退款。',
  },
  parameter: {
    en: 'Paygate refused a field of the request (missing, wrong format, invalid, too short or too long; the last four characters of the code name it). Nothing was credited; correct the refund row and send it again.',
    'zh-CN':
      'Paygate 拒绝了请求中的某个字段（缺失、格式错误、无效、过短或过长；代码的后四位指明字段）。未退款；请更正该退款行后重新发送。',
  },
  error: {
    en: 'Paygate refused the credit. Nothing was credited; read the description, and if it does not explain the refusal ask the Computop helpdesk, giving the PayID and TransID, before sending it again.',
    'zh-CN':
      'Paygate 拒绝了退款。未退款；请阅读说明，若说明不清楚，请先向 Computop 客服提供 PayID 和 TransID 咨询，再决定是否重新发送。',
  },
  fatal: {
    en: 'Paygate refused the credit with a fatal error (the merchant setup, or a payment that cannot be credited). Nothing was credited; do not send it again as it is: ask the Computop helpdesk, giving the PayID and TransID.',
    'zh-CN':
      'Paygate 以严重错误拒绝了退款（商户配置问题，或该笔支付无法退款）。未退款；请勿原样重发：请向 Computop 客服提供 PayID 和 TransID 咨询。',
  },
  info: {
    en: 'Paygate answered with an information code, not a result. The console settles the refund from the payment’s credited amount; if it stays open, ask the Computop helpdesk, giving the PayID and TransID.',
    'zh-CN':
      'Paygate 返回的是提示代码，而非结果。控制台将根据该笔支付的已退款金额确定退款结果；若一直未决，请向 Computop 客服提供 PayID 和 TransID 咨询。',
  },
  [REFUND_ABOVE_CAPTURE]: {
    en: 'The refund is more than what remains of the original payment’s capture (captured minus already credited). It was not sent and nothing was credited; check the amount against the shop’s order, correct it, and import it again.',
    'zh-CN':
      '退款金额超过原支付的可退余额（已扣款金额减去已退款金额）。未发送，也未退款；请对照商城订单核对金额，更正后重新导入。',
  },
} satisfies Record<string, Words>;

/** Guidance for a Paygate code or REFUND_ABOVE_CAPTURE; null for anything else. */
export function computopGuidance(code: string, lang: Lang): string | null {
  if (code === REFUND_ABOVE_CAPTURE) return TEXT[REFUND_ABOVE_CAPTURE][lang];
  switch (classifyCode(code)) {
    case 'success':
      return TEXT.success[lang];
    case 'pending':
      return TEXT.pending[lang];
    case 'fatal':
      return TEXT.fatal[lang];
    case 'info':
      return TEXT.info[lang];
    case 'error': {
      const area = codeArea(code);
      if (area === 'crypto') return TEXT.crypto[lang];
      if (area === 'parameter') return TEXT.parameter[lang];
      return TEXT.error[lang];
    }
    case 'malformed':
      return null;
  }
}
