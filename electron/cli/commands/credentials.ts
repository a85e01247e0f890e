/**
 * `cup-payouts credentials set|show|delete …`: the production project id and secret key (`--provider
 * ecommpay`, the default), the Computop merchant's HMAC and Blowfish passwords (`--provider computop`, one per
 * line), the Data API's token and secret (`--provider data-api`, one per line). Secrets come from stdin only (argv is visible to other users in `ps`) and is never printed; a stray argument is never
 * echoed either (it may be a key pasted in the wrong place).
 * Exit 0 done; 1 nothing stored (show, delete); 2 usage, missing passphrase, locked credentials, bad input.
 */
import type { CredentialsStatus, ProviderCredentialsStatus, SecretProvider } from '../../contract/records.js';
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
import { Failure, valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';

/** A secret key is tens of characters; more than this on stdin is a mistake (a wrong file piped in). */
const MAX_STDIN_BYTES = 4096;

const COMMON: Options = { db: { type: 'string' } };
const PROVIDER: Options = { provider: { type: 'string' } };
const SUBCOMMAND_OPTIONS: Record<string, Options> = {
  set: {
    ...COMMON,
    ...PROVIDER,
    user: { type: 'string' },
    'project-id': { type: 'string' },
    'merchant-id': { type: 'string' },
  },
  show: { ...COMMON, ...PROVIDER, json: { type: 'boolean' } },
  delete: { ...COMMON, ...PROVIDER, user: { type: 'string' } },
};

/** --provider as given on the command line → the provider the application layer knows; null: ecommpay. */
function providerOf(values: Values): SecretProvider | null {
  const given = values['provider'];
  if (given === undefined || given === 'ecommpay') return null;
  if (given === 'computop') return 'computop';
  if (given === 'data-api' || given === 'data_api') return 'data_api';
  throw new UsageError(`--provider must be ecommpay, computop or data-api, not "${String(given)}".`);
}

const MESSAGES = {
  en: {
    unknownSubcommand: 'credentials needs a subcommand: set, show or delete.',
    needsMerchantId: '--merchant-id ID is required for --provider computop.',
    twoLines: (provider: SecretProvider): string =>
      provider === 'computop'
        ? 'Give the HMAC password and then the Blowfish password on standard input, one per line. Nothing was stored.'
        : 'Give the Data API token and then its secret on standard input, one per line. Nothing was stored.',
    providerSaved: (provider: SecretProvider, id: string | null): string =>
      provider === 'computop'
        ? `Computop credentials of merchant ${id ?? ''} saved, encrypted.`
        : 'Data API credentials saved, encrypted.',
    providerShown: (provider: SecretProvider, id: string | null, at: string, by: string): string =>
      `${provider === 'computop' ? `Computop merchant ${id ?? ''}` : 'Data API'}: stored (updated ${at} by ${by}).`,
    providerNone: (provider: SecretProvider): string =>
      provider === 'computop' ? 'No Computop credentials are stored.' : 'No Data API credentials are stored.',
    providerDeleted: (provider: SecretProvider): string =>
      provider === 'computop' ? 'Computop credentials deleted.' : 'Data API credentials deleted.',
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
    needsMerchantId: '--provider computop 需要 --merchant-id ID。',
    twoLines: (provider: SecretProvider): string =>
      provider === 'computop'
        ? '请在标准输入中依次给出 HMAC 密码和 Blowfish 密码，每行一个。未保存任何内容。'
        : '请在标准输入中依次给出 Data API 令牌及其密钥，每行一个。未保存任何内容。',
    providerSaved: (provider: SecretProvider, id: string | null): string =>
      provider === 'computop'
        ? `已加密保存商户 ${id ?? ''} 的 Computop 凭据。`
        : '已加密保存 Data API 凭据。',
    providerShown: (provider: SecretProvider, id: string | null, at: string, by: string): string =>
      `${provider === 'computop' ? `Computop 商户 ${id ?? ''}` : 'Data API'}：已存储（${at}，由 ${by} 更新）。`,
    providerNone: (provider: SecretProvider): string =>
      provider === 'computop' ? '未存储 Computop 凭据。' : '未存储 Data API 凭据。',
    providerDeleted: (provider: SecretProvider): string =>
      provider === 'computop' ? '已删除 Computop 凭据。' : '已删除 Data API 凭据。',
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
  const provider = providerOf(values);
  if (provider !== null) {
    if (subcommand === 'set') return setProvider(provider, values, lang, m, io);
    if (subcommand === 'show') return showProvider(provider, values, lang, m, io);
    return removeProvider(provider, values, lang, m, io);
  }
  if (subcommand === 'set') return set(values, lang, m, io);
  if (subcommand === 'show') return show(values, lang, m, io);
  return remove(values, lang, io, m);
}

async function set(values: Values, lang: Lang, m: Messages, io: CliIo): Promise<number> {
  requireUser(values);
  const projectId = parseProjectId(values['project-id'], m);
  if (io.stdin.isTTY) refuse(io, m.stdinIsTerminal);
  const secretKey = await readSecretKey(io, m);
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required' },
    async ({ runtime, caller }) => {
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
    },
  );
}

async function show(values: Values, lang: Lang, m: Messages, io: CliIo): Promise<number> {
  const json = values['json'] === true;
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional', json },
    async ({ runtime, caller }) => {
      const status = valueOf(
        io,
        await runtime.app.call('credentialsStatus', { environment: 'production' }, caller),
        json,
      );
      if (json) printJson(io, status);
      else line(io.stdout, status.stored ? formatStatus(status, m) : m.noneStored);
      return status.stored ? 0 : 1;
    },
  );
}

