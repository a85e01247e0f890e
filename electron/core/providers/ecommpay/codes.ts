/**
 * ecommpay's codes in plain words, as data: what each means, what the operator should do, and whether money may
 * have moved, in English and Simplified Chinese. guidance.ts turns an entry into the sentence shown next to the
 * code (`meaning` + the money phrase + `action`); nothing else here is logic.
 *
 * Sources: the provider facts in shared/design/gateway-ecommpay.md (`design`), the seed documents
 * (`seed`), and codes only the emulated test project uses (`sandbox`, ../../../sandbox/codes.ts). A code not
 * listed gets no guidance (its message is still shown). To add or reword a code, edit this table only; the
 * unit test checks that every entry has both languages.
 *
 * Writing `action`: a whole sentence with a capital letter (it is shown after "Nothing was paid; " with its
 * first letter lowered, so it must not start with an abbreviation).
 */

/** Whether money may have left the merchant's balance for this payout, as far as the code tells. */
export type MoneyMoved = 'no' | 'possibly' | 'yes';

/** Where the code arrives: a synchronous error answer, a status answer's `errors[]`, or an operation's `code`. */
export type CodeOrigin = 'request' | 'status' | 'operation';

export interface Words {
  en: string;
  'zh-CN': string;
}

export interface EcommpayCode {
  code: string;
  origin: CodeOrigin;
  source: 'design' | 'seed' | 'sandbox';
  meaning: Words;
  action: Words;
  moneyMoved: MoneyMoved;
}

const PAY_AGAIN: Words = {
  en: 'If it is still due, pay it as a new payout.',
  'zh-CN': '如仍需支付，请作为新的付款重新发起。',
};

const WAIT: Words = {
  en: 'Wait: the console keeps asking the provider until the status is final; do not pay this payee another way meanwhile.',
  'zh-CN': '请等待：控制台会持续向服务商查询直至状态最终确定；在此期间请勿通过其他方式向该收款人付款。',
};

const PER_CARD_LIMIT = (code: string): EcommpayCode => ({
  code,
  origin: 'operation',
  source: 'design',
  meaning: {
    en: `The card reached one of the provider's payout limits for a card (code ${code}: per payout, per day or per month).`,
    'zh-CN': `该卡已达到服务商的单卡付款限额（代码 ${code}：单笔、每日或每月）。`,
  },
  action: {
    en: 'Try again later or ask the payee for another card; if it is still due, pay it as a new payout.',
    'zh-CN': '请稍后再试或向收款人索取其他卡号；如仍需支付，请作为新的付款重新发起。',
  },
  moneyMoved: 'no',
});

