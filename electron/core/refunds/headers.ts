/**
 * Which column of a refund file feeds which refund field: by header name (fields.ts), or by a mapping a person
 * gave (`--map`, the import preview's dropdowns). The same rules and file errors as a payout file's header.
 */
import { IntakeFileError } from '../csv/errors.js';
import { normaliseHeader } from '../csv/headers.js';
import { REFUND_FIELDS, REQUIRED_REFUND_FIELDS, refundFieldOf, type RefundField } from './fields.js';

export interface RefundColumnMapping {
  /** Index of the file column that feeds each field; absent for a field without a column. */
  columns: Partial<Record<RefundField, number>>;
  /** Headers of the columns that feed nothing (blank headers left out): shown to the user, otherwise ignored. */
  ignored: string[];
  /** Without a trans_id column every row's TransID is generated. */
  hasTransIdColumn: boolean;
}

/**
 * Parses `--map "their header=pay_id,Other Header=amount"` for a refund file. The field may be named as a
 * field or by any of its headers (pay_id, PayID, 支付号). Splits each entry at its last '=': a header may hold one.
 */
export function parseRefundMapOption(spec: string): Map<string, RefundField> {
  return refundColumnMap(
    spec.split(',').map((rawEntry): [string, string, string] => {
      const entry = rawEntry.trim();
      const eq = entry.lastIndexOf('=');
      if (eq === -1) throw mapInvalid(entry, 'syntax');
      return [entry.slice(0, eq), entry.slice(eq + 1), entry];
    }),
  );
}

/** A mapping given as header → field pairs (the import preview's dropdowns). */
export function refundColumnMapFromRecord(record: Record<string, string>): Map<string, RefundField> {
  return refundColumnMap(
    Object.entries(record).map(([header, field]) => [header, field, `${header}=${field}`]),
  );
}

/** Checks [header, field, as written] entries: known fields, each header and each field at most once. */
function refundColumnMap(entries: Array<[string, string, string]>): Map<string, RefundField> {
  const map = new Map<string, RefundField>();
  const seenHeaders = new Set<string>();
  const seenFields = new Set<RefundField>();
  for (const [rawHeader, rawField, entry] of entries) {
    const header = rawHeader.trim();
    const fieldName = rawField.trim();
    if (header === '' || fieldName === '') throw mapInvalid(entry, 'syntax');
    const field = refundFieldOf(fieldName);
    if (field === undefined) throw mapInvalid(entry, 'unknown_field');
    const key = normaliseHeader(header);
    if (seenHeaders.has(key) || seenFields.has(field)) throw mapInvalid(entry, 'duplicate');
    seenHeaders.add(key);
    seenFields.add(field);
    map.set(header, field);
  }
  return map;
}

/**
 * Decides which column feeds which field. A custom map wins: a field it assigns is not also taken from a
 * column named after it (that column is ignored instead). Throws for a custom header not in the file, for two
 * columns feeding one field, and for missing required columns (all of them named at once).
 */
export function mapRefundHeader(
  header: readonly string[],
  customMap?: Map<string, RefundField>,
): RefundColumnMapping {
  const normalised = header.map(normaliseHeader);
  const columns: Partial<Record<RefundField, number>> = {};
  const claimed = new Set<number>();

  for (const [customHeader, field] of customMap ?? []) {
    const indices = indicesOf(normalised, normaliseHeader(customHeader));
    if (indices.length === 0) throw mapInvalid(`${customHeader}=${field}`, 'header_not_found');
    if (indices.length > 1)
      throw duplicateColumn(
        field,
        indices.map((i) => header[i]!),
      );
    if (claimed.has(indices[0]!)) throw mapInvalid(`${customHeader}=${field}`, 'duplicate');
    columns[field] = indices[0]!;
    claimed.add(indices[0]!);
  }
  const customFields = new Set(customMap?.values());

  const ignored: string[] = [];
  header.forEach((text, index) => {
    if (claimed.has(index)) return;
    const field = refundFieldOf(text);
    if (field === undefined || customFields.has(field)) {
      // Blank headers (trailing delimiters from Excel) are noise, not a column the user needs to hear about.
      if (normalised[index] !== '') ignored.push(text);
      return;
    }
    const taken = columns[field];
    if (taken !== undefined) throw duplicateColumn(field, [header[taken]!, text]);
    columns[field] = index;
  });

  const missing = REFUND_FIELDS.filter(
    (field) => REQUIRED_REFUND_FIELDS.includes(field) && columns[field] === undefined,
  );
  if (missing.length > 0) throw new IntakeFileError('FILE_MISSING_COLUMN', { column: missing.join(', ') });
  return { columns, ignored, hasTransIdColumn: columns.trans_id !== undefined };
}

function indicesOf(values: readonly string[], wanted: string): number[] {
  const found: number[] = [];
  values.forEach((value, index) => {
    if (value === wanted) found.push(index);
  });
  return found;
}

function duplicateColumn(field: RefundField, headers: string[]): IntakeFileError {
  return new IntakeFileError('FILE_DUPLICATE_COLUMN', { column: field, headers: headers.join(', ') });
}

function mapInvalid(entry: string, reason: 'syntax' | 'unknown_field' | 'duplicate' | 'header_not_found') {
  return new IntakeFileError('MAP_INVALID', { entry, reason });
}
