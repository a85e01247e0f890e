/**
 * Reading a refund file: bytes in, the refund cells of each row out. Decoding, delimiter detection, CSV parsing,
 * the content digest and the file-level errors are the payout intake's own (core/csv); only the columns differ.
 */
import { contentDigest, IntakeFileError, PREVIEW_RECORDS } from '../csv/index.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from '../csv/decode.js';
import { detectDelimiter, readCsvRecords, type CsvRecordReader, type Delimiter } from '../csv/parse.js';
import { REFUND_FIELDS, type RefundField } from './fields.js';
import { mapRefundHeader, type RefundColumnMapping } from './headers.js';

export interface ReadRefundCsvOptions {
  encoding?: EncodingChoice;
  /** The delimiter a person chose over the detected one. */
  delimiter?: Delimiter;
  /** Header → field overrides (parseRefundMapOption, refundColumnMapFromRecord). */
  map?: Map<string, RefundField>;
  /** Compute `contentSha256` (only needed where earlier imports are compared). */
  contentDigest?: boolean;
}

/** One data row: its cells exactly as in the file (not trimmed), '' for a field the file has no column for. */
export interface RefundCells {
  /** 1-based physical line where the row starts (the header is line 1 in a file without blank lines above). */
  line: number;
  cells: Record<RefundField, string>;
  /** Set when the record's cell count differs from the header's (ROW_SHAPE); null otherwise. */
  shape: { cells: number; expected: number } | null;
}

export interface RefundCsv {
  encoding: TextEncodingName;
  bom: boolean;
  delimiter: Delimiter;
  header: string[];
  mapping: RefundColumnMapping;
  rows: RefundCells[];
  /** How many data rows the file has (blank records left out). */
  rowCount: number;
  ignoredColumns: string[];
  /** The first PREVIEW_RECORDS records' cells as decoded, for a preview. */
  preview: string[][];
  /** SHA-256 of the decoded text, line endings normalised (csv/index.ts contentDigest); null unless asked. */
  contentSha256: string | null;
}

/** Reads a refund file. Throws IntakeFileError when the file as a whole cannot be imported. */
export function readRefundCsv(bytes: Uint8Array, options: ReadRefundCsvOptions = {}): RefundCsv {
  if (bytes.length === 0) throw new IntakeFileError('FILE_EMPTY');
  const { text, encoding, bom } = decodeCsvBytes(bytes, options.encoding ?? 'auto');
  if (!/\S/.test(text)) throw new IntakeFileError('FILE_EMPTY');

  const delimiter = options.delimiter ?? detectDelimiter(text);
  const collector = new RefundRowCollector(options.map);
  readCsvRecords(text, collector, delimiter);
  // A text with a non-blank character has a header: the collector mapped it (or threw).
  const mapping = collector.mapping!;
  if (collector.rows.length === 0) throw new IntakeFileError('FILE_NO_ROWS');
  return {
    encoding,
    bom,
    delimiter,
    header: collector.header,
    mapping,
    rows: collector.rows,
    rowCount: collector.rows.length,
    ignoredColumns: mapping.ignored,
    preview: collector.preview,
    contentSha256: options.contentDigest ? contentDigest(text) : null,
  };
}

class RefundRowCollector implements CsvRecordReader {
  header: string[] = [];
  mapping: RefundColumnMapping | null = null;
  readonly rows: RefundCells[] = [];
  readonly preview: string[][] = [];
  private at: Record<RefundField, number> | null = null;

  constructor(private readonly customMap: Map<string, RefundField> | undefined) {}

  onHeader(cells: string[]): void {
    this.header = cells;
    this.mapping = mapRefundHeader(cells, this.customMap);
    const columns = this.mapping.columns;
    this.at = Object.fromEntries(REFUND_FIELDS.map((field) => [field, columns[field] ?? -1])) as Record<
      RefundField,
      number
    >;
  }

  onRecord(line: number, cells: string[]): void {
    if (this.preview.length < PREVIEW_RECORDS) this.preview.push(cells);
    if (isBlankRecord(cells)) return;
    const at = this.at!;
    const values = Object.fromEntries(
      REFUND_FIELDS.map((field) => [field, at[field] === -1 ? '' : (cells[at[field]] ?? '')]),
    ) as Record<RefundField, string>;
    this.rows.push({ line, cells: values, shape: shapeOf(cells, this.header.length) });
  }
}

/** ",,,," left by Excel: a record of blank cells is no row. */
function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Null when the record has the header's cell count, or more whose extra cells are blank (a trailing delimiter
 * loses nothing); otherwise its shape: a missing or extra cell shifts every later column.
 */
function shapeOf(cells: readonly string[], expected: number): RefundCells['shape'] {
  if (cells.length === expected) return null;
  if (cells.length > expected && isBlankRecord(cells.slice(expected))) return null;
  return { cells: cells.length, expected };
}
