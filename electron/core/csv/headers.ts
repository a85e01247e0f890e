import type { ColumnTarget, PayoutField } from '../types.js';
import { IntakeFileError } from './errors.js';

/** The payout fields in template column order. */
export const TEMPLATE_FIELDS: readonly PayoutField[] = [
  'payment_id',
  'amount',
  'currency',
  'card_number',
  'bank_id',
  'region_id',
  'last_name',
  'first_name',
  'customer_id',
  'phone',
  'email',
  'id_number',
  'branch',
  'bank_city',
  'province',
  'city',
  'street',
  'zip',
  'description',
];

/** Header text per column target, in the English and the Chinese template. */
export const TEMPLATE_HEADERS: Readonly<Record<ColumnTarget, { en: string; zh: string }>> = {
  payment_id: { en: 'payment_id', zh: '订单号' },
  amount: { en: 'amount', zh: '金额' },
  currency: { en: 'currency', zh: '币种' },
  card_number: { en: 'card_number', zh: '卡号' },
  bank_id: { en: 'bank_id', zh: '银行编号' },
  region_id: { en: 'region_id', zh: '地区编号' },
  last_name: { en: 'last_name', zh: '姓' },
  first_name: { en: 'first_name', zh: '名' },
  customer_id: { en: 'customer_id', zh: '客户编号' },
  phone: { en: 'phone', zh: '手机号' },
  email: { en: 'email', zh: '邮箱' },
  id_number: { en: 'id_number', zh: '身份证号' },
  branch: { en: 'branch', zh: '支行' },
  bank_city: { en: 'bank_city', zh: '开户城市' },
  province: { en: 'province', zh: '省份' },
  city: { en: 'city', zh: '城市' },
  street: { en: 'street', zh: '地址' },
  zip: { en: 'zip', zh: '邮编' },
  description: { en: 'description', zh: '备注' },
  full_name: { en: 'full_name', zh: '收款人姓名' },
};

/** Columns a file must have. The recipient's name may instead come from one full_name column. */
const REQUIRED_FIELDS: ReadonlySet<PayoutField> = new Set(['amount', 'card_number', 'bank_id', 'region_id']);
const NAME_FIELDS: readonly PayoutField[] = ['last_name', 'first_name'];

export interface ColumnMapping {
  /** Index of the file column that feeds each mapped target. */
  columns: Partial<Record<ColumnTarget, number>>;
  /** Headers of the file's columns that feed nothing; shown to the user, otherwise ignored. */
  ignored: string[];
  /** Without a payment_id column the engine generates the ids. */
  hasPaymentIdColumn: boolean;
}

/**
 * The form in which headers are compared: Unicode-compatibility folded (full-width letters and spaces become
 * plain ones), lower case, without whitespace, a stray BOM, underscores or hyphens. So "Card Number",
 * "CARD_NUMBER" and "卡\u3000号" match the template headers card_number and 卡号.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\s\uFEFF_-]+/g, '')
    .toLowerCase();
}

const TARGET_BY_TEMPLATE_HEADER: ReadonlyMap<string, ColumnTarget> = new Map(
  (Object.entries(TEMPLATE_HEADERS) as [ColumnTarget, { en: string; zh: string }][]).flatMap(
    ([target, { en, zh }]) => [
      [normaliseHeader(en), target],
      [normaliseHeader(zh), target],
    ],
  ),
);

/** The target a header names in either template, if any. */
export function templateTargetOf(header: string): ColumnTarget | undefined {
  return TARGET_BY_TEMPLATE_HEADER.get(normaliseHeader(header));
}

/**
 * Parses the CLI's `--map "their header=amount,Other Header=card_number"`. Keys are the user's header text
 * (trimmed); they are compared with the file's headers in normalised form. The field may be given as a
 * target name or a template header in either language (amount, 金额).
 */
export function parseMapOption(spec: string): Map<string, ColumnTarget> {
  const entries = spec.split(',').map((rawEntry): [string, string, string] => {
    const entry = rawEntry.trim();
    // Split at the last '=': field names never hold one, a header might.
    const eq = entry.lastIndexOf('=');
    if (eq === -1) throw mapInvalid(entry, 'syntax');
    return [entry.slice(0, eq).trim(), entry.slice(eq + 1).trim(), entry];
  });
  return columnMap(entries);
}

