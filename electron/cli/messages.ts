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
    serveWebReady: (db: string) =>
      `Console (database ${db}) open at the address above, for this computer only. The address carries ` +
      "this run's access key: open it in your browser and share it with no one. Ctrl+C stops.",
    serveWebNoPage: (dir: string) =>
      `The console's page has not been built (${dir} is missing): run npm install in the console's folder.`,
    serveWebPortInUse: (port: number) =>
      `Port ${port} on 127.0.0.1 is taken: choose another with --port, or --port 0 for any free one.`,
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
    serveWebReady: (db: string) =>
      `控制台（数据库 ${db}）已在上面的地址开启，仅限本机访问。该地址带有本次运行的访问令牌：` +
      '请在浏览器中打开，切勿分享。按 Ctrl+C 停止。',
    serveWebNoPage: (dir: string) => `控制台页面尚未构建（缺少 ${dir}）：请在控制台目录中运行 npm install。`,
    serveWebPortInUse: (port: number) =>
      `127.0.0.1 的端口 ${port} 已被占用：请用 --port 换一个，或用 --port 0 任选空闲端口。`,
  },
} as const;

export type CliMessages = (typeof MESSAGES)['en'];

export function cliMessages(lang: Lang): CliMessages {
  return MESSAGES[lang] as CliMessages;
}
