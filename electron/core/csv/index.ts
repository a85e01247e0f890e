/** CSV intake, file level: bytes in, mapped rows out (row validation happens elsewhere). */
import type { ColumnTarget } from '../types.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from './decode.js';
import { IntakeFileError } from './errors.js';
import { mapHeader, type ColumnMapping } from './headers.js';
import { mapRecords, type MappedRow } from './mapRows.js';
import { parseCsvText, type Delimiter } from './parse.js';

export { IntakeFileError, type FileErrorCode } from './errors.js';
export type { EncodingChoice, TextEncodingName } from './decode.js';
export type { Delimiter } from './parse.js';
export type { ColumnMapping } from './headers.js';
export type { MappedRow } from './mapRows.js';
export { columnMapFromRecord, parseMapOption, TEMPLATE_FIELDS, TEMPLATE_HEADERS } from './headers.js';
export { splitChineseFullName } from './fullName.js';

export interface ReadCsvOptions {
  encoding?: EncodingChoice;
  /** Header → target overrides, e.g. from `parseMapOption(--map)` or the import preview's dropdowns. */
  map?: Map<string, ColumnTarget>;
}

export interface PayoutCsv {
  encoding: TextEncodingName;
  bom: boolean;
  delimiter: Delimiter;
  header: string[];
  mapping: ColumnMapping;
  rows: MappedRow[];
  ignoredColumns: string[];
  /** The first PREVIEW_RECORDS records' cells as decoded, for a preview. */
  preview: string[][];
}

/** How many raw records a read keeps for a preview. */
export const PREVIEW_RECORDS = 50;

/** Reads a payout file. Throws IntakeFileError when the file as a whole cannot be imported. */
export function readPayoutCsv(bytes: Uint8Array, options: ReadCsvOptions = {}): PayoutCsv {
  if (bytes.length === 0) throw new IntakeFileError('FILE_EMPTY');
  const { text, encoding, bom } = decodeCsvBytes(bytes, options.encoding ?? 'auto');
  if (!/\S/.test(text)) throw new IntakeFileError('FILE_EMPTY');

  const { delimiter, header, records } = parseCsvText(text);
  const mapping = mapHeader(header, options.map);
  const rows = mapRecords(records, mapping);
  if (rows.length === 0) throw new IntakeFileError('FILE_NO_ROWS');
  const preview = records.slice(0, PREVIEW_RECORDS).map((record) => record.cells);
  return { encoding, bom, delimiter, header, mapping, rows, ignoredColumns: mapping.ignored, preview };
}
