/** How batch status reports are printed: the `status --json` document, or a table and the unpaid payouts. */
import type { BatchStatusReport, RunSummaryView } from '../../contract/records.js';
import { batchStatusName, stateName } from '../../core/i18n/payoutReasons.js';
import { formatFen } from '../../core/money.js';
import type { Lang } from '../../core/types.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';

/** How many unpaid payouts the human report lists before pointing to --json. */
const UNPAID_LIMIT = 50;

/** A refund batch's report speaks of refunds. */
const REFUND_WORDS = {
  en: {
    columns: ['Status', 'Refunds', 'Sum (CNY)'],
    unpaid: (n: number) => `Not refunded (${n}):`,
    allPaid: 'Every refund is made.',
  },
  'zh-CN': {
    columns: ['状态', '笔数', '金额（元）'],
    unpaid: (n: number) => `未退款（${n} 笔）：`,
    allPaid: '所有退款均已完成。',
  },
};

const WORDS = {
  en: {
    batch: (id: number, status: string) => `Batch ${id} (${status})`,
    columns: ['Status', 'Payouts', 'Sum (CNY)'],
    unpaid: (n: number) => `Not paid (${n}):`,
    more: (n: number) => `  … and ${n} more (use --json).`,
    allPaid: 'Every payout is paid.',
    line: (line: number) => `line ${line}`,
    run: (r: RunSummaryView) =>
      `Sent ${r.sent} requests, ${r.statusQueries} status queries` +
      (r.recovered ? `, ${r.recovered} interrupted payouts recovered` : '') +
      (r.stoppedBy === 'signal' ? ' (stopped on request; resume to continue)' : '') +
      '.',
  },
  'zh-CN': {
    batch: (id: number, status: string) => `批次 ${id}（${status}）`,
    columns: ['状态', '笔数', '金额（元）'],
    unpaid: (n: number) => `未付款（${n} 笔）：`,
    more: (n: number) => `  …… 另有 ${n} 笔（使用 --json 查看）。`,
    allPaid: '所有付款均已完成。',
    line: (line: number) => `第 ${line} 行`,
    run: (r: RunSummaryView) =>
      `已发送 ${r.sent} 个请求，状态查询 ${r.statusQueries} 次` +
      (r.recovered ? `，恢复中断的付款 ${r.recovered} 笔` : '') +
      (r.stoppedBy === 'signal' ? '（已按要求停止；可用 resume 继续）' : '') +
      '。',
  },
};

export function printReports(
  io: CliIo,
  reports: BatchStatusReport[],
  options: { json: boolean; lang: Lang; run?: RunSummaryView },
): void {
  const { json, lang, run } = options;
  if (json) {
    // The published shapes: one report alone; one report with its run; several under `batches`.
    if (reports.length === 1 && run === undefined) printJson(io, reports[0]);
    else if (reports.length === 1) printJson(io, { ...reports[0], run });
    else printJson(io, { batches: reports, run });
    return;
  }
  if (run) line(io.stdout, WORDS[lang].run(run));
  for (const report of reports) {
    const w = report.kind === 'refund' ? { ...WORDS[lang], ...REFUND_WORDS[lang] } : WORDS[lang];
    const status = batchStatusName(report.batch_status, lang);
    line(io.stdout);
    line(io.stdout, w.batch(report.batch_id, status));
    const rows = Object.keys(report.counts)
      .sort()
      .map((state) => [
        stateName(state, lang, report.kind),
        String(report.counts[state] ?? 0),
        formatFen(report.sums_fen[state] ?? 0),
      ]);
    for (const text of formatTable([...w.columns], rows, [false, true, true])) line(io.stdout, `  ${text}`);
    const unpaid = report.rows.filter((row) => row.status !== 'success');
    if (unpaid.length === 0) {
      line(io.stdout, `  ${w.allPaid}`);
      continue;
    }
    line(io.stdout, `  ${w.unpaid(unpaid.length)}`);
    for (const row of unpaid.slice(0, UNPAID_LIMIT)) {
      const code = row.code ? ` ${row.code}` : '';
      line(
        io.stdout,
        `  ${w.line(row.line)} ${row.payment_id} ${formatFen(row.amount_fen)}: ${stateName(row.status, lang, report.kind)}${code} — ${row.reason}`,
      );
    }
    if (unpaid.length > UNPAID_LIMIT) line(io.stdout, w.more(unpaid.length - UNPAID_LIMIT));
  }
}

/** Whether every payout of every report was paid. */
export function everyPaid(reports: BatchStatusReport[]): boolean {
  return reports.every((report) => report.rows.every((row) => row.status === 'success'));
}

const REFUND_OUTCOME_WORDS = {
  en: {
    outcome: (paid: number, paidFen: string, notPaid: number) =>
      `Refunded ${paid} (${paidFen} CNY); not refunded ${notPaid}.`,
    byState: (parts: string) => `Not refunded: ${parts}.`,
    reasons: 'Top reasons:',
  },
  'zh-CN': {
    outcome: (paid: number, paidFen: string, notPaid: number) =>
      `已退款 ${paid} 笔（${paidFen} 元）；未退款 ${notPaid} 笔。`,
    byState: (parts: string) => `未退款：${parts}。`,
    reasons: '主要原因：',
  },
};

const OUTCOME_WORDS = {
  en: {
    outcome: (paid: number, paidFen: string, notPaid: number) =>
      `Paid ${paid} payouts (${paidFen} CNY); not paid ${notPaid}.`,
    byState: (parts: string) => `Not paid: ${parts}.`,
    reasons: 'Top reasons:',
  },
  'zh-CN': {
    outcome: (paid: number, paidFen: string, notPaid: number) =>
      `已付款 ${paid} 笔（${paidFen} 元）；未付款 ${notPaid} 笔。`,
    byState: (parts: string) => `未付款：${parts}。`,
    reasons: '主要原因：',
  },
};

/** The closing summary of a run: how many were paid, how many not, and the most frequent reasons. */
export function printOutcome(io: CliIo, reports: BatchStatusReport[], lang: Lang): void {
  const refunds = reports.length > 0 && reports.every((report) => report.kind === 'refund');
  const w = (refunds ? REFUND_OUTCOME_WORDS : OUTCOME_WORDS)[lang];
  const rows = reports.flatMap((report) => report.rows);
  const paid = rows.filter((row) => row.status === 'success');
  const unpaid = rows.filter((row) => row.status !== 'success');
  const paidFen = paid.reduce((sum, row) => sum + row.amount_fen, 0);
  line(io.stdout);
  line(io.stdout, w.outcome(paid.length, formatFen(paidFen), unpaid.length));
  if (unpaid.length === 0) return;
  const byState = countBy(unpaid, (row) => stateName(row.status, lang));
  line(io.stdout, w.byState(byState.map(([name, n]) => `${name} ${n}`).join(', ')));
  const reasons = countBy(unpaid, (row) => `${row.code ? `${row.code} ` : ''}${row.reason}`).slice(0, 3);
  line(io.stdout, w.reasons);
  for (const [reason, n] of reasons) line(io.stdout, `  ${n} × ${reason}`);
}

/** Counts per key, most frequent first. */
function countBy<T>(items: T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
