/** `cup-payouts init` and `cup-payouts backup`: making a console database, and copying one safely. */
import { existsSync, rmSync } from 'node:fs';
import type { Lang } from '../../core/types.js';
import { noPositionals, parseCommandArgs, resolveLang, UsageError, type Values } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { readNewPassphrase, readNewPassword, readPassphrase } from '../secrets.js';
import { databasePathOf, withSession } from '../session.js';

const WORDS = {
  en: {
    ready: (path: string) => `Console database ready at ${path}.`,
    adminCreated: (name: string) =>
      `Admin ${name} created. The installation key is locked by the passphrase: keep it safe (CUP_PAYOUTS_PASSPHRASE); without it the data cannot be read.`,
    needsAdmin: 'This database has no account yet: give --admin NAME (the first admin).',
    askPassphrase: 'New passphrase for the console database (12+ characters): ',
    askExistingPassphrase: 'Passphrase of the console database: ',
    askPassword: (name: string) => `Password for ${name}: `,
    askAgain: 'Again: ',
    backedUp: (path: string, pages: number) =>
      `Backup written to ${path} (${pages} pages). To restore it: stop every console using the database, copy the backup over the database file, delete the -wal and -shm files beside it if they exist.`,
  },
  'zh-CN': {
    ready: (path: string) => `控制台数据库已就绪：${path}。`,
    adminCreated: (name: string) =>
      `已创建管理员 ${name}。安装密钥由口令保护：请妥善保管（CUP_PAYOUTS_PASSPHRASE），没有它数据无法读取。`,
    needsAdmin: '此数据库尚无账户：请用 --admin NAME 指定首个管理员。',
    askPassphrase: '控制台数据库的新口令（至少 12 个字符）：',
    askExistingPassphrase: '控制台数据库口令：',
    askPassword: (name: string) => `${name} 的密码：`,
    askAgain: '再输入一次：',
    backedUp: (path: string, pages: number) =>
      `备份已写入 ${path}（${pages} 页）。恢复方法：关闭所有使用该数据库的控制台，用备份文件覆盖数据库文件，如旁边有 -wal 和 -shm 文件请删除。`,
  },
};

/**
 * `init --db PATH --admin NAME`: creates the database, its installation key (locked by the passphrase) and
 * the first admin (password from CUP_NEW_PASSWORD or asked twice). On a database with accounts, without
 * --admin, it only checks that the database opens and says where it is.
 */
export async function init(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    admin: { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const words = WORDS[lang];
  const admin = typeof values['admin'] === 'string' ? values['admin'] : null;
  if (admin !== null && admin.trim() === '') throw new UsageError(words.needsAdmin);
  // Without --admin nothing is created: it only checks a database that has accounts.
  const use = admin === null ? 'existing' : 'create';
  const path = databasePathOf(values, use, io.env) as string;
  const isNew = path !== ':memory:' && !existsSync(path);
  if (admin === null && isNew) throw new UsageError(words.needsAdmin);
  try {
    return await initAt(io, { values, lang, use, json, admin });
  } catch (error) {
    // A refused init (a weak passphrase, no password, a bad name) leaves no half-made database behind.
    if (isNew) removeDatabaseFiles(path);
    throw error;
  }
}

function removeDatabaseFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}

async function initAt(
  io: CliIo,
  options: { values: Values; lang: Lang; use: 'create' | 'existing'; json: boolean; admin: string | null },
): Promise<number> {
  const { values, lang, use, json, admin } = options;
  const words = WORDS[lang];
  return withSession(io, { values, lang, use }, async ({ runtime, caller }) => {
    const info = valueOf(io, await runtime.app.call('appInfo', undefined, caller), json);
    const security = valueOf(io, await runtime.app.call('securityStatus', undefined, caller), json);
    if (admin === null) {
      if (!security.initialised) throw new UsageError(words.needsAdmin);
      if (json) printJson(io, { ...info, ...security });
      else line(io.stdout, words.ready(info.database_path ?? ''));
      return 0;
    }
    // A new key takes a new passphrase; an existing key is unlocked with its own.
    const passphrase =
      security.key === 'none'
        ? await readNewPassphrase(io, words.askPassphrase, words.askAgain)
        : await readPassphrase(io, words.askExistingPassphrase);
    const password = await readNewPassword(io, words.askPassword(admin), words.askAgain);
    const user = valueOf(
      io,
      await runtime.app.call('initialise', { admin, password, passphrase }, caller),
      json,
    );
    const after = valueOf(io, await runtime.app.call('securityStatus', undefined, caller), json);
    if (json) printJson(io, { ...info, ...after, admin: user });
    else {
      line(io.stdout, words.ready(info.database_path ?? ''));
      line(io.stdout, words.adminCreated(user.name));
    }
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
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required', json },
    async ({ runtime, caller }) => {
      const result = valueOf(io, await runtime.app.call('backupDatabase', { destination }, caller), json);
      if (json) printJson(io, result);
      else line(io.stdout, WORDS[lang].backedUp(result.destination, result.pages));
      return 0;
    },
  );
}
