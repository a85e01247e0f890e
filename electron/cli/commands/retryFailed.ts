/**
 * `cup-payouts retry-failed BATCH --user NAME …`: the declined and rejected payouts of a batch as a new draft
 * batch with new payment ids, each linked to the payout it pays again. It needs a fresh approval by someone
 * other than NAME. (exit 0 stored, 1 refused or nothing to pay again, 2 unusable)
 */
import { formatFen } from '../../core/money.js';
import { batchIdOf, parseCommandArgs, resolveLang } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';
import { withSession } from '../session.js';

const OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' } } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const batchId = batchIdOf(positionals);
  const json = values['json'] === true;
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required', json },
    async ({ runtime, caller }) => {
      const result = valueOf(io, await runtime.app.call('retryFailedPayouts', { batchId }, caller), json);
      if (json) {
        printJson(io, result);
        return 0;
      }
      const { batch } = result;
      const zh = lang === 'zh-CN';
      line(
        io.stdout,
        zh
          ? `已创建草稿批次 ${batch.id}（重新付款批次 ${batchId} 的失败付款）：${batch.payout_count} 笔，合计 ${formatFen(batch.total_fen)} 元。需另一人审批。`
          : `Draft batch ${batch.id} pays batch ${batchId}'s failed payouts again: ${batch.payout_count} payouts, ${formatFen(batch.total_fen)} CNY. It needs an approval by someone else.`,
      );
      const header = zh
        ? ['行', '新订单号', '原订单号', '金额']
        : ['Line', 'New payment id', 'Pays again', 'Amount'];
      const rows = result.payouts.map((p) => [
        String(p.line),
        p.payment_id,
        p.retry_of,
        formatFen(p.amount_fen),
      ]);
      for (const text of formatTable(header, rows, [true, false, false, true])) line(io.stdout, text);
      return 0;
    },
  );
}
