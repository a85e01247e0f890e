import Papa from 'papaparse';
import { IntakeFileError } from './errors.js';

export type Delimiter = ',' | ';' | '\t';

/** Receives a file's records as they are parsed. */
export interface CsvRecordReader {
  /** The first non-blank record. */
  onHeader(cells: string[]): void;
  /**
   * Every later non-blank record, in file order: `line` is the 1-based physical line where it starts (the
   * file's first line is 1), `cells` are exactly as in the file (not trimmed, never type-converted).
   */
  onRecord(line: number, cells: string[]): void;
}

const DELIMITER_CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
/** Non-blank lines (header included) looked at to pick the delimiter. */
const DELIMITER_SAMPLE_LINES = 10;
/** Upper bound on the text scanned for the sample, so one huge quoted cell cannot make detection slow. */
const DELIMITER_SAMPLE_CHARS = 64 * 1024;

/**
 * Splits decoded CSV text into a header and data records, handing each to the reader as soon as it is parsed:
 * the cell arrays of the whole file never exist at once (on 100,000 rows that measured ~50 MB less peak memory
 * than collecting papaparse's full result, and was faster). Fully blank lines are dropped but still counted,
 * so every record's `line` is the physical line a user sees in a text editor. Returns the delimiter.
 */
export function readCsvRecords(
  fileText: string,
  reader: CsvRecordReader,
  delimiter: Delimiter = detectDelimiter(fileText),
): Delimiter {
  const breaks = countLineBreaks(fileText);
  // A lone CR among LF or CRLF endings (old Excel for Mac, hand-joined files) ends its row too: each one outside
  // a quoted field becomes an LF, which keeps every offset and so every line number.
  const text = breaks.lf > 0 && breaks.cr > breaks.crlf ? loneCrsToLf(fileText, delimiter) : fileText;
  const newline = chooseNewline(breaks);
  // Split at LF in a file that also has CRLF: the CR stays at the end of each row's last cell.
  const stripTrailingCr = newline === '\n' && breaks.crlf > 0;
  const lineAt = lineCounter(text);
  let recordStart = 0;
  let seenHeader = false;
  let failure: unknown = null;
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step(result, parser) {
      try {
        const cells = result.data;
        const line = lineAt(recordStart);
        recordStart = result.meta.cursor;
        // papaparse recovers from bad quotes by reading on to the next quote, which can swallow whole rows
        // into one cell: refuse the file instead of losing payouts silently.
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) throw malformedQuotes(quoteError.code, line);
        if (stripTrailingCr) removeTrailingCr(cells);
        if (isBlankLine(cells)) return;
        if (seenHeader) reader.onRecord(line, cells);
        else {
          seenHeader = true;
          reader.onHeader(cells);
        }
      } catch (error) {
        // Stop at the first failure rather than let it escape through papaparse's own code.
        failure = error;
        parser.abort();
      }
    },
  });
  if (failure !== null) throw failure;
  return delimiter;
}

function malformedQuotes(code: string, line: number): IntakeFileError {
  const problem = code === 'MissingQuotes' ? 'unclosed' : 'text_after_quote';
  return new IntakeFileError('FILE_MALFORMED_QUOTES', { line, problem });
}

/**
 * The 1-based physical line of each text offset, asked for in increasing order: one pass through the text in
 * all. CRLF, LF and a lone CR each end a line, as in text editors (and as LineBreaks.total counts them).
 */
/** The 1-based physical line of one text offset (CRLF, LF and a lone CR each end a line). */
export function lineAt(text: string, offset: number): number {
  return lineCounter(text)(offset);
}

function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  return (offset) => {
    for (;;) {
      if (nextLf !== -1 && nextLf < offset && (nextCr === -1 || nextLf < nextCr)) {
        line++;
        nextLf = text.indexOf('\n', nextLf + 1);
      } else if (nextCr !== -1 && nextCr < offset) {
        // A CR followed by LF is counted with its LF.
        if (text.charCodeAt(nextCr + 1) !== 0x0a) line++;
        nextCr = text.indexOf('\r', nextCr + 1);
      } else return line;
    }
  };
}

interface LineBreaks {
  lf: number;
  cr: number;
  crlf: number;
  /** Physical line breaks: CRLF, LF and a lone CR each count once, as in text editors. */
  total: number;
}

function countLineBreaks(text: string): LineBreaks {
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lf++;
  // CRLFs are counted while visiting each CR: a third search through the text (for '\r\n') cost ~2 ms on 15 MB.
  let cr = 0;
  let crlf = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    cr++;
    if (text.charCodeAt(i + 1) === 0x0a) crlf++;
  }
  return { lf, cr, crlf, total: lf + cr - crlf };
}

/**
 * CRLF only when every line break is one. A file that also has bare LFs (Excel writes in-cell line breaks as
 * LF inside quotes; hand-joined files mix endings) or lone CRs (turned into LFs by loneCrsToLf) is split at LF,
 * so that no row is glued to the next. CR alone only in a file without LFs (old Excel for Mac).
 */
