import { existsSync } from 'node:fs';
import {
  CredentialsError,
  PASSPHRASE_ENV,
  describeCredentials,
  deleteCredentials,
  loadCredentials,
  passphraseCipher,
  passphraseFromEnv,
  safeErrorMessage,
  saveCredentials,
  type CredentialsSummary,
  type SecretCipher,
} from '../../core/credentials/index.js';
import { openDatabase, type Database } from '../../core/store/database.js';
import { StoreError } from '../../core/store/errors.js';
import type { Lang } from '../../core/types.js';
import { parseCommandArgs, resolveLang, UsageError, type Options } from '../args.js';

export const CREDENTIALS_USAGE = `  credentials set --db PATH --user NAME --project-id N    (secret key on stdin; passphrase in ${PASSPHRASE_ENV})
  credentials show --db PATH [--json]
  credentials delete --db PATH --user NAME
  (all take [--lang en|zh-CN]; exit 0 done, 1 nothing stored, 2 unusable command, passphrase or data)`;

/** Where the command reads and writes; injectable so tests can feed stdin and capture output. */
export interface CredentialsIo {
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

const ENVIRONMENT = 'production';
/** A secret key is tens of characters; more than this on stdin is a mistake (a wrong file piped in). */
const MAX_STDIN_BYTES = 4096;

const COMMON: NonNullable<Options> = { db: { type: 'string' }, lang: { type: 'string' } };
const SUBCOMMAND_OPTIONS: Record<string, NonNullable<Options>> = {
  set: { ...COMMON, user: { type: 'string' }, 'project-id': { type: 'string' } },
  show: { ...COMMON, json: { type: 'boolean' } },
  delete: { ...COMMON, user: { type: 'string' } },
};

/** A refusal already explained to the user in their language; carries the exit code. */
class Refusal extends Error {
  constructor(readonly exitCode: number) {
    super('refused');
  }
}

interface Context {
  io: CredentialsIo;
  lang: Lang;
  m: Messages;
  /** Values to redact from anything printed: the passphrase, and the secret key once read. */
  secrets: string[];
}

/**
 * `cup-payouts credentials set|show|delete …`: the Gate project id and secret key of production.
 * The secret key comes from stdin only (argv is visible to other users in `ps`) and is never printed.
 * Exit 0 done; 1 nothing stored (show, delete); 2 usage, missing passphrase, locked credentials, bad input.
 */
export async function runCredentials(argv: string[], io: Partial<CredentialsIo> = {}): Promise<number> {
  const fullIo: CredentialsIo = {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
  };
  const ctx: Context = {
    io: fullIo,
    lang: 'en',
    m: MESSAGES.en,
    secrets: [fullIo.env[PASSPHRASE_ENV] ?? ''],
  };
  try {
    ctx.lang = resolveLang(undefined, fullIo.env);
    ctx.m = MESSAGES[ctx.lang];
    const [subcommand = '', ...rest] = argv;
    if (subcommand === 'help' || subcommand === '--help' || subcommand === '-h') {
      fullIo.stdout.write(`${ctx.m.usageTitle}\n${CREDENTIALS_USAGE}\n`);
      return 0;
    }
    const options = SUBCOMMAND_OPTIONS[subcommand];
    if (!options) throw new UsageError(ctx.m.unknownSubcommand);
    const { values, positionals } = parseCommandArgs(rest, options);
    ctx.lang = resolveLang(stringValue(values['lang']), fullIo.env);
    ctx.m = MESSAGES[ctx.lang];
    // Never echo a stray argument: it may be a secret key pasted in the wrong place.
    if (positionals.length > 0) throw new UsageError(ctx.m.unexpectedArgument);

    if (subcommand === 'set') return await runSet(values, ctx);
    if (subcommand === 'show') return runShow(values, ctx);
    return runDelete(values, ctx);
  } catch (err) {
    return reportError(err, ctx);
  }
}

/** Parsed option values (no option here is `multiple`, so never an array in practice). */
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

async function runSet(values: Values, ctx: Context): Promise<number> {
  const { io, m } = ctx;
  const dbPath = requireDb(values, ctx);
  const user = requireUser(values, ctx);
  const projectId = parseProjectId(stringValue(values['project-id']), ctx);
  const cipher = passphraseCipher(passphraseFromEnv(io.env));

  if (io.stdin.isTTY) return refuse(ctx, m.stdinIsTerminal);
  const secretKey = await readSecretKey(io.stdin, ctx);
  ctx.secrets.push(secretKey);
  if (secretKey === '') return refuse(ctx, m.emptySecret);
  if (secretKey.trim() !== secretKey) return refuse(ctx, m.whitespaceSecret);

  withDatabase(dbPath, (db) => {
    assertReplaceable(db, cipher, ctx);
    saveCredentials(db, cipher, { environment: ENVIRONMENT, projectId, secretKey, user });
  });
  io.stdout.write(`${m.saved(projectId, cipher.kind)}\n`);
  return 0;
}

function runShow(values: Values, ctx: Context): number {
  const dbPath = requireExistingDb(values, ctx);
  const summary = withDatabase(dbPath, (db) => describeCredentials(db, ENVIRONMENT));
  if (values['json'] === true) {
    ctx.io.stdout.write(`${JSON.stringify(summaryToJson(summary))}\n`);
  } else {
    ctx.io.stdout.write(`${summary ? formatSummary(summary, ctx.m) : ctx.m.noneStored}\n`);
  }
  return summary ? 0 : 1;
}

function runDelete(values: Values, ctx: Context): number {
  const dbPath = requireExistingDb(values, ctx);
  const user = requireUser(values, ctx);
  const deleted = withDatabase(dbPath, (db) => deleteCredentials(db, ENVIRONMENT, user));
  ctx.io.stdout.write(`${deleted ? ctx.m.deleted : ctx.m.noneStored}\n`);
  return deleted ? 0 : 1;
}

/**
 * Replacing credentials this passphrase cannot open would silently switch them to another passphrase
 * (or away from the desktop app's key store): ask for an explicit `delete` first.
 */
function assertReplaceable(db: Database, cipher: SecretCipher, ctx: Context): void {
  try {
    loadCredentials(db, cipher, ENVIRONMENT);
  } catch (err) {
    if (err instanceof CredentialsError && err.code === 'CREDENTIALS_LOCKED') {
      refuse(ctx, ctx.m.cannotReplace);
    }
    throw err;
  }
}

function withDatabase<T>(dbPath: string, work: (db: Database) => T): T {
  const db = openDatabase(dbPath);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Reads all of stdin; drops one trailing line break (from `echo` or a file), nothing else. */
async function readSecretKey(stdin: CredentialsIo['stdin'], ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    chunks.push(bytes);
    if (size > MAX_STDIN_BYTES) break;
  }
  const bytes = Buffer.concat(chunks);
  chunks.forEach((chunk) => chunk.fill(0));
  try {
    if (size > MAX_STDIN_BYTES) return refuse(ctx, ctx.m.stdinTooLarge(MAX_STDIN_BYTES));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refuse(ctx, ctx.m.stdinNotUtf8);
    }
    return text.replace(/\r?\n$/, '');
  } finally {
    bytes.fill(0);
  }
}

