/** `cup-payouts validate FILE …`: checks a payout file without storing it. */
import { withSession } from '../session.js';
import { valueOf } from '../failure.js';
import { printJson, type CliIo } from '../io.js';
import { progressMode, progressPrinter } from '../progress.js';
import { printHumanReport } from '../report.js';
import { parseIntakeArgs, readInputFile } from './intakeOptions.js';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, lang, filePath, request, json } = parseIntakeArgs(argv, {}, io);
  const progress = progressPrinter(progressMode(values, io), io, lang);
  const file = readInputFile(filePath, lang, io);
  return withSession(io, { values, lang, use: 'optional' }, async ({ runtime, caller }) => {
    const unsubscribe = runtime.events.subscribe(progress.onEvent);
    const result = await runtime.app.call(
      'validateFile',
      // The human report lists only rows with issues; --json prints every row.
      { ...request, file, rows: json ? 'all' : 'problems', previewRows: 0 },
      caller,
    );
    unsubscribe();
    progress.done();
    const report = valueOf(io, result, json);
    if (json) printJson(io, { file: report.file, summary: report.summary, rows: report.rows });
    else printHumanReport(report, lang, (text) => io.stdout.write(`${text}\n`));
    return report.summary.errors > 0 ? 1 : 0;
  });
}
