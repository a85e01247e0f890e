/**
 * Plain guidance for ecommpay's codes, for the operator who must decide what to do next. Codes from
 * shared/design/gateway-ecommpay.md; a code not listed here gets no guidance (its message is still shown).
 */
import type { Lang } from '../../types.js';

type Guidance = Record<Lang, string>;

const PAY_AGAIN_EN = 'Nothing was paid; if it is still due, pay it as a new payout.';
const PAY_AGAIN_ZH = '未付款；如仍需支付，请作为新的付款重新发起。';

const GUIDANCE: Record<string, Guidance> = {
  '20105': {
    en: `Declined by the bank: the payee's account cannot take the payment. ${PAY_AGAIN_EN}`,
    'zh-CN': `银行拒绝：收款人账户无法入账。${PAY_AGAIN_ZH}`,
  },
  '20106': {
    en: `The payee's card or account is closed or no longer available; ask for a current card. ${PAY_AGAIN_EN}`,
    'zh-CN': `收款人的卡或账户已注销或不可用，请向收款人索取有效卡号。${PAY_AGAIN_ZH}`,
  },
  '20102': {
    en: `The bank says the account details are wrong (card number, name or bank). Correct them. ${PAY_AGAIN_EN}`,
    'zh-CN': `银行提示账户信息有误（卡号、姓名或银行），请更正。${PAY_AGAIN_ZH}`,
  },
  '20602': {
    en: `The bank did not answer in time. ${PAY_AGAIN_EN}`,
    'zh-CN': `银行未及时响应。${PAY_AGAIN_ZH}`,
  },
  '2642': {
    en: `The amount is above the limit the provider allows for this project or method. ${PAY_AGAIN_EN}`,
    'zh-CN': `金额超过该项目或付款方式允许的上限。${PAY_AGAIN_ZH}`,
  },
  '3358': {
    en: `The amount is below the minimum the provider allows for this project or method. ${PAY_AGAIN_EN}`,
    'zh-CN': `金额低于该项目或付款方式允许的下限。${PAY_AGAIN_ZH}`,
  },
  '2801': {
    en: `The provider does not know this bank id; check it against the current bank list. ${PAY_AGAIN_EN}`,
    'zh-CN': `服务商无法识别该银行编号，请对照最新银行列表检查。${PAY_AGAIN_ZH}`,
  },
  '2004': {
    en: `A required field was missing from the request; check the row and the payout defaults in the settings. ${PAY_AGAIN_EN}`,
    'zh-CN': `请求缺少必填字段，请检查该行数据和设置中的付款默认值。${PAY_AGAIN_ZH}`,
  },
  '3028': {
    en: 'Your balance at the provider is too low. Top it up, then pay again as a new payout.',
    'zh-CN': '您在服务商的余额不足。请先充值，再作为新的付款重新发起。',
  },
  '100': {
    en: `Declined (general decline, no reason given). ${PAY_AGAIN_EN}`,
    'zh-CN': `被拒绝（一般性拒绝，未说明原因）。${PAY_AGAIN_ZH}`,
  },
  '314': {
    en: `The bank's system was unavailable. ${PAY_AGAIN_EN}`,
    'zh-CN': `银行系统暂时不可用。${PAY_AGAIN_ZH}`,
  },
  '3261': {
    en: 'The Gate refused the signature: check the project id and secret key in the credentials.',
    'zh-CN': '网关拒绝了签名：请检查凭据中的项目 ID 和密钥。',
  },
  '3262': {
    en: 'The Gate received no signature: check the credentials.',
    'zh-CN': '网关未收到签名：请检查凭据。',
  },
};

const PER_CARD_LIMIT: Guidance = {
  en: 'The card reached its payout limit (per day or month); try later or another card.',
  'zh-CN': '该卡已达到付款限额（每日或每月），请稍后再试或更换卡片。',
};
const TRY_AGAIN: Guidance = {
  en: 'The provider asks to try again later.',
  'zh-CN': '服务商要求稍后重试。',
};
const AWAITING: Guidance = {
  en: 'The provider is still processing it.',
  'zh-CN': '服务商仍在处理。',
};

export function ecommpayGuidance(code: string, lang: Lang): string | null {
  const numeric = Number(code);
  if (numeric >= 3103 && numeric <= 3112) return PER_CARD_LIMIT[lang];
  if (code === '601' || code === '20601') return TRY_AGAIN[lang];
  if (code === '9999' || code === '29999') return AWAITING[lang];
  return GUIDANCE[code]?.[lang] ?? null;
}
