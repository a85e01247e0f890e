/**
 * `cup-payouts audit list|show|verify …`: the audit trail, oldest first, and the check of its chain.
 * `verify` exits 0 when every entry is intact, 1 with the first entry edited, inserted or deleted.
 */
import type { AuditVerification } from '../../contract/records.js';
import { integerOption, parseCommandArgs, resolveLang, UsageError } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, terminalSafe, type CliIo } from '../io.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  batch: { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  // A filter here: whose entries to list (listing acts as nobody).
  user: { type: 'string' },
  action: { type: 'string' },
} as const;

const WORDS = {
  en: {
    subcommand: 'audit needs a subcommand: list, verify (or show, the same as list).',
    intact: (v: Extract<AuditVerification, { ok: true }>) =>
      `Audit trail intact: ${v.entries} entries${v.last_id !== null ? `, last #${v.last_id}, head ${v.head}` : ''}. Keep the head elsewhere: entries deleted from the end are found by comparing it.`,
    broken: (v: Extract<AuditVerification, { ok: false }>) =>
      `Audit trail broken at entry #${v.broken.id}: ${REASONS_EN[v.broken.reason]} (${v.entries} entries before it verify).`,
  },
  'zh-CN': {
    subcommand: 'audit 需要子命令：list、verify（show 同 list）。',
    intact: (v: Extract<AuditVerification, { ok: true }>) =>
      `审计日志完整：共 ${v.entries} 条${v.last_id !== null ? `，最后一条 #${v.last_id}，链头 ${v.head}` : ''}。请另行保存链头：末尾被删除的条目可通过比对发现。`,
    broken: (v: Extract<AuditVerification, { ok: false }>) =>
      `审计日志在第 #${v.broken.id} 条处断裂：${REASONS_ZH[v.broken.reason]}（此前 ${v.entries} 条校验通过）。`,
  },
};

const REASONS_EN = {
  altered: 'the entry was edited, or inserted with a forged seal',
  missing_before: 'entries before it were deleted',
  out_of_order: 'entries are out of order',
  unsealed: 'the entry carries no seal (inserted by hand)',
};
const REASONS_ZH = {
  altered: '该条目被修改，或以伪造的签名插入',
  missing_before: '其之前的条目被删除',
  out_of_order: '条目顺序被打乱',
  unsealed: '该条目没有签名（手工插入）',
};

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  if (subcommand === 'verify') {
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'none', json },
      async ({ runtime, caller }) => {
        const result = valueOf(io, await runtime.app.call('verifyAudit', undefined, caller), json);
        if (json) printJson(io, result);
        else if (result.ok) line(io.stdout, WORDS[lang].intact(result));
        else line(io.stdout, WORDS[lang].broken(result));
        return result.ok ? 0 : 1;
      },
    );
  }
  if (subcommand !== 'list' && subcommand !== 'show') throw new UsageError(WORDS[lang].subcommand);
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const input = {
    batchId: integerOption(values, 'batch', 1),
    offset: integerOption(values, 'offset', 0),
    limit: integerOption(values, 'limit', 1),
    from: text('from'),
    to: text('to'),
    user: text('user'),
    action: text('action'),
  };
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'none', json },
    async ({ runtime, caller }) => {
      const entries = valueOf(io, await runtime.app.call('auditTrail', input, caller), json);
      if (json) printJson(io, { entries });
      else
        for (const entry of entries)
          line(
            io.stdout,
            terminalSafe(
              `${entry.at} ${entry.actor} ${entry.action}${entry.batch_id ? ` #${entry.batch_id}` : ''} ${JSON.stringify(entry.details)}`,
            ),
          );
      return 0;
    },
  );
}
