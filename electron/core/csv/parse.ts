import Papa from 'papaparse';
import { IntakeFileError } from './errors.js';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the file's first line is 1). */
  line: number;
  /** Cells exactly as in the file: not trimmed, never type-converted. */
  cells: string[];
}

export interface ParsedCsv {
  delimiter: Delimiter;
  header: string[];
  records: CsvRecord[];
}

const DELIMITER_CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
/** Non-blank lines (header included) looked at to pick the delimiter. */
const DELIMITER_SAMPLE_LINES = 10;
/** Upper bound on the text scanned for the sample, so one huge quoted cell cannot make detection slow. */
const DELIMITER_SAMPLE_CHARS = 64 * 1024;

/**
 * Splits decoded CSV text into a header and data records. Fully blank lines are dropped but still counted,
 * so every record's `line` is the physical line a user sees in a text editor.
 */
export function parseCsvText(text: string): ParsedCsv {
  const delimiter = detectDelimiter(text);
  const breaks = countLineBreaks(text);
  const newline = chooseNewline(breaks);
  const result = Papa.parse<string[]>(text, {
    delimiter,
    newline,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  // papaparse recovers from bad quotes by reading on to the next quote, which can swallow whole rows into
  // one cell: refuse the file instead of losing payouts silently.
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  const rows = result.data;
  // Split at LF in a file that also has CRLF: the CR stays at the end of each row's last cell.
  const stripTrailingCr = newline === '\n' && breaks.crlf > 0;

  // Each record boundary consumes exactly one line break, so if the file has no more breaks than that,
  // no cell holds one and record i simply starts on line i + 1. Counting breaks costs a few ms on 15 MB;
  // scanning every cell for breaks costs ten times more, so that is only done when needed.
  const cellsHoldBreaks = breaks.total > rows.length - 1;
  // Any CR in a cell is part of a CRLF (found by looking for the LF) unless the file has lone CRs.
  const lookForLoneCr = breaks.cr > breaks.crlf;
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  let line = 1;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    if (stripTrailingCr) removeTrailingCr(cells);
    const start = cellsHoldBreaks ? line : i + 1;
    if (cellsHoldBreaks) line += 1 + countLineBreaksInCells(cells, lookForLoneCr);
    if (i === quoteError?.row) throw malformedQuotes(quoteError.code, start);
    if (isBlankLine(cells)) continue;
    if (header === null) header = cells;
    else records.push({ line: start, cells });
  }
  return { delimiter, header: header ?? [], records };
}

function malformedQuotes(code: string, line: number): IntakeFileError {
  const problem = code === 'MissingQuotes' ? 'unclosed' : 'text_after_quote';
  return new IntakeFileError('FILE_MALFORMED_QUOTES', { line, problem });
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
 * CRLF only when every LF belongs to a CRLF. A file that also has bare LFs (Excel writes in-cell line breaks
 * as LF inside quotes; hand-joined files mix endings) is split at LF, so that no row is glued to the next.
 */
function chooseNewline({ lf, cr, crlf }: LineBreaks): '\r\n' | '\n' | '\r' {
  if (lf === 0 && cr > 0) return '\r';
  if (crlf > 0 && crlf === lf) return '\r\n';
  return '\n';
}

function removeTrailingCr(cells: string[]): void {
  const last = cells.length - 1;
  const cell = cells[last]!;
  if (cell.endsWith('\r')) cells[last] = cell.slice(0, -1);
}

function isBlankLine(cells: string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === '';
}

/** Same definition of a line break as LineBreaks.total. */
function countLineBreaksInCells(cells: string[], lookForLoneCr: boolean): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') === -1 && (!lookForLoneCr || cell.indexOf('\r') === -1)) continue;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      // CRLF is one break: count the LF, and a CR only when no LF follows it.
      if (c === 0x0a || (c === 0x0d && cell.charCodeAt(i + 1) !== 0x0a)) breaks++;
    }
  }
  return breaks;
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
