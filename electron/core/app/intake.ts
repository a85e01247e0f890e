/** Operations on payout files: validate (with a preview), and import as a draft batch. */
import type { Operations } from '../../contract/operations.js';
import type {
  FilePreview,
  FileView,
  ImportReport,
  ValidatedRowView,
  PayoutDefaultsView,
  ValidationReport,
} from '../../contract/records.js';
import {
  columnMapFromRecord,
  ENCODING_CHOICES,
  parseMapOption,
  PREVIEW_RECORDS,
  type CellEdit,
  type Delimiter,
  type RowChanges,
  type UnmatchedChange,
} from '../csv/index.js';
import {
  finishValidation,
  planImport,
  readAndValidateRows,
  type ImportRefusal,
  type ImportRules,
  type IntakeResult,
  type ValidatedFile,
  type ValidateOptions,
} from '../intake.js';
import { BATCH_KINDS, METHOD_IDS, type Lang, type MethodId } from '../types.js';
import { StoreError } from '../store/errors.js';
import { maskCardNumber, maskIdNumber, maskPhone } from '../security/index.js';
import { protector } from './payeeProtection.js';
import { AppError } from './errors.js';
import type { OperationContext } from './context.js';
import {
  bytesOf,
  fieldsOf,
  integerIn,
  invalid,
  oneOf,
  optionalBoolean,
  optionalList,
  optionalOneOf,
  optionalText,
  optionalStringMap,
  positiveInteger,
} from './input.js';
import { EXPECT, type Expected } from './expected.js';
import { mutation, query, type Operation } from './operation.js';
import {
  applySettingsChanges,
  DEFAULT_SETTINGS,
  ownLimitsWithinProvider,
  readSettings,
  type Settings,
} from './settingsModel.js';
import { requestPreviews } from './requestPreview.js';
import type { IntakeDefaults } from '../validation/address.js';
import { validatedRowView } from './views.js';
import { resolvedBankNames } from './banks.js';
import { CELL_OF_FIELD, PAYOUT_FIELD_KEYS } from './payoutCells.js';
import { refusalView } from './importRefusals.js';
import { importRefundFile, validateRefundFile } from './refundIntake.js';
import type { IntakeRequest } from './intakeRequest.js';

/** The delimiters a person may choose over the detected one. */
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** The defaults an intake may be given, as the settings name them. */
const INTAKE_DEFAULT_FIELDS = ['city', 'zip', 'street', 'email', 'description', 'phone'] as const;
/** The most request bodies a validation shows. */
const MAX_REQUEST_PREVIEW = 100;
/** The most edits, left-out lines or asked-for lines one call takes: one per row of the largest file. */
const MAX_GRID_ITEMS = 100_000;

const EDITABLE_FIELDS = PAYOUT_FIELD_KEYS;

function parseIntake(raw: unknown): IntakeRequest {
  const fields = fieldsOf(raw);
  const file = fieldsOf(fields['file']);
  const method = fields['method'];
  if (method !== undefined && !(METHOD_IDS as readonly unknown[]).includes(method))
    throw new AppError('METHOD_UNKNOWN', { method: String(method) });
  const kind = optionalOneOf(fields['kind'], BATCH_KINDS, 'kind') ?? 'payout';
  // The command line passes --map as written ("their header=field,…"); a screen passes pairs. A refund
  // file's map names refund fields: its intake reads it (refundIntake.ts).
  const rawMap = fields['map'];
  const map =
    kind === 'refund'
      ? undefined
      : typeof rawMap === 'string'
        ? parseMapOption(rawMap)
        : mapOf(optionalStringMap(rawMap, 'map'));
  return {
    kind,
    rawMap: typeof rawMap === 'string' ? rawMap : optionalStringMap(rawMap, 'map'),
    fileName: optionalText(file['name'], 'file.name', 1000) ?? 'payouts.csv',
    bytes: bytesOf(file['bytes'], 'file.bytes'),
    method: (method as MethodId | undefined) ?? 'cup-p2p',
    encoding: optionalOneOf(fields['encoding'], ['auto', ...ENCODING_CHOICES] as const, 'encoding') ?? 'auto',
    delimiter: optionalOneOf(fields['delimiter'], DELIMITERS, 'delimiter'),
    map,
    rows: optionalOneOf(fields['rows'], ['all', 'problems', 'none'] as const, 'rows'),
    previewRows: integerIn(fields['previewRows'], 'previewRows', {
      min: 0,
      max: PREVIEW_RECORDS,
      fallback: 20,
    }),
    payoutDefaults: payoutDefaultsOf(fields['payoutDefaults']),
    requestPreview: integerIn(fields['requestPreview'], 'requestPreview', {
      min: 0,
      max: MAX_REQUEST_PREVIEW,
      fallback: 0,
    }),
    changes: rowChangesOf(fields['edits'], fields['removeLines']),
    lines: lineSetOf(fields['lines']),
  };
}

