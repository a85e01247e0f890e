/** `cup-payouts validate FILE …`: checks a payout file without storing it. */
import { withSession } from '../session.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { progressMode, progressPrinter } from '../progress.js';
import { printHumanReport } from '../report.js';
import { parseIntakeArgs, readInputFile } from './intakeOptions.js';
import { integerOption } from '../args.js';
import type { Lang } from '../../core/types.js';
import type { RequestPreview } from '../../contract/records.js';

/** `--preview N`: the request bodies of the first N payable rows, as they would be sent. */
const PREVIEW_OPTION = { preview: { type: 'string' } } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, lang, filePath, request, json } = parseIntakeArgs(argv, PREVIEW_OPTION, io);
  const requestPreview = integerOption(values, 'preview', 1) ?? 0;
  const progress = progressPrinter(progressMode(values, io), io, lang);
  const file = readInputFile(filePath, lang, io);
  return withSession(io, { values, lang, use: 'optional', identity: 'none' }, async ({ runtime, caller }) => {
    const unsubscribe = runtime.events.subscribe(progress.onEvent);
    const result = await runtime.app.call(
      'validateFile',
      // The human report lists only rows with issues; --json prints every row.
      { ...request, file, rows: json ? 'all' : 'problems', previewRows: 0, requestPreview },
      caller,
    );
    unsubscribe();
    progress.done();
    const report = valueOf(io, result, json);
    if (json) {
      const requests = report.requests ? { requests: report.requests } : {};
      printJson(io, { file: report.file, summary: report.summary, rows: report.rows, ...requests });
    } else {
      printHumanReport(report, lang, (text) => line(io.stdout, text));
      for (const preview of report.requests ?? []) printRequestPreview(io, preview, lang);
    }
    return report.summary.errors > 0 ? 1 : 0;
  });
}

function printRequestPreview(io: CliIo, preview: RequestPreview, lang: Lang): void {
  line(io.stdout);
  line(
    io.stdout,
    lang === 'zh-CN'
      ? `第 ${preview.line} 行的请求（POST ${preview.path}，卡号已遮盖，签名在发送时生成）：`
      : `Request for line ${preview.line} (POST ${preview.path}; card number masked, signed when sent):`,
  );
  line(io.stdout, JSON.stringify(preview.body, null, 2));
}
