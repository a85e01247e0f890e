/**
 * `cup-payouts banks list|refresh|show …`: the shipped bank tables (no database needed), and the provider's
 * bank list per method, diffed against the shipped table and stored with its date. Validation keeps using
 * the shipped tables.
 */
import type { BankListDiffView, MethodId, ShippedBankTableView } from '../../contract/records.js';
import type { Lang } from '../../core/types.js';
import { METHOD_IDS } from '../../core/types.js';
import {
  noPositionals,
  parseCommandArgs,
  requireOne,
  requireUser,
  resolveLang,
  UsageError,
  type Values,
} from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { formatTable } from '../report.js';
import { withSession } from '../session.js';
import { GATE_OPTIONS, sendingOverrides } from './gateOptions.js';

const REFRESH_OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
  ...GATE_OPTIONS,
} as const;

const LIST_OPTIONS = {
  method: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const SHOW_OPTIONS = {
  db: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'list') return list(rest, io);
  if (subcommand === 'refresh') return refresh(rest, io);
  if (subcommand === 'show') return show(rest, io);
  throw new UsageError('banks needs a subcommand: list, refresh or show.');
}

function methodsOf(values: Values, positionals: string[]): MethodId[] {
  noPositionals(positionals);
  const method = requireOne(values['method'], ['all', ...METHOD_IDS] as const, '--method');
  return method === undefined || method === 'all' ? [...METHOD_IDS] : [method];
}

/**
 * Prints the shipped table of each method: ID, English and Chinese name, and whether the entry is a region
 * name. Reads no database, not even one CUP_PAYOUTS_DB names.
 */
async function list(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, LIST_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const methods = methodsOf(values, positionals);
  const json = values['json'] === true;
  const noDatabase = { ...io, env: { ...io.env, CUP_PAYOUTS_DB: undefined } };
  return withSession(noDatabase, { values, lang, use: 'optional' }, async ({ runtime, caller }) => {
    const tables = valueOf(io, await runtime.app.call('bankTables', { methods }, caller), json);
    if (json) printJson(io, tables);
    else printTables(io, tables.methods, lang);
    return 0;
  });
}

const LIST_WORDS: Record<
  Lang,
  { title: (method: string, count: number) => string; columns: string[]; region: string }
> = {
  en: {
    title: (method, count) => `${method}: ${count} banks (shipped table)`,
    columns: ['ID', 'Name', 'Chinese name', 'Note'],
    region: 'region name, not a bank',
  },
  'zh-CN': {
    title: (method, count) => `${method}：${count} 家银行（程序自带列表）`,
    columns: ['ID', '英文名称', '中文名称', '备注'],
    region: '地区名称，并非银行',
  },
};

function printTables(io: CliIo, tables: ShippedBankTableView[], lang: Lang): void {
  const words = LIST_WORDS[lang];
  tables.forEach(({ method, banks }, index) => {
    if (index > 0) line(io.stdout);
    line(io.stdout, words.title(method, banks.length));
    const rows = banks.map((bank) => [
      String(bank.id),
      bank.name,
      bank.name_zh ?? '—',
      bank.looks_like_region ? words.region : '',
    ]);
    for (const text of formatTable(words.columns, rows, [true])) line(io.stdout, text.trimEnd());
  });
}

/** Fetches each method's list from the chosen Gate; exit 1 when a list could not be fetched. */
async function refresh(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, REFRESH_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const methods = methodsOf(values, positionals);
  requireUser(values);
  const json = values['json'] === true;
  const sending = sendingOverrides(values);
  return withSession(
    io,
    { values, lang, use: 'existing', sending, identity: 'required', json },
    async ({ runtime, caller }) => {
      const result = valueOf(io, await runtime.app.call('refreshBanks', { methods }, caller), json);
      for (const { method, detail } of result.failed)
        line(io.stderr, `${method}: the bank list could not be fetched (${detail}). Nothing was stored.`);
      if (json) {
        printJson(io, {
          methods: result.methods.map(({ method, fetched_at, count, diff }) => ({
            method,
            fetched_at,
            count,
            diff,
          })),
          failed: result.failed,
        });
      } else {
        for (const summary of result.methods) printSummary(io, summary, `from Gate (${result.environment})`);
        const skipped = result.methods.reduce((sum, m) => sum + m.skipped, 0);
        if (skipped > 0)
          line(io.stdout, `${skipped} listed items had no usable id or name and were left out.`);
        if (result.methods.length > 0)
          line(
            io.stdout,
            'Validation keeps using the shipped tables; the fetched lists are stored for review.',
          );
      }
      return result.failed.length === 0 ? 0 : 1;
    },
  );
}

/** Prints the newest stored list of each method; exit 1 when a method has none. */
async function show(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, SHOW_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const methods = methodsOf(values, positionals);
  const json = values['json'] === true;
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const { lists, missing } = valueOf(io, await runtime.app.call('fetchedBanks', { methods }, caller), json);
    if (json) {
      printJson(io, { methods: lists, missing });
    } else {
      for (const method of methods) {
        const list = lists.find((l) => l.method === method);
        if (!list) line(io.stdout, `${method}: no bank list stored yet (run \`cup-payouts banks refresh\`).`);
        else printSummary(io, list, `from Gate (${list.environment}), fetched by ${list.fetched_by}`);
      }
    }
    return missing.length === 0 ? 0 : 1;
  });
}

function printSummary(
  io: CliIo,
  {
    method,
    fetched_at,
    count,
    diff,
  }: { method: string; fetched_at: string; count: number; diff: BankListDiffView },
  origin: string,
): void {
  const { added, removed, renamed } = diff;
  const changes = added.length + removed.length + renamed.length;
  const verdict =
    changes === 0
      ? 'same as the shipped table'
      : `${added.length} added, ${removed.length} removed, ${renamed.length} renamed against the shipped table`;
  line(io.stdout, `${method}: ${count} banks ${origin} at ${fetched_at}; ${verdict}.`);
  for (const bank of added) line(io.stdout, `  added    ${String(bank.id).padEnd(7)} ${bank.name}`);
  for (const bank of removed) line(io.stdout, `  removed  ${String(bank.id).padEnd(7)} ${bank.name}`);
  for (const bank of renamed)
    line(io.stdout, `  renamed  ${String(bank.id).padEnd(7)} ${bank.from} → ${bank.to}`);
}
