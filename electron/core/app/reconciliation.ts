/**
 * Offline reconciliation: the provider's operations (a saved Data API answer, a Dashboard CSV export, or a
 * Data API fetch) against the console's payouts. Each run is stored with its input's SHA-256, its counts and
 * sums and its exceptions; nothing in the payouts changes. A person closes each exception with a note, which
 * the audit trail records.
 *
 * Reconciling works from the command line without signing in (as reading does: the database file's own
 * permissions govern it), yet it stores a run, so it is audited: a signed-in caller needs `reconcile.run`,
 * and a command line run without a session is recorded as the console's own.
 */
import { createHash } from 'node:crypto';
import type { Operations } from '../../contract/operations.js';
import type {
  ProviderFileFormat,
  ReconciliationExceptionView,
  ReconciliationResult,
  ReconciliationRunView,
} from '../../contract/records.js';
import { ENCODING_CHOICES, type EncodingChoice } from '../csv/decode.js';
import { DATA_API_BASE_URL, DataApiError, fetchOperationPages } from '../providers/ecommpay/dataApi.js';
import {
  TEST_DATA_API_SECRET,
  TEST_DATA_API_TOKEN,
  TEST_PROJECT_ID,
} from '../providers/ecommpay/testProject.js';
import {
  exceptionDetail,
  loadProviderFile,
  providerColumnMap,
  ProviderFileError,
  reconcileOperations,
  type FoundException,
  type ProviderField,
} from '../reconciliation/index.js';
import type { StoredException, StoredRun } from '../store/reconciliationPort.js';
import type { ConsoleStore } from '../store/ports.js';
import type { AuditRecord } from '../store/types.js';
import type { Lang } from '../types.js';
import type { Action } from './access.js';
import type { OperationContext } from './context.js';
import { AppError } from './errors.js';
import { EXPECT } from './expected.js';
import {
  bytesOf,
  fieldsOf,
  integerIn,
  invalid,
  optionalOneOf,
  optionalStringMap,
  optionalText,
  positiveInteger,
} from './input.js';
import { mutation, principalOf, query, requireStore, type Operation } from './operation.js';

const FORMATS: readonly ProviderFileFormat[] = ['ecommpay-json', 'csv'];
/** A month and a bit: a longer grace would hide real breaks. */
const MAX_GRACE_MINUTES = 60 * 24 * 45;
const MAX_NOTE_LENGTH = 2000;

/** The actor a run without a signed-in person is recorded as (the command line without --user). */
const CONSOLE_ACTOR = 'console';

/** The file's problem as the coded error of the same code (its message in the caller's language). */
function explained<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProviderFileError) throw new AppError(error.code, error.params);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// A query that records: reading rights, plus an audit entry for what it stores.

interface RecordingContext extends OperationContext {
  store: ConsoleStore;
  actor: string;
  audit(details: Record<string, unknown>): AuditRecord;
}

/**
 * An operation that reads and stores a record of itself (a reconciliation run), audited under `action`. It
 * runs where reading runs: a signed-in person needs the action's role; a command line caller without a
 * session (`readsWithoutSession`) is recorded as 'console'. The audit chain needs the installation key.
 */
