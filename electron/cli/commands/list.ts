/** `cup-payouts list …`: every batch with status, counts, sums, importer, approver and dates. */
import type { BatchStatus, BatchView } from '../../contract/records.js';
import { batchStatusName, stateName } from '../../core/i18n/payoutReasons.js';
import { formatFen } from '../../core/money.js';
import { BATCH_STATUSES } from '../../core/store/types.js';
import type { Lang } from '../../core/types.js';
import { noPositionals, parseCommandArgs, requireOne, resolveLang } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  status: { type: 'string' },
  active: { type: 'boolean' },
} as const;

const COLUMNS: Record<Lang, string[]> = {
  en: ['Batch', 'Status', 'Method', 'Payouts', 'Total (CNY)', 'By state', 'Imported', 'Approved', 'File'],
  'zh-CN': ['批次', '状态', '方式', '笔数', '合计（元）', '各状态', '导入', '审批', '文件'],
};

/** `alice 2026-12-02 09:30` — who and when, to the minute in UTC. */
function byWhom(who: string | null, at: string | null): string {
  return who ? `${who} ${at?.slice(0, 16).replace('T', ' ') ?? ''}`.trim() : '—';
}

function byState(batch: BatchView, lang: Lang): string {
  return Object.entries(batch.counts)
    .sort()
    .map(([state, count]) => `${stateName(state, lang)} ${count}`)
    .join(', ');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const statuses =
    typeof values['status'] === 'string'
      ? values['status']
          .split(',')
          .map((s) => requireOne(s.trim(), BATCH_STATUSES, '--status') as BatchStatus)
      : undefined;
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional' },
    async ({ runtime, caller }) => {
      const input = {
        ...(statuses ? { statuses } : {}),
        ...(values['active'] === true ? { active: true } : {}),
      };
      const batches = valueOf(io, await runtime.app.call('listBatches', input, caller), json);
      if (json) {
        printJson(io, { batches });
        return 0;
      }
      const rows = batches.map((batch) => [
        String(batch.id),
        batchStatusName(batch.status, lang),
        batch.method,
        String(batch.payout_count),
        formatFen(batch.total_fen),
        byState(batch, lang),
        byWhom(batch.created_by, batch.created_at),
        byWhom(batch.approved_by, batch.approved_at),
        batch.source_file_name,
      ]);
      const right = [true, false, false, true, true];
      for (const text of formatTable(COLUMNS[lang], rows, right)) line(io.stdout, text);
      return 0;
    },
  );
}