/** A list of at most MAX_GRID_ITEMS entries (one per row of the largest file). */
function gridList<T>(value: unknown, field: string, item: (v: unknown, f: string) => T): T[] | undefined {
  if (Array.isArray(value) && value.length > MAX_GRID_ITEMS)
    throw invalid(field, {
      en: `a list of at most ${MAX_GRID_ITEMS} items`,
      zh: `不超过 ${MAX_GRID_ITEMS} 项的列表`,
    });
  return optionalList(value, field, item);
}

function cellEditOf(raw: unknown, field: string): CellEdit {
  const edit = fieldsOf(raw);
  const value = optionalText(edit['value'], `${field}.value`);
  if (value === undefined) throw invalid(`${field}.value`, EXPECT.text);
  return {
    line: positiveInteger(edit['line'], `${field}.line`),
    field: CELL_OF_FIELD[oneOf(edit['field'], EDITABLE_FIELDS, `${field}.field`)],
    value,
  };
}

function rowChangesOf(rawEdits: unknown, rawRemoved: unknown): RowChanges | undefined {
  const edits = gridList(rawEdits, 'edits', cellEditOf) ?? [];
  const removeLines = gridList(rawRemoved, 'removeLines', positiveInteger) ?? [];
  return edits.length > 0 || removeLines.length > 0 ? { edits, removeLines } : undefined;
}

function lineSetOf(raw: unknown): ReadonlySet<number> | undefined {
  const lines = gridList(raw, 'lines', positiveInteger);
  return lines === undefined ? undefined : new Set(lines);
}

/** An edit or a left-out line naming a line where the file has no row: INVALID_INPUT naming the entry. */
function unmatchedLineError({ list, index, line }: UnmatchedChange): AppError {
  const expected: Expected = {
    en: `the line of a row of the file (line ${line} holds none)`,
    zh: `文件中某一数据行的行号（第 ${line} 行没有数据行）`,
  };
  return invalid(list === 'edits' ? `edits[${index}].line` : `removeLines[${index}]`, expected);
}

/** Only the defaults an intake uses; their values are checked like settings (text, a valid email or phone). */
function payoutDefaultsOf(raw: unknown): Partial<PayoutDefaultsView> {
  const given = optionalStringMap(raw, 'payoutDefaults') ?? {};
  const known: Partial<PayoutDefaultsView> = {};
  for (const field of INTAKE_DEFAULT_FIELDS) {
    const value = given[field];
    if (value !== undefined) known[field] = value;
  }
  return known;
}

function mapOf(record: Record<string, string> | undefined) {
  return record === undefined ? undefined : columnMapFromRecord(record);
}

/**
 * Reads and validates a file, asking the store (when there is one) which payment ids earlier batches used
 * and which batches came from the same bytes. Nothing is written.
 */
async function readAndValidate(
  ctx: OperationContext,
  request: IntakeRequest,
): Promise<{ read: ValidatedFile; validation: IntakeResult; settings: Settings }> {
  const emit = (phase: 'read' | 'validate', done: number, total: number | null) =>
    ctx.events.emit({ type: 'intake.progress', phase, done, total });
  emit('read', 0, null);

  const store = ctx.store;
  const saved = store ? readSettings(await store.settings.all()) : DEFAULT_SETTINGS;
  // The command line's defaults win over the saved ones, checked by the same rules.
  const settings = applySettingsChanges(saved, { payout_defaults: request.payoutDefaults }).settings;
  const options: ValidateOptions = {
    installationId: store ? await store.meta.installationId() : undefined,
    method: request.method,
    limits: ownLimitsWithinProvider(settings.limits, ctx.reference)[request.method],
    defaults: intakeDefaults(settings.payout_defaults),
    panKind: settings.pan_kind[request.method] ?? 'card',
    // While the rows are read their number is not known yet.
    progress: (done, total) => emit(total === null ? 'read' : 'validate', done, total),
  };
  // Each row is validated as it is read; the checks across rows wait for the store's answers below.
  const read = readAndValidateRows(request.bytes, request.fileName, ctx.reference, {
    ...options,
    encoding: request.encoding,
    delimiter: request.delimiter,
    map: request.map,
    // Only a database has earlier imports to compare the content with.
    contentDigest: store !== null && store !== undefined,
    changes: request.changes,
  });
  if (read.unmatchedChange !== null) throw unmatchedLineError(read.unmatchedChange);
  emit('read', read.file.rows, read.file.rows);

  const windowDays = settings.duplicate_window_days;
  // Earlier cards are stored only as keyed hashes: comparing needs the installation key. An import always has
  // it; validating compares when the key can be unlocked without asking anybody.
  const unlocked = store && windowDays > 0 ? await ctx.keyring.unlockQuietly() : null;
  const [used, duplicateOf, earlier] = store
    ? await Promise.all([
        store.batches.usedPaymentIds(read.validator.suppliedPaymentIds()),
        store.batches.importedFrom(read.file.sha256, read.file.content_sha256 ?? undefined),
        unlocked !== null
          ? store.batches.earlierPayouts(daysBefore(ctx.now().getTime(), windowDays))
          : undefined,
      ])
    : [undefined, [], undefined];
  const validation = finishValidation(read, {
    ...options,
    usedPaymentIds: used,
    duplicateOf,
    earlierPayouts: earlier,
    historyDays: windowDays,
    cardKey: unlocked ? (pan) => unlocked.fields.cardHash(pan) : undefined,
  });
  return { read, validation, settings };
}