function recordingQuery<I, O>(spec: {
  action: Action;
  input: (raw: unknown) => I;
  run: (ctx: RecordingContext, input: I) => Promise<O>;
}): Operation<I, O> {
  return {
    action: spec.action,
    audience: 'signed-in',
    parse: spec.input,
    async execute(ctx, input) {
      const store = requireStore(ctx);
      const principal = ctx.session !== null ? await principalOf(ctx) : null;
      if (principal === null && !ctx.readsWithoutSession) throw new AppError('SIGN_IN_REQUIRED');
      if (principal !== null)
        ctx.access.authorize({ principal, action: spec.action, batch: null, approvedBy: [] });
      await ctx.keyring.unlock();
      const actor = principal?.name ?? CONSOLE_ACTOR;
      return spec.run(
        {
          ...ctx,
          store,
          principal,
          actor,
          audit: (details) => ({
            actor,
            action: spec.action,
            at: ctx.now().toISOString(),
            batchId: null,
            details,
          }),
        },
        input,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Input

interface ReconcileRequest {
  file: { name: string; bytes: Uint8Array } | null;
  dataApi: { from: string; to: string; url: string | null } | null;
  format: ProviderFileFormat | undefined;
  map: Map<string, ProviderField> | undefined;
  encoding: EncodingChoice;
  graceMinutes: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

/** A Data API bound: a day (its first or last second) or a day and time, as `YYYY-MM-DD hh:mm:ss` UTC. */
function dataApiTime(value: unknown, field: string, end: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (DAY.test(text) && !Number.isNaN(Date.parse(text))) return `${text} ${end ? '23:59:59' : '00:00:00'}`;
  if (DAY_TIME.test(text) && !Number.isNaN(Date.parse(`${text.replace(' ', 'T')}Z`)))
    return text.replace('T', ' ');
  throw invalid(field, EXPECT.isoTime);
}

function reconcileRequest(raw: unknown): ReconcileRequest {
  const fields = fieldsOf(raw);
  const fileFields = fields['file'] === undefined ? null : fieldsOf(fields['file']);
  const apiFields = fields['dataApi'] === undefined ? null : fieldsOf(fields['dataApi']);
  if ((fileFields === null) === (apiFields === null)) throw new AppError('RECONCILE_SOURCE_INVALID');
  const map = fields['map'];
  return {
    file: fileFields && {
      name: optionalText(fileFields['name'], 'file.name', 1000) ?? 'provider-file',
      bytes: bytesOf(fileFields['bytes'], 'file.bytes'),
    },
    dataApi: apiFields && {
      from: dataApiTime(apiFields['from'], 'dataApi.from', false),
      to: dataApiTime(apiFields['to'], 'dataApi.to', true),
      url: optionalText(apiFields['url'], 'dataApi.url', 500) ?? null,
    },
    format: optionalOneOf(fields['format'], FORMATS, 'format'),
    // The command line passes --map as written ("their header=field,…"); a screen passes pairs.
    map:
      map === undefined
        ? undefined
        : explained(() =>
            providerColumnMap(typeof map === 'string' ? map : (optionalStringMap(map, 'map') ?? {})),
          ),
    encoding: optionalOneOf(fields['encoding'], ['auto', ...ENCODING_CHOICES] as const, 'encoding') ?? 'auto',
    graceMinutes: integerIn(fields['graceMinutes'], 'graceMinutes', {
      min: 0,
      max: MAX_GRACE_MINUTES,
      fallback: 0,
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The Data API

/** The token and secret stored for the Data API; in the sandbox, the test project's when none are stored. */
async function dataApiAccess(
  ctx: RecordingContext,
  environment: 'sandbox' | 'production',
): Promise<{ token: string; secret: string; projectId: number }> {
  const stored = await ctx.store.providerSecrets.get('data_api');
  const production = environment === 'production' ? await ctx.store.credentials.get('production') : null;
  if (!stored) {
    if (environment === 'sandbox')
      return { token: TEST_DATA_API_TOKEN, secret: TEST_DATA_API_SECRET, projectId: TEST_PROJECT_ID };
    throw new AppError('DATA_API_NOT_CONFIGURED');
  }
  const cipher = (await ctx.keyring.unlock()).secrets;
  if (stored.cipherKind !== cipher.kind) throw new AppError('DATA_API_NOT_CONFIGURED');
  const { token, secret } = JSON.parse(cipher.decrypt(stored.sealed)) as { token: string; secret: string };
  ctx.errors.addSecret(secret);
  ctx.errors.addSecret(token);
  return { token, secret, projectId: production?.projectId ?? TEST_PROJECT_ID };
}

/** The operations of the range as the Data API answers them (every page, verified), as the bytes to hash. */
async function fetchFromDataApi(
  ctx: RecordingContext,
  range: NonNullable<ReconcileRequest['dataApi']>,
): Promise<{ name: string; bytes: Uint8Array }> {
  const environment = (await ctx.sending.describe()).name;
  // The embedded sandbox has no fixed address: a sandbox Data API is named by URL.
  const baseUrl = range.url ?? (environment === 'production' ? DATA_API_BASE_URL : null);
  if (baseUrl === null || !/^https?:\/\//i.test(baseUrl)) throw invalid('dataApi.url', EXPECT.url);
  const access = await dataApiAccess(ctx, environment);
  try {
    const pages = await fetchOperationPages({ baseUrl, ...access, from: range.from, to: range.to });
    return {
      name: `data-api ${range.from} — ${range.to}`,
      bytes: new Uint8Array(Buffer.from(JSON.stringify(pages), 'utf8')),
    };
  } catch (error) {
    if (error instanceof DataApiError) throw new AppError('DATA_API_FAILED', { detail: error.message });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Views

type ExceptionRecord = FoundException & {
  id: number;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
};

function exceptionView(e: ExceptionRecord | StoredException, lang: Lang): ReconciliationExceptionView {
  return {
    id: e.id,
    kind: e.kind,
    payment_id: e.payment_id,
    batch_id: e.batch_id,
    console_amount_fen: e.console_amount_fen,
    console_currency: e.console_currency,
    console_status: e.console_status,
    provider_amount_fen: e.provider_amount_fen,
    provider_currency: e.provider_currency,
    provider_status: e.provider_status,
    provider_operation_ids: e.provider_operation_ids,
    detail: exceptionDetail(e, lang),
    resolved_by: e.resolved_by,
    resolved_at: e.resolved_at,
    resolution_note: e.resolution_note,
  };
}

function runView(run: StoredRun): ReconciliationRunView {
  return {
    id: run.id,
    ran_at: run.ran_at,
    ran_by: run.ran_by,
    file_name: run.file_name,
    file_sha256: run.file_sha256,
    format: run.format,
    grace_minutes: run.grace_minutes,
    provider_operations: run.provider_operations,
    console_payouts: run.console_payouts,
    summary: run.figures.summary,
    matched_fen: run.figures.matched_fen,
    unmatched_console: run.figures.unmatched_console,
    unmatched_provider: run.figures.unmatched_provider,
    open_exceptions: run.open_exceptions,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Operations

export const reconciliationHandlers = {
  reconcile: recordingQuery({
    action: 'reconcile.run',
    input: reconcileRequest,
    async run(ctx, request): Promise<ReconciliationResult> {
      const ranAt = ctx.now();
      const source = request.file ?? (await fetchFromDataApi(ctx, request.dataApi!));
      const sha256 = createHash('sha256').update(source.bytes).digest('hex');
      const provider = explained(() =>
        loadProviderFile(source.bytes, {
          // Fetched answers are the Data API's JSON whatever the caller said.
          format: request.file ? request.format : 'ecommpay-json',
          encoding: request.encoding,
          map: request.map,
        }),
      );
      const payouts = await ctx.store.reconciliation.payoutsForMatching();
      const found = reconcileOperations(payouts, provider.operations, {
        nowMs: ranAt.getTime(),
        graceMinutes: request.graceMinutes,
      });
      const figures = {
        summary: found.summary,
        matched_fen: found.matched_fen,
        unmatched_console: found.unmatched_console,
        unmatched_provider: found.unmatched_provider,
      };
      const run = {
        ran_at: ranAt.toISOString(),
        ran_by: ctx.actor,
        file_name: source.name,
        file_sha256: sha256,
        format: provider.format,
        grace_minutes: request.graceMinutes,
        provider_operations: found.provider_operations,
        console_payouts: found.console_payouts,
        figures,
      };
      const { runId, exceptionIds } = await ctx.store.reconciliation.storeRun(
        { ...run, pending: found.pending, purchases: found.purchases },
        found.exceptions,
        ctx.audit({
          file_sha256: sha256,
          file_name: source.name,
          format: provider.format,
          counts: found.summary,
        }),
      );
      return {
        run: runView({ ...run, id: runId, open_exceptions: exceptionIds.length }),
        summary: found.summary,
        exceptions: found.exceptions.map((e, i) =>
          exceptionView(
            { ...e, id: exceptionIds[i]!, resolved_by: null, resolved_at: null, resolution_note: null },
            ctx.lang,
          ),
        ),
        pending: found.pending,
        purchases: found.purchases,
      };
    },
  }),

  reconciliationRuns: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        offset: integerIn(fields['offset'], 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        limit: integerIn(fields['limit'], 'limit', { min: 1, max: 500, fallback: 50 }),
      };
    },
    async run(ctx, page): Promise<ReconciliationRunView[]> {
      return (await requireStore(ctx).reconciliation.runs(page)).map(runView);
    },
  }),

  reconciliationRun: query({
    input: (raw) => ({ runId: positiveInteger(fieldsOf(raw)['runId'], 'runId') }),
    async run(ctx, { runId }): Promise<ReconciliationResult> {
      const store = requireStore(ctx).reconciliation;
      const run = await store.run(runId);
      const items = await store.runItems(runId);
      if (!run || !items) throw new AppError('RECONCILIATION_RUN_NOT_FOUND', { runId });
      const exceptions = await store.exceptions(runId);
      return {
        run: runView(run),
        summary: run.figures.summary,
        exceptions: exceptions.map((e) => exceptionView(e, ctx.lang)),
        ...items,
      };
    },
  }),

  resolveReconciliationException: mutation({
    action: 'reconcile.resolve',
    input: (raw) => {
      const fields = fieldsOf(raw);
      const note = optionalText(fields['note'], 'note', MAX_NOTE_LENGTH)?.trim() ?? '';
      if (note === '') throw invalid('note', EXPECT.textUpTo(MAX_NOTE_LENGTH));
      return { exceptionId: positiveInteger(fields['exceptionId'], 'exceptionId'), note };
    },
    async run(ctx, { exceptionId, note }): Promise<ReconciliationExceptionView> {
      const outcome = await ctx.store.reconciliation.resolve(exceptionId, note, ctx.audit({ note }));
      if (outcome.ok) return exceptionView(outcome.exception, ctx.lang);
      if (outcome.exception === null)
        throw new AppError('RECONCILIATION_EXCEPTION_NOT_FOUND', { exceptionId });
      throw new AppError('RECONCILIATION_EXCEPTION_RESOLVED', {
        exceptionId,
        by: outcome.exception.resolved_by,
        at: outcome.exception.resolved_at,
      });
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
