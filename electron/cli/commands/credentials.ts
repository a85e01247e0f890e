/**
 * `cup-payouts credentials set|show|delete …`: the production project id and secret key. The secret key comes
 * from stdin only (argv is visible to other users in `ps`) and is never printed; a stray argument is never
 * echoed either (it may be a key pasted in the wrong place).
 * Exit 0 done; 1 nothing stored (show, delete); 2 usage, missing passphrase, locked credentials, bad input.
 */
import type { CredentialsStatus } from '../../contract/records.js';
import { passphraseFromEnv } from '../../core/credentials/cipher.js';
import { redactSecrets } from '../../core/credentials/redact.js';
import type { Lang } from '../../core/types.js';
import {
  parseCommandArgs,
  requireUser,
  resolveLang,
  UsageError,
  type Options,
  type Values,
} from '../args.js';
import { Failure, printThrown, valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';

/** A secret key is tens of characters; more than this on stdin is a mistake (a wrong file piped in). */
const MAX_STDIN_BYTES = 4096;

const COMMON: Options = { db: { type: 'string' } };
const SUBCOMMAND_OPTIONS: Record<string, Options> = {
  set: { ...COMMON, user: { type: 'string' }, 'project-id': { type: 'string' } },
  show: { ...COMMON, json: { type: 'boolean' } },
  delete: { ...COMMON, user: { type: 'string' } },
};

const MESSAGES = {
  en: {
    unknownSubcommand: 'credentials needs a subcommand: set, show or delete.',
    unexpectedArgument:
      'credentials takes no positional arguments. The secret key is read from standard input, never from the command line.',
    needsProjectId: 'credentials set needs --project-id N (the Gate project id).',
    badProjectId: '--project-id must be a positive whole number.',
    stdinIsTerminal:
      'Pipe the secret key on standard input, e.g. `cup-payouts credentials set … < secret-key.txt`. ' +
      'It is never read from the command line, where other users of this computer could see it.',
    stdinTooLarge: (max: number) =>
      `Standard input holds more than ${max} bytes; it must hold only the secret key.`,
    stdinNotUtf8: 'The secret key on standard input is not valid UTF-8 text.',
    saved: (projectId: number, kind: string) =>
      `Stored the production credentials for project ${projectId} (encrypted: ${kind}).`,
    deleted: 'Deleted the production credentials.',
    noneStored: 'No production credentials are stored.',
    labels: ['Environment', 'Project id', 'Encryption', 'Updated'] as [string, string, string, string],
    updatedBy: (at: string, by: string) => `${at} by ${by}`,
  },
  'zh-CN': {
    unknownSubcommand: 'credentials 需要子命令：set、show 或 delete。',
    unexpectedArgument: 'credentials 不接受位置参数。密钥只从标准输入读取，绝不从命令行读取。',
    needsProjectId: 'credentials set 需要 --project-id N（Gate 项目 ID）。',
    badProjectId: '--project-id 必须是正整数。',
    stdinIsTerminal:
      '请通过标准输入传入密钥，例如 `cup-payouts credentials set … < secret-key.txt`。' +
      '密钥绝不从命令行读取，因为本机其他用户可以看到命令行参数。',
    stdinTooLarge: (max: number) => `标准输入超过 ${max} 字节；其中只应包含密钥。`,
    stdinNotUtf8: '标准输入中的密钥不是有效的 UTF-8 文本。',
    saved: (projectId: number, kind: string) =>
      `已保存项目 ${projectId} 的生产环境凭据（加密方式：${kind}）。`,
    deleted: '已删除生产环境凭据。',
    noneStored: '未存储生产环境凭据。',
    labels: ['环境', '项目 ID', '加密方式', '更新'] as [string, string, string, string],
    updatedBy: (at: string, by: string) => `${at}，由 ${by}`,
  },
};
type Messages = (typeof MESSAGES)['en'];

/** A refusal in the user's language, exit code 2; nothing secret is ever part of it. */
function refuse(io: CliIo, message: string): never {
  line(io.stderr, message);
  throw new Failure(2);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand = '', ...rest] = argv;
  const options = SUBCOMMAND_OPTIONS[subcommand];
  const envLang = resolveLang(undefined, io.env);
  if (!options) throw new UsageError(MESSAGES[envLang].unknownSubcommand);
  const { values, positionals } = parseCommandArgs(rest, options);
  const lang = resolveLang(values['lang'], io.env);
  const m: Messages = MESSAGES[lang];
  if (positionals.length > 0) throw new UsageError(m.unexpectedArgument);
  if (subcommand === 'set') return set(values, lang, m, io);
  if (subcommand === 'show') return show(values, lang, m, io);
  return remove(values, lang, io, m);
}

