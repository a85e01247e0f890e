/** `cup-payouts approve|reject|pause|cancel BATCH …`: a person's decision on a batch. */
import { formatFen } from '../../core/money.js';
import { batchIdOf, parseCommandArgs, requireUser, resolveLang, UsageError } from '../args.js';
import { valueOf } from '../failure.js';
import { line, type CliIo } from '../io.js';
import { withSession } from '../session.js';

const OPTIONS = { db: { type: 'string' }, user: { type: 'string' }, reason: { type: 'string' } } as const;

const OPERATIONS = {
  approve: 'approveBatch',
  reject: 'rejectBatch',
  pause: 'pauseBatch',
  cancel: 'cancelBatch',
} as const;

const DONE = {
  en: {
    approve: (id: number, user: string, count: number, total: string) =>
      `Batch ${id} approved by ${user}: ${count} payouts, ${total} CNY.`,
    reject: (id: number, user: string) => `Batch ${id} rejected by ${user}.`,
    pause: (id: number, user: string) => `Batch ${id} paused by ${user}.`,
    cancel: (id: number, user: string, cancelled: number) =>
      `Batch ${id} cancelled by ${user}: ${cancelled} payouts not sent.`,
  },
  'zh-CN': {
    approve: (id: number, user: string, count: number, total: string) =>
      `批次 ${id} 已由 ${user} 审批：${count} 笔，合计 ${total} 元。`,
    reject: (id: number, user: string) => `批次 ${id} 已由 ${user} 驳回。`,
    pause: (id: number, user: string) => `批次 ${id} 已由 ${user} 暂停。`,
    cancel: (id: number, user: string, cancelled: number) =>
      `批次 ${id} 已由 ${user} 取消：${cancelled} 笔未发送。`,
  },
};

/** The command of one action (the dispatcher passes the arguments after its name). */
export function runAction(action: keyof typeof OPERATIONS) {
  return async (argv: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const lang = resolveLang(values['lang'], io.env);
    const batchId = batchIdOf(positionals);
    requireUser(values);
    const reason = typeof values['reason'] === 'string' ? values['reason'] : undefined;
    if (action === 'reject' && !reason?.trim())
      throw new UsageError('--reason TEXT is required: the importer reads it.');
    if (action !== 'reject' && reason !== undefined) throw new UsageError('--reason is only for reject.');
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required' },
      async ({ runtime, caller, user: signedIn }) => {
        const input = action === 'reject' ? { batchId, reason: reason ?? '' } : { batchId };
        const { batch, cancelled_payouts } = valueOf(
          io,
          await runtime.app.call(OPERATIONS[action], input as never, caller),
          false,
        );
        const words = DONE[lang];
        const user = signedIn ?? '';
        line(
          io.stdout,
          action === 'approve'
            ? words.approve(batchId, user, batch.payout_count, formatFen(batch.total_fen))
            : action === 'cancel'
              ? words.cancel(batchId, user, cancelled_payouts)
              : words[action](batchId, user),
        );
        return 0;
      },
    );
  };
}
