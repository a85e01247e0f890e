/**
 * Intake of a payout file, as pure functions: read (decode, parse, map), validate, and plan what an import
 * stores. The application layer (app/intake.ts) adds what only the store knows: payment ids used before and
 * files imported before.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  readPayoutCsv,
  RowChangeApplier,
  type Delimiter,
  type EncodingChoice,
  type PayoutCsv,
  type RowChanges,
  type UnmatchedChange,
} from './csv/index.js';
import type { ReferenceData } from './reference/referenceData.js';
import type { DraftPayoutInput } from './store/types.js';

import type { ColumnTarget, EarlierPayout, Limits, MethodId, ValidatedRow } from './types.js';
import type { IntakeDefaults } from './validation/address.js';
import { RowValidator, type ValidationContext } from './validation/validate.js';

export type { EncodingChoice };

export interface ReadOptions {
  encoding?: EncodingChoice;
  /** Overrides the detected delimiter. */
  delimiter?: Delimiter;
  map?: Map<string, ColumnTarget>;
  /** Compute the content digest (for comparing with earlier imports). */
  contentDigest?: boolean;
  /** Cells edited and lines left out in the validation grid, applied to the rows as they are read. */
  changes?: RowChanges;
}

export interface IntakeFile {
  name: string;
  sha256: string;
  /**
   * SHA-256 of the decoded text, line endings normalised: the same rows with other bytes (line endings, BOM,
   * encoding) match. Null when not asked for (nothing to compare with: no database).
   */
  content_sha256: string | null;
  encoding: 'utf-8' | 'gb18030' | 'big5';
  bom: boolean;
  delimiter: string;
  rows: number;
  ignored_columns: string[];
}

/** A file read and mapped, not validated yet. */
export interface ReadPayoutFile {
  file: IntakeFile;
  csv: PayoutCsv;
}

export interface IntakeSummary {
  rows: number;
  ok: number;
  warnings: number;
  errors: number;
  /** Sum of the rows that can be stored (ok + warning), in fen. */
  total_fen: number;
  /**
   * Sum of every parseable amount in the file, in fen, to compare with the sender's own total; null when
   * absurd amounts push it beyond exact integers.
   */
  file_total_fen: number | null;
}

export interface IntakeResult {
  file: IntakeFile;
  summary: IntakeSummary;
  rows: ValidatedRow[];
  /** Earlier batches imported from a file with the same SHA-256, when a database was asked. */
  duplicateOf: number[];
}

export interface ValidateOptions {
  method: MethodId;
  /** Admin-configured limits; the method's documented defaults otherwise. */
  limits?: Limits;
  /** Payment ids earlier batches used (PAYMENT_ID_USED); unchecked when absent. */
  usedPaymentIds?: ReadonlySet<string>;
  /** Earlier batches imported from the same bytes. */
  duplicateOf?: number[];
  /** Organisation defaults for mandatory fields a file leaves empty (settings, `--payout-*`). */
  defaults?: IntakeDefaults;
  /** A method set to take bank account numbers in card.pan instead of card numbers. */
  panKind?: 'card' | 'account';
  /** Payouts of batches imported within the duplicate window (PAYOUT_DUPLICATE_HISTORY). */
  earlierPayouts?: readonly EarlierPayout[];
  /** The keyed hash earlier payouts' cards are stored under (without it, history is not compared). */
  cardKey?: (pan: string) => string;
  /** The window's length in days. */
  historyDays?: number;
  /** Called every few thousand rows while validating (total null while the rows are still being read). */
  progress?: (done: number, total: number | null) => void;
  /** This installation's id: part of every payment id generated, so two databases never generate the same. */
  installationId?: string;
}

/** Decodes, parses and maps a payout file. Throws IntakeFileError when the file as a whole is unusable. */
export function readPayoutFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): ReadPayoutFile {
  const csv = readPayoutCsv(bytes, {
    encoding: options.encoding ?? 'auto',
    delimiter: options.delimiter,
    map: options.map,
    contentDigest: options.contentDigest,
  });
  return { csv, file: intakeFile(bytes, fileName, csv) };
}

