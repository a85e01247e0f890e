/**
 * `cup-payouts report (BATCH | --from DATE --to DATE) --format csv|xlsx|json --out FILE …`: a month-end
 * report written to a file (exit 0 written, 1 refused, 2 unusable). Card numbers are masked; an admin signed
 * in with --user may ask for them in clear with --clear-cards, which the audit trail records.
 *
 * The file appears whole or not at all: it is written under a temporary name beside FILE, then renamed over
 * it (a report the user names again is replaced, as a spreadsheet's "save as" does).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ReportEncoding, ReportFormat, ReportSummary } from '../../contract/records.js';
import { AppError } from '../../core/app/errors.js';
import { formatFen } from '../../core/money.js';
import { parseCommandArgs, requireOne, requireUser, resolveLang, UsageError, type Values } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, type CliIo } from '../io.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  encoding: { type: 'string' },
  'clear-cards': { type: 'boolean' },
  user: { type: 'string' },
} as const;

const FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'json'];
const ENCODINGS: readonly ReportEncoding[] = ['utf-8', 'gb18030'];

/** A batch (BATCH), or a range (--from and --to): the application layer checks that it is exactly one. */
function scopeOf(values: Values, positionals: string[]): { batchId?: number; from?: string; to?: string } {
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  const [batch] = positionals;
  if (batch !== undefined && !/^[1-9]\d*$/.test(batch)) throw new UsageError('BATCH must be a batch id.');
  return {
    ...(batch !== undefined ? { batchId: Number(batch) } : {}),
    ...(typeof values['from'] === 'string' ? { from: values['from'] } : {}),
    ...(typeof values['to'] === 'string' ? { to: values['to'] } : {}),
  };
}

/** Writes the bytes whole, or leaves no file: a temporary name in the same folder, then a rename. */
function writeWhole(path: string, bytes: Buffer): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`);
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const detail = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('REPORT_FILE_UNWRITABLE', { path, detail });
  }
}

function printSummary(io: CliIo, summary: ReportSummary, zh: boolean): void {
  const money = (fen: number) => `${formatFen(fen)} CNY`;
  line(io.stdout, `${zh ? '合计' : 'Total'}: ${summary.count} × ${money(summary.total_fen)}`);
  line(io.stdout, `${zh ? '已付款' : 'Paid'}: ${summary.paid.count} × ${money(summary.paid.total_fen)}`);
  line(io.stdout, `${zh ? '失败' : 'Failed'}: ${summary.failed.count} × ${money(summary.failed.total_fen)}`);
  line(io.stdout, `${zh ? '未完成' : 'Open'}: ${summary.open.count} × ${money(summary.open.total_fen)}`);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const json = values['json'] === true;
  const scope = scopeOf(values, positionals);
  const format = requireOne(values['format'], FORMATS, '--format');
  if (format === undefined) throw new UsageError('--format csv|xlsx|json is required.');
  const encoding = requireOne(values['encoding'], ENCODINGS, '--encoding');
  if (encoding !== undefined && format !== 'csv') throw new UsageError('--encoding applies to --format csv.');
  const out = typeof values['out'] === 'string' && values['out'].trim() !== '' ? values['out'] : undefined;
  if (out === undefined) throw new UsageError('--out FILE is required.');
  const clearCards = values['clear-cards'] === true;
  if (clearCards) requireUser(values);
  const path = resolve(out);

  return withSession(
    io,
    { values, lang, use: 'existing', identity: clearCards ? 'required' : 'optional', json },
    async ({ runtime, caller }) => {
      const input = {
        ...scope,
        format,
        ...(encoding ? { encoding } : {}),
        ...(clearCards ? { clearCards } : {}),
      };
      const file = valueOf(io, await runtime.app.call('exportReport', input, caller), json);
      const bytes = Buffer.from(file.content_base64, 'base64');
      writeWhole(path, bytes);
      // The summary of the same scope (the file's format may not carry one), read again.
      const report = valueOf(
        io,
        await runtime.app.call('payoutReport', { ...scope, limit: 1 }, caller),
        json,
      );
      if (json) {
        printJson(io, { file: path, format, rows: file.rows, bytes: bytes.length, summary: report.summary });
        return 0;
      }
      const zh = lang === 'zh-CN';
      line(
        io.stdout,
        zh
          ? `已写入 ${path}（${file.rows} 行，${bytes.length} 字节）`
          : `Wrote ${path} (${file.rows} rows, ${bytes.length} bytes)`,
      );
      printSummary(io, report.summary, zh);
      return 0;
    },
  );
}