function daysBefore(nowMs: number, days: number): string {
  return new Date(nowMs - days * 86_400_000).toISOString();
}

function intakeDefaults(stored: PayoutDefaultsView): IntakeDefaults {
  const defaults: IntakeDefaults = {};
  for (const field of INTAKE_DEFAULT_FIELDS) {
    const value = stored[field];
    if (value !== null) defaults[field] = value;
  }
  return defaults;
}

/** How each payee-data column shows in a preview: masked, like everywhere else the console shows it. */
const PREVIEW_MASKS: Record<string, (cell: string) => string> = {
  card_number: (cell) => maskCardNumber(cell.replace(/[\s-]/g, '')),
  id_number: maskIdNumber,
  phone: maskPhone,
};

function previewOf(read: ValidatedFile, rows: number): FilePreview {
  const { header, mapping } = read.csv;
  const target: Record<string, string | null> = Object.fromEntries(header.map((name) => [name, null]));
  const masks = new Map<number, (cell: string) => string>();
  for (const [field, index] of Object.entries(mapping.columns)) {
    const name = header[index as number];
    if (name !== undefined) target[name] = field;
    const mask = PREVIEW_MASKS[field];
    if (mask) masks.set(index as number, mask);
  }
  const preview = read.csv.preview
    .slice(0, rows)
    .map((record) => record.map((cell, i) => masks.get(i)?.(cell) ?? cell));
  return { header, mapping: target, rows: preview };
}

function fileView(validation: IntakeResult) {
  return { ...validation.file, duplicate_of: validation.duplicateOf };
}

type RowChoice = 'all' | 'problems' | 'errors' | 'none' | ReadonlySet<number>;

/** The rows a report shows: all, those with issues, those with errors, none, or the rows of these lines. */
function rowViews(
  validation: IntakeResult,
  which: RowChoice,
  lang: Lang,
  bankNames?: ReturnType<typeof resolvedBankNames>,
) {
  if (which === 'none') return [];
  const keep =
    which === 'all'
      ? () => true
      : which === 'errors'
        ? (row: IntakeResult['rows'][number]) => row.status === 'error'
        : which === 'problems'
          ? (row: IntakeResult['rows'][number]) => row.issues.length > 0
          : (row: IntakeResult['rows'][number]) => which.has(row.line);
  return validation.rows.filter(keep).map((row) => validatedRowView(row, lang, bankNames));
}

/** What a report's `rows` holds: the asked-for lines when given, else the `rows` choice. */
function rowChoice(request: IntakeRequest, fallback: 'all' | 'none'): RowChoice {
  return request.lines ?? request.rows ?? fallback;
}

/** An import read, validated and planned, with the parts of its report made. */
interface PreparedImport {
  summary: IntakeResult['summary'];
  file: FileView;
  errorRows: ValidatedRowView[];
  rows: ValidatedRowView[] | undefined;
  plan: ReturnType<typeof planImport>;
  /** The grid's changes the stored rows were validated with (recorded in the audit entry). */
  changed: ValidatedFile['changed'];
}

