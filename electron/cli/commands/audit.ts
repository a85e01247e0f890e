/** `cup-payouts audit show …`: the audit trail, oldest first. */
import { integerOption, parseCommandArgs, resolveLang, UsageError } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  batch: { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'show') throw new UsageError('audit needs a subcommand: show.');
  const { values, positionals } = parseCommandArgs(rest, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const input = {
    batchId: integerOption(values, 'batch', 1),
    offset: integerOption(values, 'offset', 0),
    limit: integerOption(values, 'limit', 1),
  };
  return withSession(io, { values, lang, use: 'existing' }, async ({ runtime, caller }) => {
    const entries = valueOf(io, await runtime.app.call('auditTrail', input, caller), json);
    if (json) printJson(io, { entries });
    else
      for (const entry of entries)
        line(
          io.stdout,
          `${entry.at} ${entry.actor} ${entry.action}${entry.batch_id ? ` #${entry.batch_id}` : ''} ${JSON.stringify(entry.details)}`,
        );
    return 0;
  });
}
