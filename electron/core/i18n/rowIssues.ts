/**
 * Messages for row issues, rendered on demand (validation only stores codes and params). Sensitive
 * values such as card numbers are masked before they enter params, so a message never reveals them.
 */
import type { RefundField } from '../refunds/fields.js';
import type { IssueCode, Lang, PayoutField, RowIssue } from '../types.js';
import { escapeUnsafe } from '../validation/hygiene.js';

/** Field display names; the Chinese ones follow the Chinese template headers. */
const FIELD_LABELS: Record<PayoutField | RefundField, Record<Lang, string>> = {
  payment_id: { en: 'Payment ID', 'zh-CN': '订单号' },
  amount: { en: 'Amount', 'zh-CN': '金额' },
  currency: { en: 'Currency', 'zh-CN': '币种' },
  card_number: { en: 'Card number', 'zh-CN': '卡号' },
  bank_id: { en: 'Bank', 'zh-CN': '银行' },
  region_id: { en: 'Region', 'zh-CN': '地区' },
  last_name: { en: 'Last name', 'zh-CN': '姓' },
  first_name: { en: 'First name', 'zh-CN': '名' },
  customer_id: { en: 'Customer ID', 'zh-CN': '客户编号' },
  phone: { en: 'Phone', 'zh-CN': '手机号' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  id_number: { en: 'ID number', 'zh-CN': '身份证号' },
  branch: { en: 'Branch', 'zh-CN': '支行' },
  bank_city: { en: 'Bank city', 'zh-CN': '开户城市' },
  province: { en: 'Province', 'zh-CN': '省份' },
  city: { en: 'City', 'zh-CN': '城市' },
  street: { en: 'Street address', 'zh-CN': '地址' },
  zip: { en: 'Postal code', 'zh-CN': '邮编' },
  description: { en: 'Description', 'zh-CN': '备注' },
  // A refund file's own fields (its amount and currency are labelled as a payout's).
  pay_id: { en: 'PayID', 'zh-CN': '支付号' },
  trans_id: { en: 'TransID', 'zh-CN': '退款交易号' },
  reason: { en: 'Reason', 'zh-CN': '退款原因' },
  ref_nr: { en: 'Reference number', 'zh-CN': '商户参考号' },
  captured_amount: { en: 'Captured amount', 'zh-CN': '原支付金额' },
};

/** The display name of a payout or refund field. */
export function fieldLabel(field: PayoutField | RefundField, lang: Lang): string {
  return FIELD_LABELS[field][lang];
}

type Params = RowIssue['params'];
/** Renders one message; `f` is the issue field's display name in the message's language. */
type Render = (p: (key: string) => string, f: string) => string;

const MESSAGES: Record<IssueCode, Record<Lang, Render>> = {
  AMOUNT_INVALID: {
    en: (p, f) =>
      `${f} "${p('value')}" is not a valid amount: use a positive number with at most 2 decimals, e.g. 1234.56.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”无效：请填写正数，最多两位小数，例如 1234.56。`,
  },
  AMOUNT_BELOW_MIN: {
    en: (p, f) => `${f} ${p('value')} is below the minimum ${p('min')} CNY for ${p('method')}.`,
    'zh-CN': (p, f) => `${f} ${p('value')} 低于 ${p('method_zh')} 的最低限额 ${p('min')} 元。`,
  },
  AMOUNT_ABOVE_MAX: {
    en: (p, f) => `${f} ${p('value')} is above the maximum ${p('max')} CNY for ${p('method')}.`,
    'zh-CN': (p, f) => `${f} ${p('value')} 高于 ${p('method_zh')} 的最高限额 ${p('max')} 元。`,
  },
  REQUIRED_MISSING: {
    en: (p, f) =>
      (p('source') === 'no_column'
        ? `${f} is required, but the file has no such column`
        : `${f} is required but empty`) +
      (p('option') ? ` and no default is set (settings' payout defaults or ${p('option')}).` : '.'),
    'zh-CN': (p, f) =>
      (p('source') === 'no_column' ? `必填项“${f}”缺失：文件中没有该列` : `必填项“${f}”为空`) +
      (p('option') ? `，且未设置默认值（设置中的付款默认值或 ${p('option')}）。` : '。'),
  },
  CURRENCY_UNSUPPORTED: {
    en: (p, f) =>
      `${f} "${p('value')}" is not supported: ${p('kind') === 'refund' ? 'refunds' : 'payouts'} can only be made in CNY.`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”不支持：只能以人民币（CNY）${p('kind') === 'refund' ? '退款' : '付款'}。`,
  },
  BANK_UNKNOWN: {
    en: (p, f) =>
      `${f} "${p('value')}" is not in the ${p('method')} bank list: enter its bank ID or exact name.` +
      (p('suggestions') ? ` Did you mean ${p('suggestions')}?` : ''),
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”不在 ${p('method_zh')} 的银行列表中：请填写银行 ID 或准确的银行名称。` +
      (p('suggestions_zh') ? `您是否要填：${p('suggestions_zh')}？` : ''),
  },
  BANK_AMBIGUOUS: {
    en: (p, f) => `${f} "${p('value')}" matches several bank IDs (${p('ids')}): enter the bank ID instead.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”对应多个银行 ID（${p('ids')}）：请改填银行 ID。`,
  },
  BANK_LOOKS_LIKE_REGION: {
    en: (p, f) =>
      `${f} ${p('id')} is "${p('name')}" in the ${p('method')} bank list: that is a region name, not a bank. Check the payee's bank before sending.`,
    'zh-CN': (p, f) =>
      `${f} ${p('id')} 在 ${p('method_zh')} 的银行列表中为“${p('name')}”，这是地区名称而不是银行：请在付款前核对收款人的开户银行。`,
  },
  REGION_UNKNOWN: {
    en: (p, f) =>
      `${f} "${p('value')}" is unknown: enter a region ID (1–34) or a province name such as Guangdong Sheng, 广东省 or 广东.`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”无法识别：请填写地区 ID（1–34）或省级名称，如 广东省、广东 或 Guangdong Sheng。`,
  },
  PAN_INVALID: {
    en: (p, f) => `${f} ${p('pan')} is not valid: it has ${p('length')} characters, expected 16–19 digits.`,
    'zh-CN': (p, f) => `${f} ${p('pan')} 无效：共 ${p('length')} 个字符，应为 16–19 位数字。`,
  },
  PAN_EXCEL_DAMAGED: {
    en: (p, f) =>
      p('kind') === 'scientific'
        ? `${f} ${p('pan')} was turned into scientific notation by Excel and its digits are lost: export the card numbers as text.`
        : `${f} ${p('pan')} looks damaged by Excel: every digit after the 15th is 0 and the check digit fails. Compare it with the source.`,
    'zh-CN': (p, f) =>
      p('kind') === 'scientific'
        ? `${f} ${p('pan')} 已被 Excel 转为科学计数法，原始数字已丢失：请将${f}列设为文本后重新导出。`
        : `${f} ${p('pan')} 疑似被 Excel 损坏：第 15 位之后全为 0 且校验位不符，请与原始数据核对。`,
  },
  PAN_LUHN: {
    en: (p, f) =>
      `${f} ${p('pan')} fails the Luhn check: please verify it (some genuine UnionPay cards fail it too).`,
    'zh-CN': (p, f) => `${f} ${p('pan')} 未通过 Luhn 校验：请核对（部分真实银联卡也无法通过该校验）。`,
  },
  PAN_PREFIX: {
    en: (p, f) => `${f} ${p('pan')} starts with ${p('prefix')}, not 62 or 81 like UnionPay cards.`,
    'zh-CN': (p, f) => `${f} ${p('pan')} 以 ${p('prefix')} 开头，而银联卡通常以 62 或 81 开头。`,
  },
  NAME_NOT_CHINESE: {
    en: (p, f) =>
      `${f} "${p('value')}" must be written in Chinese characters (parts may be joined by a middle dot ·).`,
    'zh-CN': (p, f) => `${f}“${p('value')}”必须为汉字（多段姓名可用间隔号“·”连接）。`,
  },
  PHONE_INVALID: {
    en: (p, f) =>
      `${f} "${p('value')}" is not valid: enter a mainland mobile number (e.g. 13800138000) or + country code and number.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”无效：请填写大陆手机号（如 13800138000）或“+国家代码 号码”。`,
  },
  EMAIL_INVALID: {
    en: (p, f) => `${f} "${p('value')}" is not a valid email address.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”不是有效的邮箱地址。`,
  },
  DOC_NUMBER_INVALID: {
    en: (p, f) =>
      `${f} ${p('value')} has a wrong check character for an 18-digit resident ID: please verify it.`,
    'zh-CN': (p, f) => `${f} ${p('value')} 的校验位与 18 位居民身份证号码不符，请核对。`,
  },
  PAYMENT_ID_DUPLICATE: {
    en: (p, f) => `${f} "${p('value')}" already appears on line ${p('first_line')} of this file.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”与本文件第 ${p('first_line')} 行重复。`,
  },
  PAYMENT_ID_USED: {
    en: (p, f) => `${f} "${p('value')}" was already used by an earlier payout: every payout needs a new one.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”已被之前的付款使用：每笔付款都需要新的编号。`,
  },
  PAYMENT_ID_INVALID: {
    en: (p, f) =>
      p('reason') === 'length'
        ? `${f} "${p('value')}" is ${p('length')} characters long; at most ${p('max')} are allowed.`
        : `${f} "${p('value')}" may only contain printable ASCII characters without spaces.`,
    'zh-CN': (p, f) =>
      p('reason') === 'length'
        ? `${f}“${p('value')}”长度为 ${p('length')} 个字符，最多允许 ${p('max')} 个。`
        : `${f}“${p('value')}”只能包含可打印的 ASCII 字符，且不能有空格。`,
  },
  ROW_DUPLICATE: {
    en: (p) =>
      `Card number ${p('pan')} and amount ${p('amount')} repeat line ${p('first_line')}: make sure this is not the same payout twice.`,
    'zh-CN': (p) =>
      `卡号 ${p('pan')} 和金额 ${p('amount')} 与第 ${p('first_line')} 行相同：请确认不是重复付款。`,
  },
  ROW_SHAPE: {
    en: (p) =>
      `This line has ${p('cells')} cells but the header has ${p('expected')}: the columns are shifted. Usually a comma inside an unquoted value (a thousands separator as in 12,345.00, or a comma in an address) or a missing delimiter; quote such values or remove the separator.`,
    'zh-CN': (p) =>
      `该行有 ${p('cells')} 个单元格，而表头有 ${p('expected')} 个：各列已错位。通常是未加引号的值中含有逗号（如千位分隔符 12,345.00 或地址中的逗号）或缺少分隔符；请为这类值加引号或删除分隔符。`,
  },
  EXCEL_DAMAGED: {
    en: (p, f) =>
      `${f} "${p('value')}" was turned into scientific notation by Excel and its digits are lost: format the column as text and export again.`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”已被 Excel 转为科学计数法，原始数字已丢失：请将该列设为文本后重新导出。`,
  },
  FIELD_TOO_LONG: {
    en: (p, f) => `${f} is ${p('length')} characters long; at most ${p('max')} are allowed.`,
    'zh-CN': (p, f) => `${f}长度为 ${p('length')} 个字符，最多允许 ${p('max')} 个。`,
  },
  TEXT_CONTROL_CHARS: {
    en: (p, f) =>
      `${f} "${p('value')}" contains ${p('kind') === 'bidi' ? 'a text-direction override' : p('kind') === 'invisible' ? 'an invisible (zero-width) character' : 'a control character'} (${p('char')}) at position ${p('position')}: retype the value without it.`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”第 ${p('position')} 个字符是${p('kind') === 'bidi' ? '文字方向控制符' : p('kind') === 'invisible' ? '不可见（零宽）字符' : '控制字符'}（${p('char')}）：请删除后重新输入。`,
  },
  ZIP_INVALID: {
    en: (p, f) => `${f} "${p('value')}" is not valid: a postal code in China has 6 digits, e.g. 510000.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”无效：中国邮编为 6 位数字，例如 510000。`,
  },
  ACCOUNT_NUMBER_INVALID: {
    en: (p, f) =>
      `${f} ${p('value')} is not a valid bank account number: ${p('length')} characters, expected ${p('min')}–${p('max')} digits.`,
    'zh-CN': (p, f) =>
      `${f} ${p('value')} 不是有效的银行账号：共 ${p('length')} 个字符，应为 ${p('min')}–${p('max')} 位数字。`,
  },
  PAYOUT_DUPLICATE_HISTORY: {
    en: (p) =>
      `Card number ${p('pan')} was already paid ${p('amount')} in batch ${p('batch_id')} (imported ${p('date')}, status ${p('status')})${Number(p('others')) > 0 ? ` and ${p('others')} more batch(es)` : ''} within the last ${p('days')} days: make sure this is not the same payout twice.`,
    'zh-CN': (p) =>
      `卡号 ${p('pan')} 在最近 ${p('days')} 天内已在批次 ${p('batch_id')}（${p('date')} 导入，状态 ${p('status')}）${Number(p('others')) > 0 ? `及另外 ${p('others')} 个批次` : ''}中付款 ${p('amount')}：请确认不是重复付款。`,
  },
  PAY_ID_INVALID: {
    en: (p, f) =>
      p('reason') === 'length'
        ? `${f} "${p('value')}" has ${p('length')} characters, but a PayID has exactly ${p('expected')} letters and digits: copy it exactly as Computop shows the payment.`
        : `${f} "${p('value')}" may only contain letters A–Z and digits 0–9 (32 of them): copy it exactly as Computop shows the payment.`,
    'zh-CN': (p, f) =>
      p('reason') === 'length'
        ? `${f}“${p('value')}”共 ${p('length')} 个字符，而支付号（PayID）应为恰好 ${p('expected')} 位字母或数字：请按 Computop 显示的原样复制。`
        : `${f}“${p('value')}”只能包含字母 A–Z 和数字 0–9（共 32 位）：请按 Computop 显示的原样复制。`,
  },
  TRANS_ID_INVALID: {
    en: (p, f) =>
      p('reason') === 'length'
        ? `${f} "${p('value')}" is ${p('length')} characters long; at most ${p('max')} are allowed. Shorten it, or leave it empty to have one generated.`
        : `${f} "${p('value')}" may only contain printable ASCII characters, without spaces and without & = % +. Change it, or leave it empty to have one generated.`,
    'zh-CN': (p, f) =>
      p('reason') === 'length'
        ? `${f}“${p('value')}”长度为 ${p('length')} 个字符，最多允许 ${p('max')} 个：请缩短，或留空由系统生成。`
        : `${f}“${p('value')}”只能包含可打印的 ASCII 字符，不能有空格及 & = % +：请修改，或留空由系统生成。`,
  },
  TRANS_ID_DUPLICATE: {
    en: (p, f) =>
      `${f} "${p('value')}" already appears on line ${p('first_line')} of this file: every refund needs its own TransID (or leave it empty to have one generated).`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”与本文件第 ${p('first_line')} 行重复：每笔退款都需要不同的退款交易号（或留空由系统生成）。`,
  },
  TRANS_ID_USED: {
    en: (p, f) =>
      `${f} "${p('value')}" was already used by an earlier refund: a TransID can be used only once, ever. Give a new one, or leave it empty to have one generated.`,
    'zh-CN': (p, f) =>
      `${f}“${p('value')}”已被之前的退款使用：每个退款交易号只能使用一次。请填写新的编号，或留空由系统生成。`,
  },
  AMOUNT_TOO_LARGE: {
    en: (p, f) => `${f} ${p('value')} is too large: one refund can be at most ${p('max')} CNY.`,
    'zh-CN': (p, f) => `${f} ${p('value')} 过大：单笔退款最多 ${p('max')} 元。`,
  },
  REF_NR_INVALID: {
    en: (p, f) =>
      p('reason') === 'length'
        ? `${f} "${p('value')}" is ${p('length')} characters long; at most ${p('max')} letters and digits are allowed.`
        : `${f} "${p('value')}" may only contain letters and digits (at most ${p('max')}), without spaces or punctuation such as - or /.`,
    'zh-CN': (p, f) =>
      p('reason') === 'length'
        ? `${f}“${p('value')}”长度为 ${p('length')} 个字符，最多允许 ${p('max')} 位字母或数字。`
        : `${f}“${p('value')}”只能包含字母和数字（最多 ${p('max')} 位），不能有空格或 -、/ 等符号。`,
  },
  CAPTURED_AMOUNT_INVALID: {
    en: (p, f) =>
      p('reason') === 'too_large'
        ? `${f} "${p('value')}" is too large: at most ${p('max')} CNY. Check the original payment's amount, or leave the cell empty.`
        : `${f} "${p('value')}" is not a valid amount: use a positive number with at most 2 decimals, e.g. 1234.56, or leave the cell empty.`,
    'zh-CN': (p, f) =>
      p('reason') === 'too_large'
        ? `${f}“${p('value')}”过大：最多 ${p('max')} 元。请核对原支付金额，或留空。`
        : `${f}“${p('value')}”无效：请填写正数，最多两位小数，例如 1234.56，或留空。`,
  },
  CAPTURED_AMOUNT_CONFLICT: {
    en: (p, f) =>
      `${f} ${p('value')} differs from ${p('first')} given for PayID ${p('pay_id')} on line ${p('first_line')}: one payment has one captured amount. Correct the wrong one.`,
    'zh-CN': (p, f) =>
      `${f} ${p('value')} 与第 ${p('first_line')} 行为支付号 ${p('pay_id')} 填写的 ${p('first')} 不一致：同一笔支付只有一个原支付金额，请更正错误的一项。`,
  },
  REFUND_DUPLICATE: {
    en: (p) =>
      `Line ${p('first_line')} already refunds ${p('amount')} of PayID ${p('pay_id')} ${p('ref_nr') ? `with the same reference number ${p('ref_nr')}` : 'without a reference number, like this row'}: make sure this is not the same refund twice.`,
    'zh-CN': (p) =>
      `支付号 ${p('pay_id')} 的退款 ${p('amount')}${p('ref_nr') ? `（商户参考号 ${p('ref_nr')}）` : '（无商户参考号）'}与第 ${p('first_line')} 行相同：请确认不是重复退款。`,
  },
  REFUND_ABOVE_CAPTURE: {
    en: (p) =>
      `Refunding ${p('amount')} would take PayID ${p('pay_id')} above its captured amount ${p('captured')}${p('source') === 'file' ? ' (as this file gives it)' : ' (as known from earlier refunds or the provider)'}: ${p('refunded')} is already refunded and earlier rows of this file refund ${p('in_file')}, so at most ${p('remaining')} remains. Lower the amount or remove the row.`,
    'zh-CN': (p) =>
      `退款 ${p('amount')} 将使支付号 ${p('pay_id')} 的退款总额超过原支付金额 ${p('captured')}${p('source') === 'file' ? '（本文件填写）' : '（根据之前的退款或服务商查询）'}：已退款 ${p('refunded')}，本文件前面的行退款 ${p('in_file')}，最多还可退 ${p('remaining')}。请降低金额或删除该行。`,
  },
};

/** A clear, specific message for one issue, naming the field and the (masked) offending value. */
export function describeIssue(issue: RowIssue<PayoutField | RefundField>, lang: Lang): string {
  const params: Params = issue.params;
  const read = (key: string): string => {
    const value = params[key];
    // Values come from the file: never let a control character reach a terminal through a message.
    return value === undefined ? '' : escapeUnsafe(String(value));
  };
  const label = issue.field === null ? '' : fieldLabel(issue.field, lang);
  return MESSAGES[issue.code][lang](read, label);
}
