/** What a value should have been, in both languages, for INVALID_INPUT and SETTING_INVALID messages. */
import type { ErrorParams } from './errors.js';

export interface Expected {
  en: string;
  zh: string;
}

export function expectedParams(expected: Expected): ErrorParams {
  return { expected: expected.en, expected_zh: expected.zh };
}

export const EXPECT = {
  object: { en: 'an object', zh: '对象' },
  list: { en: 'a list', zh: '列表' },
  text: { en: 'text', zh: '文本' },
  isoTime: { en: 'a date (YYYY-MM-DD) or an ISO time', zh: '日期（YYYY-MM-DD）或 ISO 时间' },
  trueOrFalse: { en: 'true or false', zh: 'true 或 false' },
  positiveWhole: { en: 'a positive whole number', zh: '正整数' },
  fileBytes: { en: 'the file’s bytes', zh: '文件内容（字节）' },
  state: { en: 'a state', zh: '状态' },
  url: { en: 'an http(s) URL', zh: 'http(s) 网址' },
  urlOrNull: { en: 'an http(s) URL, or null', zh: 'http(s) 网址或 null' },
  ip: { en: 'an IPv4 or IPv6 address', zh: 'IPv4 或 IPv6 地址' },
  email: { en: 'an email address', zh: '电子邮箱地址' },
  environment: { en: 'sandbox or production', zh: 'sandbox 或 production' },
  knownSetting: {
    en: 'a known setting (environment, gate-url, payout.*, sending.*, limits.METHOD, family-name-field, duplicate-window-days, pan.METHOD)',
    zh: '已知的设置项（environment、gate-url、payout.*、sending.*、limits.METHOD、family-name-field、duplicate-window-days、pan.METHOD）',
  },
  knownPayoutDefault: { en: 'a known payout default', zh: '已知的付款默认字段' },
  knownSending: { en: 'a known sending setting', zh: '已知的发送设置' },
  method: { en: 'a payout method', zh: '付款方式' },
  limitsText: {
    en: 'MIN-MAX in CNY, e.g. 10.00-44999.00, or default',
    zh: '以元为单位的“最小-最大”，例如 10.00-44999.00，或 default',
  },
  wholeFromTo: (min: number, max: number): Expected => ({
    en: `a whole number from ${min} to ${max}`,
    zh: `${min} 到 ${max} 之间的整数`,
  }),
  textUpTo: (max: number): Expected => ({
    en: `text of at most ${max} characters`,
    zh: `不超过 ${max} 个字符的文本`,
  }),
  textOrNullUpTo: (max: number): Expected => ({
    en: `text of at most ${max} characters, or null`,
    zh: `不超过 ${max} 个字符的文本或 null`,
  }),
  oneOf: (values: readonly string[]): Expected => ({
    en: `one of ${values.join(', ')}`,
    zh: `${values.join('、')} 之一`,
  }),
} as const;
