import { Buffer, isUtf8 } from 'node:buffer';
import { IntakeFileError } from './errors.js';

/** What the user may choose in the import dialog or with `--encoding`. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';
export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when a UTF-8 byte order mark was found (and removed from `text`). */
  bom: boolean;
}

// ignoreBOM: we strip the BOM ourselves so that `bom` can be reported.
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
// GB18030 is a superset of GBK and GB2312, which is what Chinese Excel writes for "CSV (逗号分隔)".
const gb18030 = new TextDecoder('gb18030');

/** How much of the decoded text is inspected for signs of binary content. */
const SAMPLE_CHARS = 64 * 1024;
/** Share of control or replacement characters in the sample above which the text is not a CSV file. */
const MAX_SUSPICIOUS_SHARE = 0.01;
/** A few stray characters (say a DOS end-of-file mark) do not make a small file binary. */
const MIN_SUSPICIOUS_COUNT = 4;

/**
 * Turns file bytes into text. Auto: a UTF-8 BOM means UTF-8; otherwise strict UTF-8, and when that fails,
 * GB18030. An override forces one decoding. Throws IntakeFileError for binary or undecodable content.
 */
export function decodeCsvBytes(bytes: Uint8Array, override: EncodingChoice = 'auto'): DecodedText {
  refuseNonTextBytes(bytes);
  const bom = hasUtf8Bom(bytes);

  let decoded: DecodedText;
  if (override === 'gb18030') {
    decoded = { text: gb18030.decode(bytes), encoding: 'gb18030', bom: false };
  } else if (override === 'utf-8' || bom) {
    // A BOM is the file declaring itself UTF-8: a decoding failure is damage, not a hint to try GB18030.
    decoded = { text: decodeStrictUtf8(bytes, bom), encoding: 'utf-8', bom };
  } else {
    const text = tryStrictUtf8(bytes);
    decoded =
      text === null
        ? { text: gb18030.decode(bytes), encoding: 'gb18030', bom: false }
        : { text, encoding: 'utf-8', bom };
  }

  refuseSuspiciousText(decoded);
  return decoded;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Node's native UTF-8 check plus Buffer decoding: measured ~15% faster than a fatal TextDecoder on 15 MB,
 * with the same strictness.
 */
function tryStrictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? asBuffer(bytes).toString('utf8') : null;
}

/** A Buffer view of the same memory (no copy), for Node's faster native routines. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeStrictUtf8(bytes: Uint8Array, bom: boolean): string {
  const body = bom ? bytes.subarray(3) : bytes;
  const text = tryStrictUtf8(body);
  if (text !== null) return text;
  throw new IntakeFileError('FILE_UNDECODABLE', { encoding: 'utf-8', line: firstBadUtf8Line(body) });
}

/** Only on the error path: the 1-based line holding the first byte sequence that is not UTF-8. */
function firstBadUtf8Line(body: Uint8Array): number {
  const text = lenientUtf8.decode(body);
  const bad = text.indexOf('\uFFFD');
  // A genuine U+FFFD earlier in the file would point there instead: good enough for a hint.
  return countLineBreaks(text, bad === -1 ? text.length : bad) + 1;
}

function countLineBreaks(text: string, end: number): number {
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) breaks++;
  return breaks;
}

/** Recognises spreadsheets, UTF-16 text and other binary files from their bytes, before decoding. */
function refuseNonTextBytes(bytes: Uint8Array): void {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Excel's "Unicode Text" export: readable, but not an encoding this importer accepts.
    throw new IntakeFileError('FILE_UNDECODABLE', { encoding: 'utf-16' });
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    throw new IntakeFileError('FILE_BINARY', { format: 'xlsx' });
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new IntakeFileError('FILE_BINARY', { format: 'xls' });
  }
  // Neither UTF-8 nor GB18030 text ever contains a NUL byte. (Buffer's search is 10x faster than Uint8Array's.)
  if (asBuffer(bytes).indexOf(0) !== -1) {
    if (looksLikeUtf16WithoutBom(bytes))
      throw new IntakeFileError('FILE_UNDECODABLE', { encoding: 'utf-16' });
    throw new IntakeFileError('FILE_BINARY', { format: 'binary' });
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** ASCII text in UTF-16 has a NUL in every other byte. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n === 0) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  return Math.max(evenNuls, oddNuls) >= (n / 2) * 0.8;
}

/**
 * Binary files without NUL bytes still decode to text full of control characters, and bytes that are not
 * GB18030 decode to U+FFFD. Checked on a sample: a real CSV file is clean from its first line on.
 */
function refuseSuspiciousText({ text, encoding }: DecodedText): void {
  const sampleLength = Math.min(text.length, SAMPLE_CHARS);
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < sampleLength; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacements++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  const limit = Math.max(sampleLength * MAX_SUSPICIOUS_SHARE, MIN_SUSPICIOUS_COUNT);
  if (controls > limit) throw new IntakeFileError('FILE_BINARY', { format: 'binary' });
  if (replacements > limit) throw new IntakeFileError('FILE_UNDECODABLE', { encoding });
}
