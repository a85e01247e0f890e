/** File-level import failures: the whole file is refused, as opposed to per-row issues found by validation. */

export type FileErrorCode =
  /** Zero bytes, or nothing but whitespace. */
  | 'FILE_EMPTY'
  /** A header line but no data rows. */
  | 'FILE_NO_ROWS'
  /** `params.column`: the missing required field(s), comma-separated, e.g. "amount, card_number". */
  | 'FILE_MISSING_COLUMN'
  /** `params.column`: the field; `params.headers`: the clashing headers, e.g. "amount, 金额". */
  | 'FILE_DUPLICATE_COLUMN'
  /** Not a text file. `params.format`: 'xlsx' | 'xls' | 'binary'. */
  | 'FILE_BINARY'
  /**
   * Text that cannot be decoded. `params.encoding`: the encoding tried ('utf-8' | 'gb18030' | 'big5' |
   * 'utf-16'); `params.line`, when known: the first line with bytes that are not of that encoding.
   */
  | 'FILE_UNDECODABLE'
  /**
   * Auto detection could not tell the encoding: the bytes are not UTF-8, and as GB18030 they do not read as
   * Chinese text (Big5, Shift-JIS, damaged UTF-8). `params.tried`: the encodings tried, e.g. "utf-8, gb18030";
   * `params.choices`: the `--encoding` values to choose from, e.g. "utf-8, gb18030, big5"; `params.line`: the
   * first line that is not UTF-8.
   */
  | 'FILE_ENCODING_UNCERTAIN'
  /**
   * Quotes that make rows unreadable: `params.line` where the field starts, `params.problem`: 'unclosed'
   * (the quote never closes) | 'text_after_quote' (e.g. "abc"def).
   */
  | 'FILE_MALFORMED_QUOTES'
  /** A bad `--map` entry. `params.entry` and `params.reason`: 'syntax' | 'unknown_field' | 'duplicate' | 'header_not_found'. */
  | 'MAP_INVALID';

export class IntakeFileError extends Error {
  readonly code: FileErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: FileErrorCode, params: Record<string, string | number> = {}) {
    // The message is for logs only; users see describeFileError(err, lang).
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'IntakeFileError';
    this.code = code;
    this.params = params;
  }
}
