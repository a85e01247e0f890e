import type { Lang } from '../core/types.js';

/** The command line's own words, in both languages. Row and file messages live in core/i18n. */
const MESSAGES = {
  en: {
    fileNotFound: (path: string) => `Cannot read the file ${path}: it does not exist or is not readable.`,
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
    duplicateFile: (ids: string) => `Warning: this exact file was already imported as batch ${ids}.`,
  },
  'zh-CN': {
    fileNotFound: (path: string) => `无法读取文件 ${path}：文件不存在或不可读。`,
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
    duplicateFile: (ids: string) => `警告：该文件已作为批次 ${ids} 导入过。`,
  },
} as const;

export type CliMessages = (typeof MESSAGES)['en'];

export function cliMessages(lang: Lang): CliMessages {
  return MESSAGES[lang] as CliMessages;
}
