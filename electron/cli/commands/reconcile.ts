/**
 * `cup-payouts reconcile`, `reconciliations` and `resolve-exception`: the provider's operations against the
 * console's payouts, the runs stored, and an operator's note that closes an exception.
 * reconcile exits 0 without exceptions, 1 with exceptions, 2 when the file (or the command) cannot be used.
 */
import type {
  ReconciliationExceptionView,
  ReconciliationResult,
  ReconciliationRunView,
  ReconciliationSummary,
} from '../../contract/records.js';
import { ENCODING_CHOICES } from '../../core/csv/decode.js';
import { stateName } from '../../core/i18n/payoutReasons.js';
import { formatFen } from '../../core/money.js';
import type { Lang } from '../../core/types.js';
import {
  integerOption,
  noPositionals,
  parseCommandArgs,
  requireOne,
  requireUser,
  resolveLang,
  UsageError,
} from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';
import { withSession } from '../session.js';
import { readInputFile } from './intakeOptions.js';

const WORDS = {
  en: {
    run: (r: ReconciliationRunView) =>
      `Reconciliation run ${r.id} · ${r.file_name} · SHA-256 ${r.file_sha256} · ${r.provider_operations} provider operations · ${r.console_payouts} payouts sent · by ${r.ran_by}`,
    summary: {
      matched: 'Matched',
      missing_at_provider: 'Missing at the provider',
      unknown_at_console: 'Unknown to the console',
      amount_mismatch: 'Amount mismatches',
      status_mismatch: 'Status mismatches',
      duplicates: 'Duplicates',
      pending: 'Pending (grace period)',
      purchases: 'Purchases (listed apart)',
    } satisfies Record<keyof ReconciliationSummary, string>,
    sums: (r: ReconciliationRunView) =>
      `Matched ${formatFen(r.matched_fen)} CNY · unmatched console ${r.unmatched_console.count} (${formatFen(r.unmatched_console.total_fen)}) · unmatched provider ${r.unmatched_provider.count} (${formatFen(r.unmatched_provider.total_fen)})`,
    header: ['Id', 'Kind', 'Payment id', 'Batch', 'Console', 'Provider', 'Detail', 'Resolved'],
    none: 'No exceptions.',
    resolved: (e: ReconciliationExceptionView) =>
      `Exception ${e.id} resolved by ${e.resolved_by} at ${e.resolved_at}.`,
    runsHeader: ['Run', 'Ran at', 'By', 'File', 'Matched', 'Exceptions', 'Open'],
  },
  'zh-CN': {
    run: (r: ReconciliationRunView) =>
      `对账记录 ${r.id} · ${r.file_name} · SHA-256 ${r.file_sha256} · 服务商操作 ${r.provider_operations} 条 · 已发送付款 ${r.console_payouts} 笔 · 执行人 ${r.ran_by}`,
    summary: {
      matched: '一致',
      missing_at_provider: '服务商缺失',
      unknown_at_console: '控制台未知',
      amount_mismatch: '金额不符',
      status_mismatch: '状态不符',
      duplicates: '重复付款',
      pending: '待定（宽限期内）',
      purchases: '收款交易（单列）',
    } satisfies Record<keyof ReconciliationSummary, string>,
    sums: (r: ReconciliationRunView) =>
      `一致金额 ${formatFen(r.matched_fen)} 元 · 控制台未对上 ${r.unmatched_console.count} 笔（${formatFen(r.unmatched_console.total_fen)}）· 服务商未对上 ${r.unmatched_provider.count} 笔（${formatFen(r.unmatched_provider.total_fen)}）`,
    header: ['编号', '类型', '订单号', '批次', '控制台', '服务商', '说明', '处理'],
    none: '没有差异。',
    resolved: (e: ReconciliationExceptionView) =>
      `差异 ${e.id} 已由 ${e.resolved_by} 于 ${e.resolved_at} 处理。`,
    runsHeader: ['记录', '时间', '执行人', '文件', '一致', '差异', '未处理'],
  },
};

const KIND_WORDS: Record<ReconciliationExceptionView['kind'], Record<Lang, string>> = {
  missing_at_provider: { en: 'missing at provider', 'zh-CN': '服务商缺失' },
  unknown_at_console: { en: 'unknown at console', 'zh-CN': '控制台未知' },
  amount_mismatch: { en: 'amount mismatch', 'zh-CN': '金额不符' },
  status_mismatch: { en: 'status mismatch', 'zh-CN': '状态不符' },
  duplicate: { en: 'duplicate', 'zh-CN': '重复付款' },
};

function side(amount: number | null, status: string | null, lang: Lang): string {
  if (amount === null && status === null) return '—';
  return `${amount === null ? '—' : formatFen(amount)} ${status === null ? '' : stateName(status, lang)}`.trim();
}