function intakeFile(bytes: Uint8Array, fileName: string, csv: PayoutCsv): IntakeFile {
  return {
    name: fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    content_sha256: csv.contentSha256,
    encoding: csv.encoding,
    bom: csv.bom,
    delimiter: csv.delimiter,
    rows: csv.rowCount,
    ignored_columns: csv.ignoredColumns,
  };
}

/** Validates every row of a read file. */
export function validatePayoutRows(
  read: ReadPayoutFile,
  reference: ReferenceData,
  options: ValidateOptions,
): IntakeResult {
  const validator = new RowValidator(
    validationContext(reference, options, read.csv.mapping.hasPaymentIdColumn, read.csv.rowCount),
  );
  for (const row of read.csv.rows) validator.add(row);
  return finishValidation({ file: read.file, validator }, options);
}

/** A file read and its rows validated, the checks across rows still to come (they need the store's answers). */
export interface ValidatedFile {
  file: IntakeFile;
  /** The file as read; its `rows` are empty, they went to the validator one by one. */
  csv: PayoutCsv;
  validator: RowValidator;
  /** What the grid's changes did: the distinct cells edited and lines left out. */
  changed: { editedCells: number; removedLines: number };
  /** The first change naming a line that holds no row of the file; null when all of them matched. */
  unmatchedChange: UnmatchedChange | null;
}

/**
 * Reads a payout file and validates each row as it is read, so the file's mapped rows never exist all at
 * once (on 100k rows: ~40 MB less held, and those objects die young instead of being promoted). The checks
 * across rows follow in finishValidation, once the store has been asked what they need.
 */
export function readAndValidateRows(
  bytes: Uint8Array,
  fileName: string,
  reference: ReferenceData,
  options: ReadOptions & ValidateOptions,
): ValidatedFile {
  let validator: RowValidator | null = null;
  const changes = options.changes ? new RowChangeApplier(options.changes) : null;
  const csv = readPayoutCsv(bytes, {
    encoding: options.encoding ?? 'auto',
    delimiter: options.delimiter,
    map: options.map,
    contentDigest: options.contentDigest,
    onHeader: (mapping) => {
      // A payment id typed in the grid counts even where the file has no payment_id column.
      const paymentIds = mapping.hasPaymentIdColumn || (changes?.edits('payment_id') ?? false);
      validator = new RowValidator(validationContext(reference, options, paymentIds, null));
    },
    onRow: changes
      ? (row) => {
          const kept = changes.apply(row);
          if (kept !== null) validator!.add(kept);
        }
      : (row) => validator!.add(row),
  });
  return {
    file: intakeFile(bytes, fileName, csv),
    csv,
    // readPayoutCsv refuses a file without a header or rows, so the header made a validator.
    validator: validator!,
    changed: changes?.counts ?? { editedCells: 0, removedLines: 0 },
    unmatchedChange: changes?.firstUnmatched() ?? null,
  };
}

/** The checks across rows (the store's answers in `options`), the rows' statuses and the summary. */
export function finishValidation(
  validated: Pick<ValidatedFile, 'file' | 'validator'>,
  options: ValidateOptions,
): IntakeResult {
  const used = options.usedPaymentIds;
  const rows = validated.validator.finish({
    isPaymentIdUsed: used ? (ids) => new Set(ids.filter((id) => used.has(id))) : undefined,
    earlierPayouts: options.earlierPayouts,
    historyDays: options.historyDays,
    cardKey: options.cardKey,
  });
  return { file: validated.file, summary: summarize(rows), rows, duplicateOf: options.duplicateOf ?? [] };
}

function validationContext(
  reference: ReferenceData,
  options: ValidateOptions,
  hasPaymentIdColumn: boolean,
  expectedRows: number | null,
): ValidationContext {
  const method = reference.methods.get(options.method);
  if (!method) throw new Error(`Unknown payout method: ${options.method}`);
  const idPrefix = newPaymentIdPrefix(options.installationId);
  return {
    method,
    regions: reference.regions,
    limits: options.limits,
    hasPaymentIdColumn,
    generatePaymentId: (line) => `${idPrefix}-${String(line).padStart(6, '0')}`,
    defaults: options.defaults,
    panKind: options.panKind,
    expectedRows,
    progress: options.progress,
  };
}

