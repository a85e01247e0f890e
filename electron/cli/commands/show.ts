/**
 * `cup-payouts show BATCH …`: one batch and a page of its payouts, card numbers masked. With
 * --clear-payee-data an admin (signed in) gets the payees' card numbers, ID numbers and phones in clear,
 * which the audit trail records.
 */
import { stateName } from '../../core/i18n/payoutReasons.js';
import { formatFen } from '../../core/money.js';
import { batchIdOf, integerOption, parseCommandArgs, requireUser, resolveLang } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  state: { type: 'string' },
  code: { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
  user: { type: 'string' },
  'clear-payee-data': { type: 'boolean' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const batchId = batchIdOf(positionals);
  const json = values['json'] === true;
  const input = {
    batchId,
    ...(typeof values['state'] === 'string'
      ? { states: values['state'].split(',').map((s) => s.trim()) }
      : {}),
    ...(typeof values['code'] === 'string' ? { code: values['code'] } : {}),
    offset: integerOption(values, 'offset', 0),
    limit: integerOption(values, 'limit', 1),
  };
  if (values['clear-payee-data'] === true) {
    requireUser(values);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required', json },
      async ({ runtime, caller }) => {
        const payees = valueOf(io, await runtime.app.call('revealPayees', { batchId }, caller), json);
        if (json) printJson(io, { batch_id: batchId, payees });
        else
          for (const text of formatTable(
            lang === 'zh-CN'
              ? ['订单号', '卡号', '证件号', '电话']
              : ['Payment id', 'Card', 'ID number', 'Phone'],
            payees.map((p) => [p.payment_id, p.card_number, p.id_number, p.phone]),
            [false, false, false, false],
          ))
            line(io.stdout, text);
        return 0;
      },
    );
  }
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional', json },
    async ({ runtime, caller }) => {
      const detail = valueOf(io, await runtime.app.call('batchDetail', input, caller), json);
      if (json) {
        printJson(io, detail);
        return 0;
      }
      const { batch } = detail;
      line(io.stdout, `${batch.id} · ${batch.status} · ${batch.method} · ${batch.source_file_name}`);
      line(
        io.stdout,
        `${batch.payout_count} × · ${formatFen(batch.total_fen)} CNY · ${batch.created_by} ${batch.created_at}`,
      );
      const header =
        lang === 'zh-CN'
          ? ['行', '订单号', '金额', '卡号', '状态', '说明']
          : ['Line', 'Payment id', 'Amount', 'Card', 'State', 'Reason'];
      const rows = detail.rows.map((row) => [
        String(row.line),
        row.payment_id,
        formatFen(row.amount_fen),
        row.card_number,
        stateName(row.state, lang),
        row.reason,
      ]);
      for (const text of formatTable(header, rows, [true, false, true])) line(io.stdout, text);
      line(io.stdout, `${detail.offset + 1}–${detail.offset + detail.rows.length} / ${detail.total}`);
      return 0;
    },
  );
}
