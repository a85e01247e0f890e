/** `cup-payouts init` and `cup-payouts backup`: making a console database, and copying one safely. */
import { noPositionals, parseCommandArgs, resolveLang, UsageError } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';

const WORDS = {
  en: {
    ready: (path: string) => `Console database ready at ${path}.`,
    backedUp: (path: string, pages: number) =>
      `Backup written to ${path} (${pages} pages). To restore it: stop every console using the database, copy the backup over the database file, delete the -wal and -shm files beside it if they exist.`,
  },
  'zh-CN': {
    ready: (path: string) => `控制台数据库已就绪：${path}。`,
    backedUp: (path: string, pages: number) =>
      `备份已写入 ${path}（${pages} 页）。恢复方法：关闭所有使用该数据库的控制台，用备份文件覆盖数据库文件，如旁边有 -wal 和 -shm 文件请删除。`,
  },
};

/** `init --db PATH`: creates the database (or checks an existing one) and says where it is. */
export async function init(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  return withSession(io, { values, lang, use: 'create' }, async ({ runtime, caller }) => {
    const info = valueOf(io, await runtime.app.call('appInfo', undefined, caller), json);
    if (json) printJson(io, info);
    else line(io.stdout, WORDS[lang].ready(info.database_path ?? ''));
    return 0;
  });
}

/** `backup --db PATH --out FILE`: a consistent copy while the console may keep working. */
export async function backup(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    out: { type: 'string' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const destination = typeof values['out'] === 'string' ? values['out'] : '';
  if (destination.trim() === '') throw new UsageError('--out FILE is required: where the backup is written.');
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const result = valueOf(io, await runtime.app.call('backupDatabase', { destination }, caller), json);
    if (json) printJson(io, result);
    else line(io.stdout, WORDS[lang].backedUp(result.destination, result.pages));
    return 0;
  });
}
