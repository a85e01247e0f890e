/**
 * What the import screen sends to the main process about the chosen file, and how it maps the file's
 * columns: the operator's own choices over the console's automatic mapping of template headers, and named
 * presets applied to files whose headers match them.
 */
import Papa from 'papaparse';
import type {
  BatchKind,
  EncodingChoice,
  FileTemplate,
  IntakeInput,
  MappingPreset,
  MethodId,
} from '../../../../../electron/contract/api';
import { COLUMN_TARGETS, type ColumnTarget } from './fields';
import { targetsFor, type MapTarget } from './refundFields';

export type DelimiterChoice = 'auto' | ',' | ';' | '\t';
export const DELIMITER_CHOICES: readonly DelimiterChoice[] = ['auto', ',', ';', '\t'];
export const ENCODING_CHOICES: readonly EncodingChoice[] = ['auto', 'utf-8', 'gb18030', 'big5'];
export const METHOD_CHOICES: readonly MethodId[] = ['cup-p2p', 'cup-quickpay', 'cup-banks'];

/** The file as read from the disk, and how the operator asked for it to be read. */
export interface IntakeSource {
  file: { name: string; bytes: Uint8Array };
  /** What the file holds: payouts, or refunds of earlier ChinaPay payments. */
  kind: BatchKind;
  /** The payout method (a refund file has none: its batch's method is always `chinapay`). */
  method: MethodId;
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
  /** Their header → our field, for the columns the operator mapped by hand (or through a preset). */
  map: Record<string, MapTarget>;
}

/**
 * An intake call's input. The delimiter travels only when the operator overrode the detected one (the
 * console detects it otherwise); the method only with a payout file.
 */
export type IntakeCall = IntakeInput & { delimiter?: Exclude<DelimiterChoice, 'auto'> };

export function intakeInput(source: IntakeSource, extra: Partial<IntakeInput> = {}): IntakeCall {
  const input: IntakeCall = {
    file: source.file,
    kind: source.kind,
    ...(source.kind === 'refund' ? {} : { method: source.method }),
    encoding: source.encoding,
    ...extra,
  };
  if (Object.keys(source.map).length > 0) input.map = { ...source.map };
  if (source.delimiter !== 'auto') input.delimiter = source.delimiter;
  return input;
}

/**
 * The form in which headers are compared, as the console compares them: compatibility-folded (full-width
 * letters become plain ones), lower case, without spaces, a stray BOM, underscores or hyphens.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\s\uFEFF_-]+/g, '')
    .toLowerCase();
}

/** Error codes that mean the columns must be mapped (the file itself reads fine). */
export const MAPPING_ERROR_CODES: ReadonlySet<string> = new Set([
  'FILE_MISSING_COLUMN',
  'FILE_DUPLICATE_COLUMN',
  'MAP_INVALID',
]);

/** The templates of one kind of file (a template from before refunds existed is a payout template). */
export function templatesOf(templates: readonly FileTemplate[], kind: BatchKind): FileTemplate[] {
  return templates.filter((template) => (template.kind ?? 'payout') === kind);
}

/**
 * The template header text of each target, read from the header lines of the shipped templates of one kind
 * of file (the English template's headers are the field names).
 */
export function templateTargets(
  templates: readonly FileTemplate[],
  kind: BatchKind = 'payout',
): Map<string, MapTarget> {
  const own = templatesOf(templates, kind);
  const english = own.find((template) => template.lang === 'en');
  if (!english) return new Map();
  const targets = headerCells(english.content);
  const known: readonly string[] = targetsFor(kind);
  const found = new Map<string, MapTarget>();
  for (const template of own) {
    headerCells(template.content).forEach((header, index) => {
      const target = targets[index];
      if (target && known.includes(target)) found.set(normaliseHeader(header), target as MapTarget);
    });
  }
  return found;
}

function headerCells(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1, skipEmptyLines: true });
  return parsed.data[0] ?? [];
}

/**
 * Where each column goes while the console cannot say (the columns do not map yet): the operator's choice,
 * else the target its header names in a template, else nowhere.
 */