function chooseNewline({ lf, cr, crlf }: LineBreaks): '\r\n' | '\n' | '\r' {
  if (lf === 0 && cr > 0) return '\r';
  if (crlf > 0 && crlf === lf && crlf === cr) return '\r\n';
  return '\n';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The text with every lone CR outside a quoted field replaced by LF (same length, so offsets and line numbers
 * do not move). Inside a quoted field a CR is the cell's content, as papaparse keeps it. Fields are read as
 * papaparse reads them: a field is quoted only when its first character is a quote; a quote closes it when
 * followed, after optional spaces, by the delimiter, a line break or the end. (Malformed quotes are refused by
 * the parser afterwards, so what this makes of them does not matter.) Only for files that have lone CRs; jumps
 * from quote to CR with native searches rather than visiting every character.
 */
function loneCrsToLf(text: string, delimiter: Delimiter): string {
  const delim = delimiter.charCodeAt(0);
  const parts: string[] = [];
  let copied = 0;
  let nextQuote = text.indexOf('"');
  let nextCr = text.indexOf('\r');
  while (nextCr !== -1) {
    if (nextQuote !== -1 && nextQuote < nextCr) {
      const after = startsField(text, nextQuote, delim)
        ? closingQuote(text, nextQuote + 1, delim) + 1
        : nextQuote + 1;
      nextQuote = text.indexOf('"', after);
      if (nextCr < after) nextCr = text.indexOf('\r', after);
      continue;
    }
    if (text.charCodeAt(nextCr + 1) !== LF) {
      parts.push(text.slice(copied, nextCr), '\n');
      copied = nextCr + 1;
    }
    nextCr = text.indexOf('\r', nextCr + 1);
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Whether the character at `offset` is the first of a field: at the start, after a delimiter or a line break. */
function startsField(text: string, offset: number, delim: number): boolean {
  const before = text.charCodeAt(offset - 1);
  return offset === 0 || before === delim || before === LF || before === CR;
}

/** The offset of the quote that closes a quoted field whose content starts at `from` (or the text's end). */
function closingQuote(text: string, from: number, delim: number): number {
  for (let q = text.indexOf('"', from); q !== -1; q = text.indexOf('"', q + 1)) {
    // A doubled quote is an escaped one.
    if (text.charCodeAt(q + 1) === QUOTE) {
      q++;
      continue;
    }
    let next = q + 1;
    while (next < text.length && isSpaceAfterQuote(text.charCodeAt(next), delim)) next++;
    const c = text.charCodeAt(next);
    if (next === text.length || c === delim || c === LF || c === CR) return q;
  }
  return text.length;
}

/** What papaparse skips between a closing quote and the delimiter or line break: whitespace (String#trim's). */
function isSpaceAfterQuote(c: number, delim: number): boolean {
  return c !== delim && c !== LF && c !== CR && String.fromCharCode(c).trim() === '';
}

function removeTrailingCr(cells: string[]): void {
  const last = cells.length - 1;
  const cell = cells[last]!;
  if (cell.endsWith('\r')) cells[last] = cell.slice(0, -1);
}

function isBlankLine(cells: string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === '';
}

/**
 * Picks the delimiter that splits the header into the most columns and gives the same count on the most
 * sample lines. Data rows may legitimately be short, so agreement is scored, not required. Default comma.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = sampleDelimiterCounts(text);
  const headerCounts = lines[0];
  if (headerCounts === undefined) return ',';

  let best: Delimiter = ',';
  let bestAgreement = -1;
  let bestCount = 0;
  DELIMITER_CANDIDATES.forEach((delimiter, k) => {
    const count = headerCounts[k]!;
    if (count === 0) return;
    const agreement = lines.filter((counts) => counts[k] === count).length;
    if (agreement > bestAgreement || (agreement === bestAgreement && count > bestCount)) {
      best = delimiter;
      bestAgreement = agreement;
      bestCount = count;
    }
  });
  return best;
}

/** For each of the first non-blank logical lines: how often each candidate occurs outside quotes. */
function sampleDelimiterCounts(text: string): number[][] {
  const lines: number[][] = [];
  const end = Math.min(text.length, DELIMITER_SAMPLE_CHARS);
  let counts = [0, 0, 0];
  let lineHasContent = false;
  let inQuotes = false;
  for (let i = 0; i < end && lines.length < DELIMITER_SAMPLE_LINES; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      // An escaped quote ("") toggles twice, which leaves the state as it was.
      inQuotes = !inQuotes;
      lineHasContent = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (lineHasContent) lines.push(counts);
      counts = [0, 0, 0];
      lineHasContent = false;
    } else {
      const k = DELIMITER_CANDIDATES.indexOf(ch as Delimiter);
      if (k !== -1) counts[k]!++;
      if (ch.trim() !== '' || k !== -1) lineHasContent = true;
    }
  }
  // The last line counts only if it is complete, not cut off by the sample limit.
  if (lineHasContent && end === text.length && lines.length < DELIMITER_SAMPLE_LINES) lines.push(counts);
  return lines;
}
