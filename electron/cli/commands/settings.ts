/** `cup-payouts settings show|set …`: the console's settings (where and how payouts are sent, limits). */
import type { Settings } from '../../contract/records.js';
import { settingFromText } from '../../core/app/settingsModel.js';
import { formatFen } from '../../core/money.js';
import { parseCommandArgs, requireUser, resolveLang, UsageError } from '../args.js';
import { printFailure, valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';
import { describeKnownError } from '../../core/app/errors.js';

const OPTIONS = { db: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'show' && subcommand !== 'set')
    throw new UsageError('settings needs a subcommand: show or set.');
  const { values, positionals } = parseCommandArgs(rest, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  if (subcommand === 'show') {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'optional', json },
      async ({ runtime, caller }) => {
        const settings = valueOf(io, await runtime.app.call('getSettings', undefined, caller), json);
        if (json) printJson(io, settings);
        else printSettings(io, settings);
        return 0;
      },
    );
  }
  const [key, value, ...extra] = positionals;
  if (key === undefined || value === undefined || extra.length > 0)
    throw new UsageError('Give KEY and VALUE.');
  requireUser(values);
  let changes;
  try {
    changes = settingFromText(key, value);
  } catch (err) {
    const known = describeKnownError(err, lang);
    if (!known) throw err;
    return printFailure(io, { code: known.code, message: known.message }, json);
  }
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required', json },
    async ({ runtime, caller }) => {
      const settings = valueOf(io, await runtime.app.call('changeSettings', { changes }, caller), json);
      if (json) printJson(io, settings);
      else printSettings(io, settings);
      return 0;
    },
  );
}

function printSettings(io: CliIo, s: Settings): void {
  const d = s.payout_defaults;
  const rows: Array<[string, string]> = [
    ['environment', s.environment],
    ['gate-url', s.production_gate_url ?? '(https://api.ecommpay.com)'],
    ['payout.ip', d.customer_ip],
    ['payout.city', d.city ?? ''],
    ['payout.zip', d.zip ?? ''],
    ['payout.street', d.street ?? ''],
    ['payout.email', d.email ?? ''],
    ['payout.description', d.description ?? ''],
    ['payout.phone', d.phone ?? ''],
    ['sending.concurrency', String(s.sending.concurrency)],
    ['sending.rate', String(s.sending.requests_per_second)],
    ['sending.timeout-ms', String(s.sending.timeout_ms)],
    ...Object.entries(s.limits).map(([method, limits]): [string, string] => [
      `limits.${method}`,
      `${formatFen(limits.min_fen)}-${formatFen(limits.max_fen)}`,
    ]),
    ['family-name-field', s.family_name_field],
    ['duplicate-window-days', String(s.duplicate_window_days)],
    ...Object.entries(s.pan_kind).map(([method, kind]): [string, string] => [`pan.${method}`, kind]),
  ];
  for (const [key, value] of rows) line(io.stdout, `${key.padEnd(20)} ${value}`);
}
