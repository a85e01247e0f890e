/** CSV intake, file level: bytes in, mapped rows out (row validation happens elsewhere). */
import type { ColumnTarget } from '../types.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from './decode.js';
import { IntakeFileError } from './errors.js';
import { mapHeader, type ColumnMapping } from './headers.js';
import { recordMapper, type MappedRow } from './mapRows.js';
import { readCsvRecords, type CsvRecordReader, type Delimiter } from './parse.js';

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

  const collector = new PayoutRowCollector(options.map);
  const delimiter = readCsvRecords(text, collector);
  const { header, rows, preview } = collector;
  // Only a file without a single non-blank line has no header, and that was refused as empty above.
  const mapping = collector.mapping ?? mapHeader(header, options.map);
  if (rows.length === 0) throw new IntakeFileError('FILE_NO_ROWS');
  return { encoding, bom, delimiter, header, mapping, rows, ignoredColumns: mapping.ignored, preview };
}

/** Maps the header as soon as it is read, then each record as it arrives; keeps the first few for a preview. */
class PayoutRowCollector implements CsvRecordReader {
  header: string[] = [];
  mapping: ColumnMapping | null = null;
  readonly rows: MappedRow[] = [];
  readonly preview: string[][] = [];
  private mapRecord: ReturnType<typeof recordMapper> | null = null;

  constructor(private readonly overrides: Map<string, ColumnTarget> | undefined) {}

  onHeader(cells: string[]): void {
    this.header = cells;
    this.mapping = mapHeader(cells, this.overrides);
    this.mapRecord = recordMapper(this.mapping);
  }

  onRecord(line: number, cells: string[]): void {
    if (this.preview.length < PREVIEW_RECORDS) this.preview.push(cells);
    const row = this.mapRecord!(line, cells);
    if (row !== null) this.rows.push(row);
  }
}