/** Reads and validates a payout file without a database (nothing is stored, nothing looked up). */
export function validatePayoutFile(
  bytes: Uint8Array,
  fileName: string,
  reference: ReferenceData,
  options: ReadOptions & ValidateOptions,
): IntakeResult {
  return finishValidation(readAndValidateRows(bytes, fileName, reference, options), options);
}

export function summarize(rows: ValidatedRow[]): IntakeSummary {
  const summary: IntakeSummary = {
    rows: rows.length,
    ok: 0,
    warnings: 0,
    errors: 0,
    total_fen: 0,
    file_total_fen: 0,
  };
  // Summed as a plain number: amounts are never negative, so if the final sum is a safe integer every partial
  // sum was too and each addition was exact. Only beyond 2^53 is it recounted in BigInt (a BigInt per row
  // cost ~10 ms of allocation and GC on 100k rows).
  let fileTotal = 0;
  for (const row of rows) {
    const amount = row.payout.amount_fen ?? 0;
    fileTotal += amount;
    if (row.status === 'error') summary.errors++;
    else {
      if (row.status === 'warning') summary.warnings++;
      else summary.ok++;
      summary.total_fen += amount;
    }
  }
  summary.file_total_fen = Number.isSafeInteger(fileTotal) ? fileTotal : exactFileTotal(rows);
  return summary;
}

/** The exact sum of every amount when it may exceed 2^53 fen; null when it does. */
function exactFileTotal(rows: readonly ValidatedRow[]): number | null {
  let total = 0n;
  for (const row of rows) total += BigInt(row.payout.amount_fen ?? 0);
  return total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : null;
}

export type ImportRefusal =
  | { code: 'ROWS_HAVE_ERRORS'; errorRows: number }
  | { code: 'FILE_ALREADY_IMPORTED'; batchIds: number[] }
  | { code: 'NOTHING_TO_IMPORT' }
  /** Another import stored one of these payment ids between this one's check and its transaction. */
  | { code: 'PAYMENT_ID_USED'; paymentId: string; line: number };

export interface ImportRules {
  /** Store only the rows without errors instead of refusing the file. */
  dropErrors?: boolean;
  /** Store a file whose exact bytes were imported before (refused by default: it would pay twice). */
  allowDuplicateFile?: boolean;
}

/** What an import stores, or why it stores nothing. */
export function planImport(
  validation: IntakeResult,
  rules: ImportRules,
): { refusal: ImportRefusal } | { refusal: null; payouts: DraftPayoutInput[] } {
  if (validation.duplicateOf.length > 0 && !rules.allowDuplicateFile) {
    return { refusal: { code: 'FILE_ALREADY_IMPORTED', batchIds: validation.duplicateOf } };
  }
  if (validation.summary.errors > 0 && !rules.dropErrors) {
    return { refusal: { code: 'ROWS_HAVE_ERRORS', errorRows: validation.summary.errors } };
  }
  // One pass from validated rows to the store's input (rows with errors are dropped here).
  const payouts: DraftPayoutInput[] = [];
  for (const row of validation.rows) {
    if (row.status === 'error') continue;
    payouts.push({ line: row.line, payout: row.payout, warnings: row.issues.map((issue) => issue.code) });
  }
  if (payouts.length === 0) return { refusal: { code: 'NOTHING_TO_IMPORT' } };
  return { refusal: null, payouts };
}

/**
 * A prefix unique to one import, so generated payment ids never repeat: the installation's id (two
 * databases, two installations), the day, and a random part (two imports).
 */
function newPaymentIdPrefix(installationId = 'LOCAL'): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `CUP-${installationId.toUpperCase()}-${day}-${randomBytes(5).toString('hex').toUpperCase()}`;
}
