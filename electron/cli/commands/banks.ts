/**
 * `cup-payouts banks refresh|show …`: the provider's bank list per method, diffed against the shipped table
 * and stored with its date. Validation keeps using the shipped tables.
 */
import type { BankListDiffView, MethodId } from '../../contract/records.js';
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
import { withSession } from '../session.js';
import { GATE_OPTIONS, sendingOverrides } from './gateOptions.js';

const REFRESH_OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
  ...GATE_OPTIONS,
} as const;

const SHOW_OPTIONS = {
  db: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'refresh') return refresh(rest, io);
  if (subcommand === 'show') return show(rest, io);
  throw new UsageError('banks needs a subcommand: refresh or show.');
}

function methodsOf(values: Values, positionals: string[]): MethodId[] {
  noPositionals(positionals);
  const method = requireOne(values['method'], ['all', ...METHOD_IDS] as const, '--method');
  return method === undefined || method === 'all' ? [...METHOD_IDS] : [method];
}

/** Fetches each method's list from the chosen Gate; exit 1 when a list could not be fetched. */
async function refresh(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, REFRESH_OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const methods = methodsOf(values, positionals);
  requireUser(values);
  const json = values['json'] === true;
  const sending = sendingOverrides(values);
  return withSession(io, { values, lang, use: 'existing', sending }, async ({ runtime, caller }) => {
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
      if (skipped > 0) line(io.stdout, `${skipped} listed items had no usable id or name and were left out.`);
      if (result.methods.length > 0)
        line(
          io.stdout,
          'Validation keeps using the shipped tables; the fetched lists are stored for review.',
        );
    }
    return result.failed.length === 0 ? 0 : 1;
  });
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
