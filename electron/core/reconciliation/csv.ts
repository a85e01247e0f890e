/**
 * The Dashboard's CSV export of operations, with whatever columns the user chose: decoded like a payout file
 * (BOM, UTF-8, GB18030), its delimiter detected, its headers matched against the known names (fields.ts) or
 * a `--map`. Amounts in major units ("500.00") are read straight into fen, never through a float.
 */
import { decodeCsvBytes, type EncodingChoice } from '../csv/decode.js';
import { normaliseHeader } from '../csv/headers.js';
import { detectDelimiter, readCsvRecords } from '../csv/parse.js';
import { parseAmountToFen, SATURATED_FEN } from '../money.js';
import { ProviderFileError, quoted } from './errors.js';
import { fieldOfHeader, minorUnits, normaliseCurrency, normaliseWord, type ProviderField } from './fields.js';
import type { ProviderOperation } from './types.js';

type Columns = Partial<Record<ProviderField, number>>;

/** Which column feeds which field: the map first, then known header names (the first column of a field wins). */
function columnsOf(header: string[], map: Map<string, ProviderField>): Columns {
  const normalised = header.map(normaliseHeader);
  const columns: Columns = {};
  const claimed = new Set<number>();
  for (const [theirs, field] of map) {
    const index = normalised.indexOf(normaliseHeader(theirs));
    if (index === -1)
      throw new ProviderFileError('PROVIDER_MAP_INVALID', {
        entry: `${theirs}=${field}`,
        reason: 'header_not_found',
      });
    columns[field] = index;
    claimed.add(index);
  }
  header.forEach((name, index) => {
    if (claimed.has(index)) return;
    const field = fieldOfHeader(name);
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  const missing: string[] = [];
  if (columns.payment_id === undefined) missing.push('payment_id');
  if (columns.operation_status === undefined) missing.push('operation_status');
  if (columns.amount === undefined && columns.amount_minor === undefined) missing.push('amount');
  if (missing.length > 0)
    throw new ProviderFileError('PROVIDER_FILE_COLUMN_MISSING', { column: missing.join(', ') });
  return columns;
}

const ZERO = /^[-+]?0+(?:[.,]0{1,2})?$/;

/** A decimal amount in major units as fen: "500.00", "1,234.5", "¥88", "-500.00" (a refund's sign dropped). */
function decimalFen(raw: string): number | null {
  const text = raw.trim().replace(/^[-+](?=\s*[\d¥￥])/, '');
  if (ZERO.test(text)) return 0;
  const fen = parseAmountToFen(text);
  return fen === SATURATED_FEN ? null : fen;
}

function cell(cells: string[], index: number | undefined): string | null {
  if (index === undefined) return null;
  const value = cells[index]?.trim() ?? '';
  return value === '' ? null : value;
}

/** The operations of a CSV export, in file order (repeats not removed yet). */
export function operationsFromCsv(
  bytes: Uint8Array,
  options: { encoding?: EncodingChoice; map?: Map<string, ProviderField> } = {},
): ProviderOperation[] {
  const { text } = decodeCsvBytes(bytes, options.encoding ?? 'auto');
  const operations: ProviderOperation[] = [];
  let columns: Columns = {};
  readCsvRecords(
    text,
    {
      onHeader(header) {
        columns = columnsOf(header, options.map ?? new Map());
      },
      onRecord(line, cells) {
        const paymentId = cell(cells, columns.payment_id);
        if (paymentId === null)
          throw new ProviderFileError('PROVIDER_FILE_VALUE', { line, field: 'payment_id', value: '' });
        const rawAmount = cell(cells, columns.amount_minor ?? columns.amount) ?? '';
        const amount = columns.amount_minor !== undefined ? minorUnits(rawAmount) : decimalFen(rawAmount);
        if (amount === null)
          throw new ProviderFileError('PROVIDER_FILE_VALUE', {
            line,
            field: 'amount',
            value: quoted(rawAmount),
          });
        operations.push({
          payment_id: paymentId,
          operation_id: cell(cells, columns.operation_id),
          // An export of payouts alone may leave the type out.
          operation_type: normaliseWord(cell(cells, columns.operation_type) ?? 'payout'),
          operation_status: normaliseWord(cell(cells, columns.operation_status) ?? ''),
          amount_fen: amount,
          currency: normaliseCurrency(cell(cells, columns.currency)),
          created_at: cell(cells, columns.created_at),
          completed_at: cell(cells, columns.completed_at),
          code: cell(cells, columns.code),
          message: cell(cells, columns.message),
        });
      },
    },
    detectDelimiter(text),
  );
  return operations;
}