async function remove(values: Values, lang: Lang, io: CliIo, m: Messages): Promise<number> {
  requireUser(values);
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required' },
    async ({ runtime, caller }) => {
      const { deleted } = valueOf(
        io,
        await runtime.app.call('deleteCredentials', { environment: 'production' }, caller),
        false,
      );
      line(io.stdout, deleted ? m.deleted : m.noneStored);
      return deleted ? 0 : 1;
    },
  );
}

/** The secrets of another provider: two lines on stdin (passwords, or token and secret). */
async function setProvider(
  provider: SecretProvider,
  values: Values,
  lang: Lang,
  m: Messages,
  io: CliIo,
): Promise<number> {
  requireUser(values);
  const merchantId = typeof values['merchant-id'] === 'string' ? values['merchant-id'].trim() : '';
  if (provider === 'computop' && merchantId === '') throw new UsageError(m.needsMerchantId);
  if (io.stdin.isTTY) refuse(io, m.stdinIsTerminal);
  const lines = (await readSecretKey(io, m)).split(/\r?\n/);
  if (lines.length !== 2 || lines.some((text) => text === '')) refuse(io, m.twoLines(provider));
  const [first, second] = lines as [string, string];
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required' },
    async ({ runtime, caller }) => {
      const result =
        provider === 'computop'
          ? await runtime.app.call(
              'setComputopCredentials',
              { merchantId, hmacPassword: first, blowfishPassword: second, replace: true },
              caller,
            )
          : await runtime.app.call(
              'setDataApiCredentials',
              { token: first, secret: second, replace: true },
              caller,
            );
      const safeIo = {
        ...io,
        stderr: { write: (text: string) => io.stderr.write(redactSecrets(text, [first, second])) },
      };
      const status = valueOf(safeIo, result, false);
      line(io.stdout, m.providerSaved(provider, status.public_id ?? null));
      return 0;
    },
  );
}

async function showProvider(
  provider: SecretProvider,
  values: Values,
  lang: Lang,
  m: Messages,
  io: CliIo,
): Promise<number> {
  const json = values['json'] === true;
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional', json },
    async ({ runtime, caller }) => {
      const all = valueOf(io, await runtime.app.call('providerCredentialsStatus', undefined, caller), json);
      const status = all.find((entry) => entry.provider === provider) as ProviderCredentialsStatus;
      if (json) printJson(io, status);
      else
        line(
          io.stdout,
          status.stored
            ? m.providerShown(
                provider,
                status.public_id ?? null,
                status.updated_at ?? '',
                status.updated_by ?? '',
              )
            : m.providerNone(provider),
        );
      return status.stored ? 0 : 1;
    },
  );
}

async function removeProvider(
  provider: SecretProvider,
  values: Values,
  lang: Lang,
  m: Messages,
  io: CliIo,
): Promise<number> {
  requireUser(values);
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required' },
    async ({ runtime, caller }) => {
      const { deleted } = valueOf(
        io,
        await runtime.app.call('deleteProviderCredentials', { provider }, caller),
        false,
      );
      line(io.stdout, deleted ? m.providerDeleted(provider) : m.providerNone(provider));
      return deleted ? 0 : 1;
    },
  );
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