/** The table, by code. Keep it sorted by number. */
export const ECOMMPAY_CODES: readonly EcommpayCode[] = [
  {
    code: '0',
    origin: 'operation',
    source: 'seed',
    meaning: { en: 'The operation succeeded.', 'zh-CN': '操作成功。' },
    action: { en: 'Nothing to do.', 'zh-CN': '无需处理。' },
    moneyMoved: 'yes',
  },
  {
    code: '100',
    origin: 'operation',
    source: 'design',
    meaning: {
      en: 'Declined (general decline, no reason given).',
      'zh-CN': '被拒绝（一般性拒绝，未说明原因）。',
    },
    action: PAY_AGAIN,
    moneyMoved: 'no',
  },
  {
    code: '314',
    origin: 'operation',
    source: 'design',
    meaning: {
      en: "The bank's or the payment provider's system was unavailable.",
      'zh-CN': '银行或支付服务商的系统暂时不可用。',
    },
    action: {
      en: 'Wait a while; if it is still due, pay it as a new payout.',
      'zh-CN': '请稍候；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '403',
    origin: 'request',
    source: 'design',
    meaning: {
      en: "The Gate refused the request from this computer's IP address (HTTP 403: not whitelisted).",
      'zh-CN': '网关拒绝了来自本机 IP 地址的请求（HTTP 403：不在白名单中）。',
    },
    action: {
      en: "Ask ecommpay to whitelist this computer's public IP address; then, if it is still due, pay it as a new payout.",
      'zh-CN': '请联系 ecommpay 将本机公网 IP 加入白名单；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '422',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The Gate could not read the request (HTTP 422: malformed JSON).',
      'zh-CN': '网关无法读取该请求（HTTP 422：JSON 格式错误）。',
    },
    action: {
      en: 'Report it to support with the payment ID (the console sent something unreadable); if it is still due, pay it as a new payout.',
      'zh-CN':
        '请将付款编号报告给技术支持（控制台发送了无法读取的内容）；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '500',
    origin: 'request',
    source: 'design',
    meaning: {
      en: "The provider's platform was unavailable (HTTP 500); whether it registered the payout is not known.",
      'zh-CN': '服务商平台暂时不可用（HTTP 500）；是否已登记该付款尚不清楚。',
    },
    action: WAIT,
    moneyMoved: 'possibly',
  },
  {
    code: '601',
    origin: 'operation',
    source: 'design',
    meaning: { en: 'The provider asks to try again later.', 'zh-CN': '服务商要求稍后重试。' },
    action: {
      en: 'While the payout is still processing, wait for the provider; once it is declined, pay it as a new payout later if it is still due.',
      'zh-CN': '付款仍在处理中时请等待服务商处理；若已被拒绝且仍需支付，请稍后作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '2004',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The Gate refused the request: a required field was missing or unusable (its message names the field).',
      'zh-CN': '网关拒绝了请求：缺少必填字段或字段无效（消息中注明了字段）。',
    },
    action: {
      en: 'Correct the row or the payout defaults in the settings; if it is still due, pay it as a new payout.',
      'zh-CN': '请更正该行数据或设置中的付款默认值；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '2642',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The amount is above the limit the provider allows for this project or method.',
      'zh-CN': '金额超过该项目或付款方式允许的上限。',
    },
    action: {
      en: 'Split it into smaller payouts or ask ecommpay about the limit; if it is still due, pay it as a new payout.',
      'zh-CN': '请拆分为较小金额的付款或向 ecommpay 咨询限额；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '2801',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The provider does not know this bank ID (or region ID) for the method.',
      'zh-CN': '服务商无法识别该付款方式下的银行编号（或地区编号）。',
    },
    action: {
      en: 'Check the bank against the current bank list (banks refresh); if it is still due, pay it as a new payout.',
      'zh-CN': '请对照最新银行列表检查银行（可刷新银行列表）；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3001',
    origin: 'request',
    source: 'sandbox',
    meaning: {
      en: 'The Gate does not know this project ID.',
      'zh-CN': '网关无法识别该项目 ID。',
    },
    action: {
      en: 'Check the project ID in the credentials (test or production project); if it is still due, pay it as a new payout.',
      'zh-CN': '请检查凭据中的项目 ID（测试或生产项目）；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3025',
    origin: 'request',
    source: 'sandbox',
    meaning: {
      en: 'The currency is not supported: China UnionPay payouts are paid in CNY only.',
      'zh-CN': '不支持该币种：银联付款仅支持人民币（CNY）。',
    },
    action: {
      en: 'Correct the currency in the file; if it is still due, pay it as a new payout.',
      'zh-CN': '请更正文件中的币种；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3028',
    origin: 'operation',
    source: 'design',
    meaning: {
      en: 'Your balance at the provider is too low for this payout.',
      'zh-CN': '您在服务商的余额不足以支付该笔付款。',
    },
    action: {
      en: 'Top up the balance at ecommpay; then, if it is still due, pay it as a new payout.',
      'zh-CN': '请先在 ecommpay 充值；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3041',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The provider already has a payment with this payment ID: the original payout is registered.',
      'zh-CN': '服务商已有使用该付款编号的付款：原付款已登记。',
    },
    action: {
      en: 'Never pay it again under a new ID: the console reads the original payment’s status and shows its outcome.',
      'zh-CN': '切勿以新编号再次付款：控制台会查询原付款的状态并显示结果。',
    },
    moneyMoved: 'possibly',
  },
  {
    code: '3061',
    origin: 'status',
    source: 'design',
    meaning: {
      en: 'The provider has no payment with this ID (yet): "Transaction not found" can also be temporary.',
      'zh-CN': '服务商（暂时）没有该编号的付款：“未找到交易”也可能是暂时的。',
    },
    action: {
      en: 'Wait: the console asks again and sends the same payment ID again only after the provider has said so repeatedly, past the grace time.',
      'zh-CN':
        '请等待：控制台会再次查询，只有在宽限期后服务商多次确认未找到时，才会以相同的付款编号重新发送。',
    },
    moneyMoved: 'possibly',
  },
  {
    code: '3062',
    origin: 'status',
    source: 'design',
    meaning: {
      en: 'The provider has not received the payment’s details yet.',
      'zh-CN': '服务商尚未收到该付款的详细信息。',
    },
    action: {
      en: 'Wait: the console asks again later; this is never taken as proof that nothing was paid.',
      'zh-CN': '请等待：控制台稍后会再次查询；这绝不视为未付款的证据。',
    },
    moneyMoved: 'possibly',
  },
  ...[3103, 3104, 3105, 3106, 3107, 3108, 3109, 3110, 3111, 3112].map((code) => PER_CARD_LIMIT(String(code))),
  {
    code: '3261',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The Gate refused the request’s signature.',
      'zh-CN': '网关拒绝了请求的签名。',
    },
    action: {
      en: 'Check the project ID and secret key in the credentials; if it is still due, pay it as a new payout.',
      'zh-CN': '请检查凭据中的项目 ID 和密钥；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3262',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The Gate received the request without a signature.',
      'zh-CN': '网关收到的请求没有签名。',
    },
    action: {
      en: 'Check the credentials (the secret key may be empty); if it is still due, pay it as a new payout.',
      'zh-CN': '请检查凭据（密钥可能为空）；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '3358',
    origin: 'request',
    source: 'design',
    meaning: {
      en: 'The amount is below the minimum the provider allows for this project or method.',
      'zh-CN': '金额低于该项目或付款方式允许的下限。',
    },
    action: PAY_AGAIN,
    moneyMoved: 'no',
  },
  {
    code: '9999',
    origin: 'operation',
    source: 'design',
    meaning: { en: 'The provider is still processing it.', 'zh-CN': '服务商仍在处理。' },
    action: WAIT,
    moneyMoved: 'possibly',
  },
  {
    code: '20102',
    origin: 'operation',
    source: 'design',
    meaning: {
      en: 'The bank says the account details are wrong (card number, name or bank).',
      'zh-CN': '银行提示账户信息有误（卡号、姓名或银行）。',
    },
    action: {
      en: 'Correct them; if it is still due, pay it as a new payout.',
      'zh-CN': '请更正；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '20105',
    origin: 'operation',
    source: 'seed',
    meaning: {
      en: "Declined by the bank: the payee's account cannot take the payment.",
      'zh-CN': '银行拒绝：收款人账户无法入账。',
    },
    action: PAY_AGAIN,
    moneyMoved: 'no',
  },
  {
    code: '20106',
    origin: 'operation',
    source: 'seed',
    meaning: {
      en: "The payee's card or account is closed or no longer available.",
      'zh-CN': '收款人的卡或账户已注销或不可用。',
    },
    action: {
      en: 'Ask the payee for a current card; if it is still due, pay it as a new payout.',
      'zh-CN': '请向收款人索取有效卡号；如仍需支付，请作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '20601',
    origin: 'operation',
    source: 'design',
    meaning: { en: 'The provider asks to try again later.', 'zh-CN': '服务商要求稍后重试。' },
    action: {
      en: 'While the payout is still processing, wait for the provider; once it is declined, pay it as a new payout later if it is still due.',
      'zh-CN': '付款仍在处理中时请等待服务商处理；若已被拒绝且仍需支付，请稍后作为新的付款重新发起。',
    },
    moneyMoved: 'no',
  },
  {
    code: '20602',
    origin: 'operation',
    source: 'seed',
    meaning: { en: 'The bank did not answer in time.', 'zh-CN': '银行未及时响应。' },
    action: PAY_AGAIN,
    moneyMoved: 'no',
  },
  {
    code: '29999',
    origin: 'operation',
    source: 'design',
    meaning: { en: 'The provider is still processing it.', 'zh-CN': '服务商仍在处理。' },
    action: WAIT,
    moneyMoved: 'possibly',
  },
];