async function prepareImport(
  ctx: OperationContext,
  request: IntakeRequest & ImportRules,
): Promise<PreparedImport> {
  const { read, validation } = await readAndValidate(ctx, request);
  const bankNames = resolvedBankNames(ctx.reference, request.method);
  const which = rowChoice(request, 'none');
  return {
    summary: validation.summary,
    file: fileView(validation),
    errorRows: rowViews(validation, 'errors', ctx.lang, bankNames),
    rows: which !== 'none' ? rowViews(validation, which, ctx.lang, bankNames) : undefined,
    plan: planImport(validation, request),
    changed: read.changed,
  };
}

export const intakeHandlers = {
  validateFile: query({
    input: parseIntake,
    async run(ctx, request): Promise<ValidationReport> {
      if (request.kind === 'refund') return validateRefundFile(ctx, request);
      const { read, validation, settings } = await readAndValidate(ctx, request);
      return {
        file: fileView(validation),
        summary: validation.summary,
        rows: rowViews(
          validation,
          rowChoice(request, 'all'),
          ctx.lang,
          resolvedBankNames(ctx.reference, request.method),
        ),
        preview: previewOf(read, request.previewRows),
        ...(request.requestPreview > 0
          ? {
              requests: await requestPreviews(
                ctx,
                validation,
                settings,
                request.method,
                request.requestPreview,
              ),
            }
          : {}),
      };
    },
  }),

  importFile: mutation({
    action: 'batch.import',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        ...parseIntake(raw),
        dropErrors: optionalBoolean(fields['dropErrors'], 'dropErrors'),
        allowDuplicateFile: optionalBoolean(fields['allowDuplicateFile'], 'allowDuplicateFile'),
      };
    },
    async run(ctx, request): Promise<ImportReport> {
      if (request.kind === 'refund') return importRefundFile(ctx, request);
      // Everything the report shows is made before storing, and the drafts are let go once stored: a
      // 100k-row file's drafts (and the decoded text they point into) are then freed before the report is
      // printed (~60 MB less at the peak of `import --json`).
      let prepared: PreparedImport | null = await prepareImport(ctx, request);
      const { summary, file, errorRows, rows, changed } = prepared;
      const report = (
        stored: ImportReport['stored'],
        batchId: number | null,
        refusal: ImportRefusal | null,
      ): ImportReport => ({
        batch_id: batchId,
        summary,
        file,
        stored,
        refused: refusal ? refusalView(refusal, ctx.lang) : null,
        error_rows: errorRows,
        ...(rows ? { rows } : {}),
      });
      if (prepared.plan.refusal) return report(null, null, prepared.plan.refusal);

      const total = prepared.plan.payouts.length;
      ctx.events.emit({ type: 'intake.progress', phase: 'store', done: 0, total });
      // Each payout's card number, ID number and phone are sealed under the installation key (bound to its
      // payment id) as the store writes it; the row keeps them masked. From here on only the request builder
      // sees them in clear.
      const protect = protector(await ctx.keyring.unlock());
      let stored;
      try {
        stored = await ctx.store.batches.storeImported(
          {
            method: request.method,
            sourceFileName: file.name,
            sourceSha256: file.sha256,
            contentSha256: file.content_sha256 ?? undefined,
            encoding: file.encoding,
            delimiter: file.delimiter,
            // The rows of the file as edited: the lines left out in the grid are not part of the batch.
            rowCount: summary.rows,
            createdBy: ctx.actor,
            droppedErrorRows: summary.errors,
            payouts: prepared.plan.payouts,
            protect,
            refuseDuplicateFile: !request.allowDuplicateFile,
          },
          // The source hash stays the file's own; the entry says how much of it was changed in the grid.
          ctx.audit({ editedCells: changed.editedCells, removedLines: changed.removedLines }),
        );
      } catch (error) {
        // Another import of the same bytes was stored between the checks above and this one's transaction.
        if (error instanceof StoreError && error.code === 'FILE_ALREADY_IMPORTED') {
          const batchIds = error.details.batchIds ?? [];
          return report(null, null, { code: 'FILE_ALREADY_IMPORTED', batchIds });
        }
        // Another import stored one of these payment ids meanwhile: this one stores nothing.
        if (error instanceof StoreError && error.code === 'PAYMENT_ID_USED') {
          const { paymentId = '', line = 0 } = error.details;
          return report(null, null, { code: 'PAYMENT_ID_USED', paymentId, line });
        }
        throw error;
      }
      prepared = null;
      ctx.events.emit({ type: 'intake.progress', phase: 'store', done: stored.payoutCount, total });
      ctx.events.emit({ type: 'batch.changed', batch_id: stored.batchId, status: 'draft' });
      return report({ payouts: stored.payoutCount, total_fen: stored.totalFen }, stored.batchId, null);
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
