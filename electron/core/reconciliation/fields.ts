/**
 * The provider's fields as reconciliation reads them, and how the provider's words are normalised: the Data
 * API's field names, the Dashboard's English column names and Chinese ones all name the same fields.
 */
import { normaliseHeader } from '../csv/headers.js';
import { ProviderFileError } from './errors.js';

/** What a provider column can feed. `amount` is decimal major units ("500.00"); `amount_minor` integer fen. */
export const PROVIDER_FIELDS = [
  'payment_id',
  'operation_id',
  'operation_type',
  'operation_status',
  'amount',
  'amount_minor',
  'currency',
  'created_at',
  'completed_at',
  'code',
  'message',
] as const;

export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** Header names each field is known by (compared normalised: case, spaces, `_` and `-` ignored). */
const KNOWN_HEADERS: Record<ProviderField, readonly string[]> = {
  payment_id: ['payment_id', 'Payment ID', 'Order ID', '订单号', '支付 ID', '支付编号', '商户订单号'],
  operation_id: ['operation_id', 'Operation ID', '操作 ID', '操作编号', '交易 ID', '交易编号'],
  operation_type: ['operation_type', 'Operation type', 'Type', '操作类型', '交易类型', '类型'],
  operation_status: ['operation_status', 'Operation status', 'Status', '操作状态', '交易状态', '状态'],
  amount: ['Amount', 'Operation amount', 'Initial amount', 'Sum', '金额', '交易金额', '操作金额'],
  amount_minor: ['amount_minor', 'sum_initial.amount', 'Amount (minor units)', '金额（分）', '金额(分)'],
  currency: ['currency', 'Currency', 'sum_initial.currency', 'Operation currency', '币种', '货币'],
  created_at: [
    'operation_created_at',
    'created_at',
    'Created at',
    'Operation created at',
    'Date',
    '创建时间',
    '操作创建时间',
  ],
  completed_at: [
    'operation_completed_at',
    'completed_at',
    'Completed at',
    'Operation completed at',
    '完成时间',
    '操作完成时间',
  ],
  code: ['payment_provider_code', 'code', 'Provider code', 'Code', '服务商代码', '代码'],
  message: ['payment_provider_message', 'message', 'Provider message', 'Message', '服务商消息', '消息'],
};

const FIELD_BY_HEADER: ReadonlyMap<string, ProviderField> = new Map(
  (Object.entries(KNOWN_HEADERS) as Array<[ProviderField, readonly string[]]>).flatMap(([field, names]) =>
    [field, ...names].map((name) => [normaliseHeader(name), field] as const),
  ),
);

/** The field a header names, if it is one of the known names. */
export function fieldOfHeader(header: string): ProviderField | undefined {
  return FIELD_BY_HEADER.get(normaliseHeader(header));
}

/**
 * `--map "their header=field,…"` (or the pairs a screen gives) as header → field. Fields are named as in
 * PROVIDER_FIELDS or by a known header; each header and each field at most once.
 */
export function providerColumnMap(spec: string | Record<string, string>): Map<string, ProviderField> {
  const entries: Array<[string, string, string]> =
    typeof spec === 'string'
      ? spec
          .split(',')
          .filter((entry) => entry.trim() !== '')
          .map((raw) => {
            const entry = raw.trim();
            // Split at the last '=': a field name never holds one, a header might.
            const eq = entry.lastIndexOf('=');
            if (eq === -1) throw mapInvalid(entry, 'syntax');
            return [entry.slice(0, eq), entry.slice(eq + 1), entry];
          })
      : Object.entries(spec).map(([header, field]) => [header, field, `${header}=${field}`]);
  const map = new Map<string, ProviderField>();
  const headers = new Set<string>();
  const fields = new Set<ProviderField>();
  for (const [rawHeader, rawField, entry] of entries) {
    const header = rawHeader.trim();
    if (header === '' || rawField.trim() === '') throw mapInvalid(entry, 'syntax');
    const field = fieldOfHeader(rawField);
    if (field === undefined) throw mapInvalid(entry, 'unknown_field');
    const key = normaliseHeader(header);
    if (headers.has(key) || fields.has(field)) throw mapInvalid(entry, 'duplicate');
    headers.add(key);
    fields.add(field);
    map.set(header, field);
  }
  return map;
}

function mapInvalid(entry: string, reason: string): ProviderFileError {
  return new ProviderFileError('PROVIDER_MAP_INVALID', { entry, reason });
}

/** Dashboard words (English or Chinese) for operation types and statuses → the Data API's own. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['付款', 'payout'],
  ['出款', 'payout'],
  ['代付', 'payout'],
  ['冲正', 'reversal'],
  ['撤销', 'reversal'],
  ['消费', 'sale'],
  ['销售', 'sale'],
  ['退款', 'refund'],
  ['成功', 'success'],
  ['拒绝', 'decline'],
  ['已拒绝', 'decline'],
  ['失败', 'decline'],
  ['错误', 'error'],
  ['处理中', 'processing'],
  ['declined', 'decline'],
  ['successful', 'success'],
]);

/** Words seen so far: a file uses a handful of types and statuses, 100,000 times over. */
const normalisedWords = new Map<string, string>();

/** A type or status as the Data API writes it: lower case, words joined by `_`, Dashboard words translated. */
export function normaliseWord(raw: string): string {
  let word = normalisedWords.get(raw);
  if (word === undefined) {
    const plain = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '_');
    word = WORDS.get(plain) ?? plain;
    if (normalisedWords.size < 1000) normalisedWords.set(raw, word);
  }
  return word;
}

/** A currency code, upper case (CNY); null when absent. */
export function normaliseCurrency(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.normalize('NFKC').trim().toUpperCase();
  if (code === '') return null;
  return code === 'RMB' || code === '人民币' ? 'CNY' : code;
}

/** Minor units as the Data API gives them (a whole number, or its digits as text); null when not that. */
export function minorUnits(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? Math.abs(raw) : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^-?\d{1,15}$/.test(text)) return null;
  return Math.abs(Number(text));
}