async function set(values: Values, lang: Lang, m: Messages, io: CliIo): Promise<number> {
  requireUser(values);
  const projectId = parseProjectId(values['project-id'], m);
  // Checked before anything is read or created: without the passphrase nothing can be sealed.
  try {
    passphraseFromEnv(io.env);
  } catch (err) {
    throw new Failure(printThrown(io, err, lang, false) ?? 2);
  }
  if (io.stdin.isTTY) refuse(io, m.stdinIsTerminal);
  const secretKey = await readSecretKey(io, m);
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const result = await runtime.app.call(
      'setCredentials',
      { environment: 'production', projectId, secretKey, replace: true },
      caller,
    );
    // Redacted once more at the very end: no path above may print the key, even by accident.
    const safeIo = {
      ...io,
      stderr: { write: (text: string) => io.stderr.write(redactSecrets(text, [secretKey])) },
    };
    const status = valueOf(safeIo, result, false);
    line(io.stdout, m.saved(status.project_id ?? projectId, status.cipher_kind ?? ''));
    return 0;
  });
}

async function show(values: Values, lang: Lang, m: Messages, io: CliIo): Promise<number> {
  const json = values['json'] === true;
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const status = valueOf(
      io,
      await runtime.app.call('credentialsStatus', { environment: 'production' }, caller),
      json,
    );
    if (json) printJson(io, status);
    else line(io.stdout, status.stored ? formatStatus(status, m) : m.noneStored);
    return status.stored ? 0 : 1;
  });
}

async function remove(values: Values, lang: Lang, io: CliIo, m: Messages): Promise<number> {
  requireUser(values);
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const { deleted } = valueOf(
      io,
      await runtime.app.call('deleteCredentials', { environment: 'production' }, caller),
      false,
    );
    line(io.stdout, deleted ? m.deleted : m.noneStored);
    return deleted ? 0 : 1;
  });
}

function parseProjectId(raw: unknown, m: Messages): number {
  if (raw === undefined) throw new UsageError(m.needsProjectId);
  const text = String(raw).trim();
  const value = Number(text);
  if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(value)) throw new UsageError(m.badProjectId);
  return value;
}

/** Reads all of stdin; drops one trailing line break (from `echo` or a file), nothing else. */
async function readSecretKey(io: CliIo, m: Messages): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    chunks.push(bytes);
    if (size > MAX_STDIN_BYTES) break;
  }
  const bytes = Buffer.concat(chunks);
  chunks.forEach((chunk) => chunk.fill(0));
  try {
    if (size > MAX_STDIN_BYTES) refuse(io, m.stdinTooLarge(MAX_STDIN_BYTES));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r?\n$/, '');
    } catch {
      return refuse(io, m.stdinNotUtf8);
    }
  } finally {
    bytes.fill(0);
  }
}

function formatStatus(status: CredentialsStatus, m: Messages): string {
  const [environment, project, cipher, updated] = m.labels;
  return [
    `${environment}: ${status.environment}`,
    `${project}: ${status.project_id}`,
    `${cipher}: ${status.cipher_kind}`,
    `${updated}: ${m.updatedBy(status.updated_at ?? '', status.updated_by ?? '')}`,
  ].join('\n');
}
