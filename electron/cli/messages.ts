import type { Lang } from '../core/types.js';

/** The command line's own words, in both languages. Row and file messages live in core/i18n. */
const MESSAGES = {
  en: {
    fileNotFound: (path: string) => `Cannot read the file ${path}: it does not exist or is not readable.`,
    databaseNotFound: (path: string) => `No console database at ${path}: check the --db path.`,
    fileHeader: (name: string, enc: string, delim: string, rows: number) =>
      `File ${name} · encoding ${enc} · delimiter ${delim} · ${rows} data rows`,
    summary: (ok: number, warn: number, err: number, total: string, fileTotal: string) =>
      `ok ${ok} · warnings ${warn} · errors ${err} · storable total ${total} CNY (file total ${fileTotal} CNY)`,
    ignoredColumns: (cols: string) => `Columns not used: ${cols}`,
    moreRows: (n: number) => `… and ${n} more rows with issues (use --json to see every row).`,
    noIssues: 'Every row is valid.',
    columns: ['Line', 'Payment id', 'Status', 'Issue'],
    stored: (id: number, count: number, total: string) =>
      `Stored draft batch ${id}: ${count} payouts, ${total} CNY.`,
    droppedRows: (n: number) => `${n} rows with errors were left out (--drop-errors).`,
    refusedErrors: (n: number) =>
      `Import refused: ${n} rows have errors. Fix them, or import only the valid rows with --drop-errors.`,
    refusedDuplicate: (ids: string) =>
      `Import refused: this exact file was already imported as batch ${ids}. Importing it again could pay twice; use --allow-duplicate-file if that is really intended.`,
    refusedNothing: 'Import refused: no row is valid, nothing to store.',
    duplicateFile: (ids: string) => `Warning: this exact file was already imported as batch ${ids}.`,
    paymentIdUsed: (id: string) => `Import refused: payment id ${id} is already used by an earlier batch.`,
  },
  'zh-CN': {
    fileNotFound: (path: string) => `无法读取文件 ${path}：文件不存在或不可读。`,
    databaseNotFound: (path: string) => `${path} 处没有控制台数据库：请检查 --db 路径。`,
    fileHeader: (name: string, enc: string, delim: string, rows: number) =>
      `文件 ${name} · 编码 ${enc} · 分隔符 ${delim} · 数据行 ${rows}`,
    summary: (ok: number, warn: number, err: number, total: string, fileTotal: string) =>
      `正常 ${ok} · 警告 ${warn} · 错误 ${err} · 可导入合计 ${total} 元（文件合计 ${fileTotal} 元）`,
    ignoredColumns: (cols: string) => `未使用的列：${cols}`,
    moreRows: (n: number) => `…… 另有 ${n} 行存在问题（使用 --json 查看全部）。`,
    noIssues: '所有行均有效。',
    columns: ['行号', '订单号', '状态', '问题'],
    stored: (id: number, count: number, total: string) =>
      `已保存草稿批次 ${id}：${count} 笔，合计 ${total} 元。`,
    droppedRows: (n: number) => `已排除 ${n} 行错误数据（--drop-errors）。`,
    refusedErrors: (n: number) => `拒绝导入：${n} 行存在错误。请修正，或使用 --drop-errors 仅导入有效行。`,
    refusedDuplicate: (ids: string) =>
      `拒绝导入：该文件已作为批次 ${ids} 导入过。重复导入可能导致重复付款；如确需导入，请使用 --allow-duplicate-file。`,
    refusedNothing: '拒绝导入：没有有效行可保存。',
    duplicateFile: (ids: string) => `警告：该文件已作为批次 ${ids} 导入过。`,
    paymentIdUsed: (id: string) => `拒绝导入：订单号 ${id} 已被之前的批次使用。`,
  },
} as const;

export type CliMessages = (typeof MESSAGES)['en'];

export function cliMessages(lang: Lang): CliMessages {
  return MESSAGES[lang] as CliMessages;
}
