/** `cup-payouts status BATCH …`: counts, sums and every payout's status; unpaid payouts with a plain reason. */
import { batchIdOf, parseCommandArgs, resolveLang } from '../args.js';
import { valueOf } from '../failure.js';
import type { CliIo } from '../io.js';
import { withSession } from '../session.js';
import { printReports } from './statusPrinter.js';

const OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const batchId = batchIdOf(positionals);
  const json = values['json'] === true;
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'optional' },
    async ({ runtime, caller }) => {
      const report = valueOf(io, await runtime.app.call('batchStatus', { batchId }, caller), json);
      printReports(io, [report], { json, lang });
      return 0;
    },
  );
}
