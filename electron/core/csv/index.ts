/** CSV intake, file level: bytes in, mapped rows out (row validation happens elsewhere). */
import { createHash } from 'node:crypto';
import type { ColumnTarget } from '../types.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from './decode.js';
import { IntakeFileError } from './errors.js';
import { mapHeader, type ColumnMapping } from './headers.js';
import { recordMapper, type MappedRow } from './mapRows.js';
import { detectDelimiter, lineAt, readCsvRecords, type CsvRecordReader, type Delimiter } from './parse.js';
import { textMayHoldUnsafeCharacters } from '../validation/hygiene.js';

export { IntakeFileError, type FileErrorCode } from './errors.js';
export type { EncodingChoice, TextEncodingName } from './decode.js';
export { ENCODING_CHOICES } from './decode.js';
export type { Delimiter } from './parse.js';
export type { ColumnMapping } from './headers.js';
export type { MappedRow } from './mapRows.js';
export { columnMapFromRecord, parseMapOption, TEMPLATE_FIELDS, TEMPLATE_HEADERS } from './headers.js';
export { splitChineseFullName } from './fullName.js';
export { RowChangeApplier, type CellEdit, type RowChanges, type UnmatchedChange } from './rowChanges.js';

export interface ReadCsvOptions {
  encoding?: EncodingChoice;
  /** The delimiter a person chose over the detected one (the import preview's override). */
  delimiter?: Delimiter;
  /** Header → target overrides, e.g. from `parseMapOption(--map)` or the import preview's dropdowns. */
  map?: Map<string, ColumnTarget>;
  /** Compute `contentSha256` (only needed where earlier imports are compared: ~60 ms on 100k rows). */
  contentDigest?: boolean;
  /** Called once the header is mapped, before any row. */
  onHeader?: (mapping: ColumnMapping) => void;
  /**
   * Receives each row as soon as it is read instead of collecting them (`rows` stays empty): a 100k-row file's
   * mapped rows then never exist all at once.
   */
  onRow?: (row: MappedRow) => void;
}

export interface PayoutCsv {
  encoding: TextEncodingName;
  bom: boolean;
  delimiter: Delimiter;
  header: string[];
  mapping: ColumnMapping;
  /** The data rows, unless they went to `onRow`. */
  rows: MappedRow[];
  /** How many data rows the file has (blank records left out). */
  rowCount: number;
  ignoredColumns: string[];
  /** The first PREVIEW_RECORDS records' cells as decoded, for a preview. */
  preview: string[][];
  /**
   * SHA-256 of the decoded text with its line endings normalised (see contentDigest): the same rows saved
   * with CRLF or LF, with or without a BOM, or in another encoding give the same digest. Null unless asked.
   */
  contentSha256: string | null;
}

/** How many raw records a read keeps for a preview. */
export const PREVIEW_RECORDS = 50;

/** Reads a payout file. Throws IntakeFileError when the file as a whole cannot be imported. */
export function readPayoutCsv(bytes: Uint8Array, options: ReadCsvOptions = {}): PayoutCsv {
  if (bytes.length === 0) throw new IntakeFileError('FILE_EMPTY');
  const { text, encoding, bom } = decodeCsvBytes(bytes, options.encoding ?? 'auto');
  if (!/\S/.test(text)) throw new IntakeFileError('FILE_EMPTY');

  // One scan of the whole text: where it finds no control, bidi or zero-width character, a row needs no
  // scan of its own unless it spans several lines (a line break inside a quoted cell).
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const textUnsafe = textMayHoldUnsafeCharacters(text, delimiter === '\t');
  const collector = new PayoutRowCollector(options, textUnsafe);
  readCsvRecords(text, collector, delimiter);
  collector.flush(text);
  const { header, rows, preview, rowCount } = collector;
  const contentSha256 = options.contentDigest ? contentDigest(text) : null;
  // Only a file without a single non-blank line has no header, and that was refused as empty above.
  const mapping = collector.mapping ?? mapHeader(header, options.map);
  if (rowCount === 0) throw new IntakeFileError('FILE_NO_ROWS');
  return {
    encoding,
    bom,
    delimiter,
    header,
    mapping,
    rows,
    rowCount,
    ignoredColumns: mapping.ignored,
    preview,
    contentSha256,
  };
}

/**
 * Maps the header as soon as it is read, then each record as it arrives, and hands it on (to `onRow`, or to
 * `rows`) one record later: only then is it known whether the record spanned several lines. Keeps the first
 * few records for a preview.
 */
class PayoutRowCollector implements CsvRecordReader {
  header: string[] = [];
  mapping: ColumnMapping | null = null;
  readonly rows: MappedRow[] = [];
  readonly preview: string[][] = [];
  rowCount = 0;
  private mapRecord: ReturnType<typeof recordMapper> | null = null;
  private pending: MappedRow | null = null;

  constructor(
    private readonly options: ReadCsvOptions,
    private readonly textUnsafe: boolean,
  ) {}

  onHeader(cells: string[]): void {
    this.header = cells;
    this.mapping = mapHeader(cells, this.options.map);
    this.mapRecord = recordMapper(this.mapping, cells.length);
    this.options.onHeader?.(this.mapping);
  }

  onRecord(line: number, cells: string[]): void {
    if (this.preview.length < PREVIEW_RECORDS) this.preview.push(cells);
    const row = this.mapRecord!(line, cells);
    if (row === null) return;
    // A record that starts more than one line after the previous one: that one spanned lines (or blank
    // lines sat between, which costs nothing but a scan of its cells).
    if (this.pending !== null) this.deliver(this.pending, line > this.pending.line + 1);
    this.pending = row;
  }

  /** Hands on the last row; only a quoted cell can hold a line break, so a file without quotes has none. */
  flush(text: string): void {
    const last = this.pending;
    if (last === null) return;
    this.pending = null;
    this.deliver(last, text.includes('"') && last.line < lastContentLine(text));
  }

  private deliver(row: MappedRow, spansLines: boolean): void {
    row.mayHoldUnsafe = this.textUnsafe || spansLines;
    this.rowCount++;
    if (this.options.onRow) this.options.onRow(row);
    else this.rows.push(row);
  }
}

/** How much of the text is normalised and hashed at a time: the copies stay small (a whole 100k-row copy is ~70 MB). */
const DIGEST_CHUNK_CHARS = 1 << 20;

/**
 * A digest of what the file says rather than of its bytes: the decoded text (the BOM already removed) with
 * CRLF and lone CR written as LF and trailing line breaks dropped, hashed as UTF-16 code units (the string's
 * own form) one chunk at a time. Measured on 100k rows: ~60 ms, where hashing each record's cells cost ~240 ms.
 */
export function contentDigest(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) end--;
  const hash = createHash('sha256');
  for (let start = 0; start < end;) {
    let stop = Math.min(start + DIGEST_CHUNK_CHARS, end);
    // Never split a CRLF: a CR at the end of a chunk takes the next character with it.
    if (stop < end && text.charCodeAt(stop - 1) === 0x0d) stop++;
    const chunk = text.slice(start, stop);
    hash.update(chunk.indexOf('\r') === -1 ? chunk : chunk.replace(/\r\n?/g, '\n'), 'utf16le');
    start = stop;
  }
  return hash.digest('hex');
}

/** The 1-based physical line of the text's last non-blank character. */
function lastContentLine(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 0x20) end--;
  return lineAt(text, end);
}