/** A mapping given as header → field pairs (the import preview's dropdowns). */
export function columnMapFromRecord(record: Record<string, string>): Map<string, ColumnTarget> {
  return columnMap(Object.entries(record).map(([header, field]) => [header, field, `${header}=${field}`]));
}

/** Checks [header, field, as written] entries: known fields, each header and each field at most once. */
function columnMap(entries: Array<[string, string, string]>): Map<string, ColumnTarget> {
  const map = new Map<string, ColumnTarget>();
  const seenHeaders = new Set<string>();
  const seenTargets = new Set<ColumnTarget>();
  for (const [rawHeader, rawField, entry] of entries) {
    const header = rawHeader.trim();
    const field = rawField.trim();
    if (header === '' || field === '') throw mapInvalid(entry, 'syntax');
    const target = templateTargetOf(field);
    if (target === undefined) throw mapInvalid(entry, 'unknown_field');
    const key = normaliseHeader(header);
    if (seenHeaders.has(key) || seenTargets.has(target)) throw mapInvalid(entry, 'duplicate');
    seenHeaders.add(key);
    seenTargets.add(target);
    map.set(header, target);
  }
  return map;
}

function mapInvalid(entry: string, reason: 'syntax' | 'unknown_field' | 'duplicate' | 'header_not_found') {
  return new IntakeFileError('MAP_INVALID', { entry, reason });
}

/**
 * Decides which file column feeds which field. The custom map wins: a field it assigns is not also taken
 * from a template-named column (that column is ignored instead). Throws for a custom header not in the file,
 * for two columns feeding one field, and for missing required columns (all of them named at once).
 */
export function mapHeader(header: string[], customMap?: Map<string, ColumnTarget>): ColumnMapping {
  const normalised = header.map(normaliseHeader);
  const columns: Partial<Record<ColumnTarget, number>> = {};
  const claimed = new Set<number>();

  for (const [customHeader, target] of customMap ?? []) {
    const key = normaliseHeader(customHeader);
    const indices = indicesOf(normalised, key);
    if (indices.length === 0) throw mapInvalid(`${customHeader}=${target}`, 'header_not_found');
    if (indices.length > 1)
      throw duplicateColumn(
        target,
        indices.map((i) => header[i]!),
      );
    // Two map entries that normalise alike would feed one column into two fields.
    if (claimed.has(indices[0]!)) throw mapInvalid(`${customHeader}=${target}`, 'duplicate');
    columns[target] = indices[0]!;
    claimed.add(indices[0]!);
  }
  const customTargets = new Set(customMap?.values());

  const ignored: string[] = [];
  header.forEach((text, index) => {
    if (claimed.has(index)) return;
    const target = TARGET_BY_TEMPLATE_HEADER.get(normalised[index]!);
    if (target === undefined || customTargets.has(target)) {
      // Blank headers (trailing delimiters from Excel) are noise, not a column the user needs to hear about.
      if (normalised[index] !== '') ignored.push(text);
      return;
    }
    const taken = columns[target];
    if (taken !== undefined) throw duplicateColumn(target, [header[taken]!, text]);
    columns[target] = index;
  });

  const missing = missingRequired(columns);
  if (missing.length > 0) throw new IntakeFileError('FILE_MISSING_COLUMN', { column: missing.join(', ') });
  return { columns, ignored, hasPaymentIdColumn: columns.payment_id !== undefined };
}

function indicesOf(values: string[], wanted: string): number[] {
  const found: number[] = [];
  values.forEach((v, i) => {
    if (v === wanted) found.push(i);
  });
  return found;
}

function duplicateColumn(target: ColumnTarget, headers: string[]): IntakeFileError {
  return new IntakeFileError('FILE_DUPLICATE_COLUMN', { column: target, headers: headers.join(', ') });
}

/** Required fields without a column, in template order. */
function missingRequired(columns: Partial<Record<ColumnTarget, number>>): PayoutField[] {
  const namesFromFullName = columns.full_name !== undefined;
  return TEMPLATE_FIELDS.filter(
    (field) =>
      columns[field] === undefined &&
      (REQUIRED_FIELDS.has(field) || (NAME_FIELDS.includes(field) && !namesFromFullName)),
  );
}
