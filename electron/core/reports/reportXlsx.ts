/**
 * A report as an Excel workbook: the payouts on one sheet (amounts as numbers in yuan with a ¥ format, card
 * numbers and payment ids as text cells, the header frozen, a filter on it), the summary on another.
 *
 * Cells are values, never formulas: a string that starts with = + - @ is stored as a string, which Excel
 * shows as text and never runs. Amounts: fen / 100 is the one division, made once per cell for Excel, which
 * stores money as binary floats; no sum of ours is ever computed from these numbers.
 */
import type ExcelJS from 'exceljs';
import type { ReportRowView, ReportSummary } from '../../contract/records.js';
import { stateName } from '../i18n/payoutReasons.js';
import type { Lang } from '../types.js';
import { REPORT_COLUMNS } from './reportTable.js';

export const YUAN_FORMAT = '"¥"#,##0.00';
const TEXT_FORMAT = '@';

/** Characters XML 1.0 cannot carry: a workbook holding one would not open. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD');
}

const SHEETS = {
  payouts: { en: 'Payouts', 'zh-CN': '付款明细' },
  summary: { en: 'Summary', 'zh-CN': '汇总' },
} as const;

function payoutsSheet(workbook: ExcelJS.Workbook, rows: readonly ReportRowView[], lang: Lang): void {
  const sheet = workbook.addWorksheet(SHEETS.payouts[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REPORT_COLUMNS.map((column) => ({
    header: column.header[lang],
    width: column.width,
    style:
      column.kind === 'amount'
        ? { numFmt: YUAN_FORMAT }
        : column.kind === 'card' || column.kind === 'text'
          ? { numFmt: TEXT_FORMAT }
          : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      REPORT_COLUMNS.map((column) => {
        const value = column.value(row, lang);
        if (value === null) return null;
        if (column.kind === 'amount') return (value as number) / 100;
        return typeof value === 'string' ? text(value) : value;
      }),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
}

const SUMMARY_WORDS = {
  scope: { en: 'Scope', 'zh-CN': '范围' },
  batch: { en: 'Batch', 'zh-CN': '批次' },
  range: { en: 'Days', 'zh-CN': '日期' },
  generated: { en: 'Generated at', 'zh-CN': '生成时间' },
  totals: { en: 'Totals', 'zh-CN': '合计' },
  all: { en: 'All payouts', 'zh-CN': '全部付款' },
  paid: { en: 'Paid', 'zh-CN': '已付款' },
  failed: { en: 'Failed', 'zh-CN': '失败' },
  open: { en: 'Still open', 'zh-CN': '未完成' },
  byStatus: { en: 'By status', 'zh-CN': '按状态' },
  byBank: { en: 'By bank', 'zh-CN': '按银行' },
  byRegion: { en: 'By region', 'zh-CN': '按地区' },
  byDay: { en: 'By day', 'zh-CN': '按日期' },
  declines: { en: 'Top failure reasons', 'zh-CN': '主要失败原因' },
  count: { en: 'Payouts', 'zh-CN': '笔数' },
  amount: { en: 'Amount (CNY)', 'zh-CN': '金额（元）' },
} as const;

function summarySheet(workbook: ExcelJS.Workbook, summary: ReportSummary, lang: Lang): void {
  const sheet = workbook.addWorksheet(SHEETS.summary[lang]);
  sheet.columns = [{ width: 16 }, { width: 60 }, { width: 12 }, { width: 18 }];
  const words = (key: keyof typeof SUMMARY_WORDS) => SUMMARY_WORDS[key][lang];
  const { scope } = summary;
  sheet.addRow([
    words('scope'),
    scope.batch_id !== null ? `${words('batch')} ${scope.batch_id}` : `${scope.from} – ${scope.to}`,
  ]);
  sheet.addRow([words('generated'), summary.generated_at]);

  const block = (
    title: string,
    lines: ReadonlyArray<{ key: string | number; name: string; count: number; total_fen: number }>,
  ) => {
    sheet.addRow([]);
    const heading = sheet.addRow([title, '', words('count'), words('amount')]);
    heading.font = { bold: true };
    for (const line of lines) {
      const added = sheet.addRow([line.key, text(line.name), line.count, line.total_fen / 100]);
      added.getCell(1).numFmt = TEXT_FORMAT;
      added.getCell(4).numFmt = YUAN_FORMAT;
    }
  };
  block(words('totals'), [
    { key: '', name: words('all'), count: summary.count, total_fen: summary.total_fen },
    { key: '', name: words('paid'), ...summary.paid },
    { key: '', name: words('failed'), ...summary.failed },
    { key: '', name: words('open'), ...summary.open },
  ]);
  block(
    words('byStatus'),
    summary.by_status.map((g) => ({ key: g.state, name: stateName(g.state, lang), ...g })),
  );
  block(
    words('byBank'),
    summary.by_bank.map((g) => ({ key: String(g.bank_id), name: g.bank_name, ...g })),
  );
  block(
    words('byRegion'),
    summary.by_region.map((g) => ({ key: String(g.region_id), name: g.region_name, ...g })),
  );
  block(
    words('byDay'),
    summary.by_day.map((g) => ({ key: g.day, name: stateName(g.state, lang), ...g })),
  );
  block(
    words('declines'),
    summary.top_declines.map((g) => ({ key: g.code ?? '', name: g.reason, ...g })),
  );
}

export async function reportXlsx(
  rows: readonly ReportRowView[],
  summary: ReportSummary,
  lang: Lang,
): Promise<Buffer> {
  // Loaded when a workbook is made: every other command starts without it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'CUP Payout Console';
  payoutsSheet(workbook, rows, lang);
  summarySheet(workbook, summary, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
