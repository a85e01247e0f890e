/** `cup-payouts import FILE …`: stores a payout file as one draft batch, all rows or none. */
import { formatFen } from '../../core/money.js';
import { requireUser } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { cliMessages } from '../messages.js';
import { progressMode, progressPrinter } from '../progress.js';
import { printHumanReport } from '../report.js';
import { withSession } from '../session.js';
import { parseIntakeArgs, readInputFile } from './intakeOptions.js';

const OPTIONS = {
  user: { type: 'string' },
  'drop-errors': { type: 'boolean' },
  'allow-duplicate-file': { type: 'boolean' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, lang, filePath, request, json } = parseIntakeArgs(argv, OPTIONS, io);
  requireUser(values);
  const progress = progressPrinter(progressMode(values, io), io, lang);
  const file = readInputFile(filePath, lang, io);
  return withSession(
    io,
    { values, lang, use: 'existing', identity: 'required', json },
    async ({ runtime, caller }) => {
      const unsubscribe = runtime.events.subscribe(progress.onEvent);
      const result = await runtime.app.call(
        'importFile',
        {
          ...request,
          file,
          // The human report lists the rows with issues; --json keeps its documented shape.
          rows: json ? 'none' : 'problems',
          previewRows: 0,
          dropErrors: values['drop-errors'] === true,
          allowDuplicateFile: values['allow-duplicate-file'] === true,
        },
        caller,
      );
      unsubscribe();
      progress.done();
      const report = valueOf(io, result, json);
      if (json) {
        printJson(io, report);
      } else {
        const m = cliMessages(lang);
        printHumanReport({ ...report, rows: report.rows ?? [] }, lang, (text) => line(io.stdout, text));
        line(io.stdout);
        if (report.stored && report.batch_id !== null) {
          line(
            io.stdout,
            m.stored(report.batch_id, report.stored.payouts, formatFen(report.stored.total_fen)),
          );
          if (report.summary.errors > 0) line(io.stdout, m.droppedRows(report.summary.errors));
        } else if (report.refused) line(io.stderr, report.refused.message);
      }
      return report.stored ? 0 : 1;
    },
  );
}