function exceptionsTable(exceptions: ReconciliationExceptionView[], lang: Lang): string[] {
  return formatTable(
    WORDS[lang].header,
    exceptions.map((e) => [
      String(e.id),
      KIND_WORDS[e.kind][lang],
      e.payment_id,
      e.batch_id === null ? '—' : String(e.batch_id),
      side(e.console_amount_fen, e.console_status, lang),
      side(e.provider_amount_fen, e.provider_status, lang),
      e.detail,
      e.resolved_by === null ? '' : `${e.resolved_by}: ${e.resolution_note ?? ''}`,
    ]),
    [true, false, false, true, true, true, false, false],
  );
}

function printResult(io: CliIo, result: ReconciliationResult, lang: Lang): void {
  const words = WORDS[lang];
  line(io.stdout, words.run(result.run));
  for (const [key, label] of Object.entries(words.summary))
    line(io.stdout, `  ${label}: ${result.summary[key as keyof ReconciliationSummary]}`);
  line(io.stdout, words.sums(result.run));
  line(io.stdout);
  if (result.exceptions.length === 0) line(io.stdout, words.none);
  else for (const text of exceptionsTable(result.exceptions, lang)) line(io.stdout, text);
}

/** The documented JSON: summary and exceptions first, each exception led by its kind and payment id. */
function resultJson(result: ReconciliationResult) {
  return {
    summary: result.summary,
    exceptions: result.exceptions.map(({ kind, payment_id, ...rest }) => ({ kind, payment_id, ...rest })),
    run_id: result.run.id,
    run: result.run,
    pending: result.pending,
    purchases: result.purchases,
  };
}

const RECONCILE_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  'provider-file': { type: 'string' },
  format: { type: 'string' },
  map: { type: 'string' },
  encoding: { type: 'string' },
  'grace-minutes': { type: 'string' },
  user: { type: 'string' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RECONCILE_OPTIONS);
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const path = typeof values['provider-file'] === 'string' ? values['provider-file'] : '';
  if (path.trim() === '') throw new UsageError('--provider-file FILE is required.');
  const input = {
    format: requireOne(values['format'], ['ecommpay-json', 'csv'] as const, '--format'),
    encoding: requireOne(values['encoding'], ['auto', ...ENCODING_CHOICES] as const, '--encoding'),
    ...(typeof values['map'] === 'string' ? { map: values['map'] } : {}),
    graceMinutes: integerOption(values, 'grace-minutes', 0),
  };
  const file = readInputFile(path, lang, io);
  return withSession(
    io,
    // Without --user the run is the console's own (recorded as such); with it, that person's.
    { values, lang, use: 'existing', identity: 'optional', json },
    async ({ runtime, caller }) => {
      const result = valueOf(io, await runtime.app.call('reconcile', { ...input, file }, caller), json);
      if (json) printJson(io, resultJson(result));
      else printResult(io, result, lang);
      return result.exceptions.length === 0 ? 0 : 1;
    },
  );
}

const LIST_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  offset: { type: 'string' },
  limit: { type: 'string' },
  user: { type: 'string' },
} as const;

/** `reconciliations [RUN]`: the runs, newest first, or one run with its exceptions. */
export async function runs(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, LIST_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  const runId = positionals[0] === undefined ? null : Number(positionals[0]);
  if (runId !== null && !(Number.isSafeInteger(runId) && runId > 0 && /^\d+$/.test(positionals[0]!)))
    throw new UsageError('RUN must be a run id.');
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional', json },
    async ({ runtime, caller }) => {
      if (runId !== null) {
        const result = valueOf(io, await runtime.app.call('reconciliationRun', { runId }, caller), json);
        if (json) printJson(io, resultJson(result));
        else printResult(io, result, lang);
        return 0;
      }
      const page = { offset: integerOption(values, 'offset', 0), limit: integerOption(values, 'limit', 1) };
      const list = valueOf(io, await runtime.app.call('reconciliationRuns', page, caller), json);
      if (json) printJson(io, { runs: list });
      else
        for (const text of formatTable(
          WORDS[lang].runsHeader,
          list.map((r) => {
            const s = r.summary;
            const exceptions =
              s.missing_at_provider +
              s.unknown_at_console +
              s.amount_mismatch +
              s.status_mismatch +
              s.duplicates;
            return [
              String(r.id),
              r.ran_at,
              r.ran_by,
              r.file_name,
              String(s.matched),
              String(exceptions),
              String(r.open_exceptions),
            ];
          }),
          [true, false, false, false, true, true, true],
        ))
          line(io.stdout, text);
      return 0;
    },
  );
}

const RESOLVE_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  note: { type: 'string' },
  user: { type: 'string' },
} as const;

/** `resolve-exception ID --note TEXT`: closes an exception with the operator's note (audited). */
export async function resolve(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RESOLVE_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!) || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError('Give one exception ID.');
  const note = typeof values['note'] === 'string' ? values['note'].trim() : '';
  if (note === '') throw new UsageError('--note TEXT is required (recorded in the audit trail).');
  requireUser(values);
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required', json },
    async ({ runtime, caller }) => {
      const exception = valueOf(
        io,
        await runtime.app.call('resolveReconciliationException', { exceptionId: id, note }, caller),
        json,
      );
      if (json) printJson(io, exception);
      else line(io.stdout, WORDS[lang].resolved(exception));
      return 0;
    },
  );
}
