/**
 * The report's three charts as ECharts options, built from its summary: amounts per day stacked by state,
 * the most frequent decline reasons, the banks paid the most. Values are integer fen (the axes and tooltips
 * show them as yuan, formatted from fen); tooltips are drawn on the canvas as plain text (`richText`): the
 * HTML ones carry inline styles, which the page's CSP refuses.
 */
import type { ChartOption, BarSeriesOption } from '../../../components/charts/echarts';
import type { ReportSummary } from '../../../../../electron/contract/records';
import { formatFen } from '../../../format';
import { PAYOUT_STATES } from '../../batches/utils/status';
import { reportDays } from './scope';

/** What the charts say, in the page's language. */
export interface ChartWords {
  state(state: string): string;
  /** "3 payouts" / "3 笔". */
  payouts(count: number): string;
  /** The label of a decline without a provider code. */
  noCode: string;
}

/** The colour of a state's bars, and of the charts that are not by state. */
export interface ChartColours {
  state(state: string): string;
  declines: string;
  banks: string;
}

/** Integer fen as yuan for an axis: whole yuan without decimals (¥12,000), else ¥12,000.50. */
export function yuanAxisLabel(fen: number): string {
  const whole = Math.round(fen);
  const text = formatFen(Math.abs(whole));
  const short = text.endsWith('.00') ? text.slice(0, -3) : text;
  return `${whole < 0 ? '-' : ''}¥${short}`;
}

/** A long label cut to `max` characters for a tooltip line. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The states present, in the order payouts pass through them; others after, by name. */
export function statesInOrder(states: Iterable<string>): string[] {
  const present = new Set(states);
  const known: readonly string[] = PAYOUT_STATES;
  const others = [...present].filter((state) => !known.includes(state)).sort();
  return [...known.filter((state) => present.has(state)), ...others];
}

/** A bar's value with the count behind it (the tooltip says both). */
interface BarDatum {
  value: number;
  count: number;
}

/** The parts of ECharts' tooltip parameters the formatters read. */
interface TooltipItem {
  seriesName?: string;
  name?: string;
  data?: unknown;
}

function datum(item: TooltipItem): BarDatum {
  const data = item.data as Partial<BarDatum> | undefined;
  return { value: data?.value ?? 0, count: data?.count ?? 0 };
}

const AXIS_TEXT = { color: '#606266', fontSize: 12 };
const TOOLTIP = {
  renderMode: 'richText' as const,
  confine: true,
  textStyle: { fontSize: 12 },
};

/** Amounts per report day, one stacked bar per day, one colour per state. */
export function dayStatusOption(
  summary: Pick<ReportSummary, 'scope' | 'by_day'>,
  words: ChartWords,
  colours: ChartColours,
): ChartOption {
  const days = reportDays(summary);
  const states = statesInOrder(summary.by_day.map((line) => line.state));
  const cell = new Map(summary.by_day.map((line) => [`${line.day}|${line.state}`, line]));
  const series: BarSeriesOption[] = states.map((state) => ({
    type: 'bar',
    name: words.state(state),
    stack: 'amount',
    barMaxWidth: 36,
    itemStyle: { color: colours.state(state) },
    emphasis: { focus: 'series' },
    data: days.map((day) => {
      const line = cell.get(`${day}|${state}`);
      return { value: line?.total_fen ?? 0, count: line?.count ?? 0 };
    }),
  }));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, type: 'plain', itemWidth: 14, itemHeight: 10, textStyle: AXIS_TEXT },
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
        const lines = items
          .map((item) => ({ item, bar: datum(item) }))
          .filter(({ bar }) => bar.count > 0)
          .map(
            ({ item, bar }) => `${item.seriesName}: ¥${formatFen(bar.value)} · ${words.payouts(bar.count)}`,
          );
        return [items[0]?.name ?? '', ...lines].join('\n');
      },
    },
    xAxis: {
      type: 'category',
      data: days,
      axisLabel: { ...AXIS_TEXT, formatter: (day: string) => day.slice(5) },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      minInterval: 100,
      axisLabel: { ...AXIS_TEXT, formatter: (fen: number) => yuanAxisLabel(fen) },
    },
    series,
  };
}

/** A horizontal bar chart of labelled values, the largest at the top; each bar's tooltip as given. */
function rankedBars(
  bars: ReadonlyArray<{ label: string; tooltip: string; value: number }>,
  colour: string,
  valueLabel: (value: number) => string,
  minInterval: number,
): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (params: unknown) => bars[(params as { dataIndex?: number }).dataIndex ?? -1]?.tooltip ?? '',
    },
    xAxis: {
      type: 'value',
      minInterval,
      splitNumber: 3,
      axisLabel: { ...AXIS_TEXT, formatter: valueLabel, hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((bar) => bar.label),
      axisLabel: { ...AXIS_TEXT, width: 120, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: colour, borderRadius: [0, 3, 3, 0] },
        data: bars.map((bar) => bar.value),
      },
    ],
  };
}

/** The failed payouts' most frequent provider codes, each with its plain reason; bars count payouts. */
export function declinesOption(
  summary: Pick<ReportSummary, 'top_declines'>,
  words: ChartWords,
  colours: ChartColours,
): ChartOption {
  const bars = summary.top_declines.map((line) => {
    const code = line.code ?? words.noCode;
    return {
      label: `${code} · ${line.reason}`,
      tooltip: `${code}: ${clip(line.reason, 60)}\n${words.payouts(line.count)} · ¥${formatFen(line.total_fen)}`,
      value: line.count,
    };
  });
  return rankedBars(bars, colours.declines, (n: number) => String(n), 1);
}

/** The banks in scope with the largest sums (at most `top`), largest first. */
export function topBanks<T extends { total_fen: number; count: number; bank_name: string }>(
  byBank: readonly T[],
  top = 10,
): T[] {
  return [...byBank]
    .sort((a, b) => b.total_fen - a.total_fen || b.count - a.count || a.bank_name.localeCompare(b.bank_name))
    .slice(0, top);
}

/** The banks paid the most; bars are amounts. */
export function banksOption(
  summary: Pick<ReportSummary, 'by_bank'>,
  words: ChartWords,
  colours: ChartColours,
): ChartOption {
  const bars = topBanks(summary.by_bank).map((line) => ({
    label: line.bank_name,
    tooltip: `${line.bank_name} (${line.bank_id})\n¥${formatFen(line.total_fen)} · ${words.payouts(line.count)}`,
    value: line.total_fen,
  }));
  return rankedBars(bars, colours.banks, (fen: number) => yuanAxisLabel(fen), 100);
}
