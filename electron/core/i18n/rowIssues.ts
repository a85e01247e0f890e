/**
 * Messages for row issues, rendered on demand (validation only stores codes and params). Sensitive
 * values such as card numbers are masked before they enter params, so a message never reveals them.
 */
import type { IssueCode, Lang, PayoutField, RowIssue } from '../types.js';
import { escapeUnsafe } from '../validation/hygiene.js';

/** Field display names; the Chinese ones follow the Chinese template headers. */
const FIELD_LABELS: Record<PayoutField, Record<Lang, string>> = {
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
};

/** The display name of a payout field. */
export function fieldLabel(field: PayoutField, lang: Lang): string {
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
    en: (p, f) => `${f} "${p('value')}" is not supported: payouts can only be made in CNY.`,
    'zh-CN': (p, f) => `${f}“${p('value')}”不支持：只能以人民币（CNY）付款。`,
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
};

/** A clear, specific message for one issue, naming the field and the (masked) offending value. */
export function describeIssue(issue: RowIssue, lang: Lang): string {
  const params: Params = issue.params;
  const read = (key: string): string => {
    const value = params[key];
    // Values come from the file: never let a control character reach a terminal through a message.
    return value === undefined ? '' : escapeUnsafe(String(value));
  };
  const label = issue.field === null ? '' : fieldLabel(issue.field, lang);
  return MESSAGES[issue.code][lang](read, label);
}