function requireDb(values: Values, ctx: Context): string {
  const dbPath = stringValue(values['db'])?.trim();
  if (!dbPath) throw new UsageError(ctx.m.needsDb);
  return dbPath;
}

/** show and delete must not create an empty database at a mistyped path. */
function requireExistingDb(values: Values, ctx: Context): string {
  const dbPath = requireDb(values, ctx);
  if (dbPath !== ':memory:' && !existsSync(dbPath)) return refuse(ctx, ctx.m.noDatabase(dbPath));
  return dbPath;
}

function requireUser(values: Values, ctx: Context): string {
  const user = stringValue(values['user'])?.trim();
  if (!user) throw new UsageError(ctx.m.needsUser);
  return user;
}

function parseProjectId(text: string | undefined, ctx: Context): number {
  if (text === undefined) throw new UsageError(ctx.m.needsProjectId);
  const value = Number(text.trim());
  if (!/^[1-9]\d*$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(ctx.m.badProjectId);
  }
  return value;
}

function stringValue(value: Values[string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Prints a localized refusal and throws it, so every caller stops with exit code 2. */
function refuse(ctx: Context, message: string): never {
  ctx.io.stderr.write(`${message}\n`);
  throw new Refusal(2);
}

function reportError(err: unknown, ctx: Context): number {
  if (err instanceof Refusal) return err.exitCode;
  const { m } = ctx;
  let message: string;
  if (err instanceof UsageError) message = `${err.message}\n\n${m.usageTitle}\n${CREDENTIALS_USAGE}`;
  else if (err instanceof CredentialsError) message = m.credentialsError[err.code] ?? err.message;
  else if (err instanceof StoreError) message = err.message;
  else message = m.failed(safeErrorMessage(err, ctx.secrets));
  // Redact once more at the very end: no path above may print a secret, even by accident.
  ctx.io.stderr.write(`${safeErrorMessage(message, ctx.secrets)}\n`);
  return 2;
}

function summaryToJson(summary: CredentialsSummary | null) {
  if (!summary) return { environment: ENVIRONMENT, stored: false };
  return {
    environment: summary.environment,
    stored: true,
    project_id: summary.projectId,
    cipher_kind: summary.cipherKind,
    updated_at: summary.updatedAt,
    updated_by: summary.updatedBy,
  };
}

function formatSummary(summary: CredentialsSummary, m: Messages): string {
  const [environment, project, cipher, updated] = m.labels;
  return [
    `${environment}: ${summary.environment}`,
    `${project}: ${summary.projectId}`,
    `${cipher}: ${summary.cipherKind}`,
    `${updated}: ${m.updatedBy(summary.updatedAt, summary.updatedBy)}`,
  ].join('\n');
}

interface Messages {
  usageTitle: string;
  unknownSubcommand: string;
  unexpectedArgument: string;
  needsDb: string;
  needsUser: string;
  needsProjectId: string;
  badProjectId: string;
  noDatabase: (path: string) => string;
  stdinIsTerminal: string;
  stdinTooLarge: (max: number) => string;
  stdinNotUtf8: string;
  emptySecret: string;
  whitespaceSecret: string;
  cannotReplace: string;
  saved: (projectId: number, kind: string) => string;
  deleted: string;
  noneStored: string;
  labels: readonly [string, string, string, string];
  updatedBy: (at: string, by: string) => string;
  failed: (message: string) => string;
  credentialsError: Partial<Record<CredentialsError['code'], string>>;
}

const MESSAGES: Record<Lang, Messages> = {
  en: {
    usageTitle: 'Usage:',
    unknownSubcommand: 'credentials needs a subcommand: set, show or delete.',
    unexpectedArgument:
      'credentials takes no positional arguments. The secret key is read from standard input, never from the command line.',
    needsDb: 'credentials needs --db PATH.',
    needsUser: 'credentials set/delete need --user NAME (recorded in the audit trail).',
    needsProjectId: 'credentials set needs --project-id N (the Gate project id).',
    badProjectId: '--project-id must be a positive whole number.',
    noDatabase: (path) => `There is no database at ${path}.`,
    stdinIsTerminal:
      'Pipe the secret key on standard input, e.g. `cup-payouts credentials set … < secret-key.txt`. ' +
      'It is never read from the command line, where other users of this computer could see it.',
    stdinTooLarge: (max) => `Standard input holds more than ${max} bytes; it must hold only the secret key.`,
    stdinNotUtf8: 'The secret key on standard input is not valid UTF-8 text.',
    emptySecret: 'The secret key on standard input is empty; nothing was stored.',
    whitespaceSecret:
      'The secret key starts or ends with spaces or line breaks; copy it again exactly. Nothing was stored.',
    cannotReplace:
      'Credentials are already stored and this passphrase cannot open them, so they were not replaced. ' +
      'If they really should be replaced, run `credentials delete` first.',
    saved: (projectId, kind) =>
      `Stored the production credentials for project ${projectId} (encrypted: ${kind}).`,
    deleted: 'Deleted the production credentials.',
    noneStored: 'No production credentials are stored.',
    labels: ['Environment', 'Project id', 'Encryption', 'Updated'],
    updatedBy: (at, by) => `${at} by ${by}`,
    failed: (message) => `cup-payouts credentials failed: ${message}`,
    credentialsError: {
      CREDENTIALS_LOCKED:
        'The stored credentials cannot be decrypted: the passphrase is wrong or the stored data was altered.',
      PASSPHRASE_MISSING: `Set ${PASSPHRASE_ENV} to the passphrase that encrypts the stored credentials.`,
    },
  },
  'zh-CN': {
    usageTitle: '用法：',
    unknownSubcommand: 'credentials 需要子命令：set、show 或 delete。',
    unexpectedArgument: 'credentials 不接受位置参数。密钥只从标准输入读取，绝不从命令行读取。',
    needsDb: 'credentials 需要 --db PATH。',
    needsUser: 'credentials set/delete 需要 --user NAME（记入审计日志）。',
    needsProjectId: 'credentials set 需要 --project-id N（Gate 项目 ID）。',
    badProjectId: '--project-id 必须是正整数。',
    noDatabase: (path) => `${path} 处没有数据库。`,
    stdinIsTerminal:
      '请通过标准输入传入密钥，例如 `cup-payouts credentials set … < secret-key.txt`。' +
      '密钥绝不从命令行读取，因为本机其他用户可以看到命令行参数。',
    stdinTooLarge: (max) => `标准输入超过 ${max} 字节；其中只应包含密钥。`,
    stdinNotUtf8: '标准输入中的密钥不是有效的 UTF-8 文本。',
    emptySecret: '标准输入中的密钥为空；未保存任何内容。',
    whitespaceSecret: '密钥首尾含有空格或换行；请重新准确复制。未保存任何内容。',
    cannotReplace: '已存储的凭据无法用此口令解密，因此未替换。如确需替换，请先运行 `credentials delete`。',
    saved: (projectId, kind) => `已保存项目 ${projectId} 的生产环境凭据（加密方式：${kind}）。`,
    deleted: '已删除生产环境凭据。',
    noneStored: '未存储生产环境凭据。',
    labels: ['环境', '项目 ID', '加密方式', '更新'],
    updatedBy: (at, by) => `${at}，由 ${by}`,
    failed: (message) => `cup-payouts credentials 执行失败：${message}`,
    credentialsError: {
      CREDENTIALS_LOCKED: '无法解密已存储的凭据：口令错误，或存储的数据已被篡改。',
      PASSPHRASE_MISSING: `请设置 ${PASSPHRASE_ENV} 为加密凭据所用的口令。`,
    },
  },
};