export function guessedMapping<T extends string>(
  header: readonly string[],
  map: Readonly<Record<string, T>>,
  templates: ReadonlyMap<string, T>,
): Record<string, T | null> {
  const chosen = new Set(Object.values(map));
  const mapping: Record<string, T | null> = {};
  for (const name of header) {
    const own = map[name];
    const template = templates.get(normaliseHeader(name));
    // A template column whose field the operator gave to another column is ignored, as the console does.
    mapping[name] = own ?? (template && !chosen.has(template) ? template : null);
  }
  return mapping;
}

/**
 * The operator's map after sending `header` to `target` (null: to nowhere). A field goes to one column only:
 * a column the operator sent to the same field before gives it up.
 */
export function withTarget<T extends string>(
  map: Readonly<Record<string, T>>,
  header: string,
  target: T | null,
): Record<string, T> {
  const next: Record<string, T> = {};
  for (const [name, field] of Object.entries(map)) {
    if (name !== header && field !== target) next[name] = field;
  }
  if (target !== null) next[header] = target;
  return next;
}

/** A preset's entries for the columns this file has (an entry for a header it lacks would be refused). */
export function presetForHeader(
  preset: MappingPreset,
  header: readonly string[],
): Record<string, ColumnTarget> {
  const byKey = new Map(header.map((name) => [normaliseHeader(name), name]));
  const map: Record<string, ColumnTarget> = {};
  for (const [name, field] of Object.entries(preset.map)) {
    const own = byKey.get(normaliseHeader(name));
    if (own !== undefined && (COLUMN_TARGETS as readonly string[]).includes(field))
      map[own] = field as ColumnTarget;
  }
  return map;
}

/** The preset made for files with this header: every one of its headers present, the most entries first. */
export function matchingPreset(
  presets: readonly MappingPreset[],
  header: readonly string[],
): MappingPreset | null {
  let best: MappingPreset | null = null;
  for (const preset of presets) {
    const size = Object.keys(preset.map).length;
    if (size === 0 || Object.keys(presetForHeader(preset, header)).length !== size) continue;
    if (!best || size > Object.keys(best.map).length) best = preset;
  }
  return best;
}

/** How much of a file is read to find its header line and first rows. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Long digit runs (card, ID and phone numbers, with single spaces or hyphens between digits) masked as the
 * console masks them: the first three and the last four digits kept.
 */
export function maskLongNumbers(cell: string): string {
  return cell.replace(/\d(?:[ -]?\d){9,}[\dXx]?/g, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  });
}

/**
 * The file's header and first rows, read here when the console refuses the file for its columns (it then
 * sends no preview): decoded as chosen, or as UTF-8 falling back to GB18030, split at the chosen delimiter or
 * the one that splits the lines best. Long numbers in the rows are masked.
 */
export function readLocalPreview(
  bytes: Uint8Array,
  encoding: EncodingChoice,
  delimiter: DelimiterChoice,
  rows = 3,
): { header: string[]; rows: string[][] } {
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  // Cut after the last line break, so a character is never cut in half (0x0A is never part of one here).
  const lastBreak = sample.lastIndexOf(0x0a);
  if (bytes.length > SAMPLE_BYTES && lastBreak > 0) sample = sample.subarray(0, lastBreak + 1);
  const text = decodeSample(sample, encoding).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, {
    preview: rows + 1,
    skipEmptyLines: 'greedy',
    ...(delimiter === 'auto' ? { delimitersToGuess: [',', ';', '\t'] } : { delimiter }),
  });
  const [header = [], ...records] = parsed.data;
  return {
    header: header.map((cell) => cell.trim()),
    rows: records.map((record) => record.map(maskLongNumbers)),
  };
}

function decodeSample(sample: Uint8Array, encoding: EncodingChoice): string {
  if (encoding !== 'auto') return new TextDecoder(encoding).decode(sample);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return new TextDecoder('gb18030').decode(sample);
  }
}
