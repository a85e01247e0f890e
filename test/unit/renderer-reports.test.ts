import { describe, expect, it } from 'vitest';
import type { PayoutView, ReportSummary } from '../../electron/contract/records';
import { stateColour, tagColour } from '../../renderer/src/components/charts/palette';
import reconciliationMessages from '../../renderer/src/locales/messages/reconciliation';
import reportMessages from '../../renderer/src/locales/messages/reports';
import {
  banksOption,
  clip,
  dayStatusOption,
  declinesOption,
  statesInOrder,
  topBanks,
  yuanAxisLabel,
  type ChartColours,
  type ChartWords,
} from '../../renderer/src/views/reports/utils/charts';
import { base64Bytes } from '../../renderer/src/views/reports/utils/download';
import { badAmount, plainYuan, retryDraft, retryRequest } from '../../renderer/src/views/reports/utils/retry';
import {
  daysBetween,
  localDay,
  monthRange,
  reportDays,
  scopeInput,
} from '../../renderer/src/views/reports/utils/scope';

const words: ChartWords = {
  state: (state) => `<${state}>`,
  payouts: (n) => `${n} payouts`,
  noCode: 'no code',
};
const colours: ChartColours = { state: (state) => `colour-${state}`, declines: 'red', banks: 'blue' };

function summary(parts: Partial<ReportSummary> = {}): ReportSummary {
  const none = { count: 0, total_fen: 0 };
  return {
    scope: { batch_id: 7, from: null, to: null },
    generated_at: '2026-12-02T10:00:00.000Z',
    count: 0,
    total_fen: 0,
    paid: none,
    failed: none,
    open: none,
    by_status: [],
    by_bank: [],
    by_region: [],
    by_day: [],
    top_declines: [],
    batch_ids: [7],
    ...parts,
  };
}

/** The options' parts the tests read, loosely typed (ECharts' option types are unions of arrays and objects). */
type Loose = Record<string, unknown> & {
  series: Array<{ name?: string; stack?: string; data: unknown[]; itemStyle?: { color?: string } }>;
  tooltip: { renderMode?: string; formatter: (params: unknown) => string };
  xAxis: { data?: string[]; axisLabel: { formatter: (value: never) => string } };
  yAxis: { data?: string[]; axisLabel: { formatter?: (value: never) => string } };
};
const loose = (option: unknown) => option as Loose;

describe('a report scope', () => {
  it('opens on the calendar month of today, written as local days', () => {
    expect(monthRange(new Date(2026, 11, 2, 23, 59))).toEqual(['2026-12-01', '2026-12-31']);
    expect(monthRange(new Date(2028, 1, 10))).toEqual(['2028-02-01', '2028-02-29']);
    expect(localDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('is a batch or a complete range, never half of one', () => {
    expect(scopeInput({ mode: 'batch', batchId: 12, range: ['2026-12-01', '2026-12-31'] })).toEqual({
      batchId: 12,
    });
    expect(scopeInput({ mode: 'batch', batchId: null, range: null })).toBeNull();
    expect(scopeInput({ mode: 'range', batchId: 12, range: ['2026-12-01', '2026-12-31'] })).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(scopeInput({ mode: 'range', batchId: null, range: null })).toBeNull();
    expect(scopeInput({ mode: 'range', batchId: null, range: ['2026-12-01', ''] })).toBeNull();
  });

  it('counts days across month ends and daylight-saving changes, both ends included', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(daysBetween('2026-03-28', '2026-03-30')).toHaveLength(3);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(daysBetween('yesterday', '2026-03-01')).toEqual([]);
  });

  it('charts every day of a short range, but only the days with payouts of a batch or a long range', () => {
    const byDay = [
      { day: '2026-12-03', state: 'success', count: 1, total_fen: 100 },
      { day: '2026-12-01', state: 'decline', count: 1, total_fen: 200 },
    ];
    expect(
      reportDays({ scope: { batch_id: null, from: '2026-12-01', to: '2026-12-04' }, by_day: byDay }),
    ).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(reportDays({ scope: { batch_id: 3, from: null, to: null }, by_day: byDay })).toEqual([
      '2026-12-01',
      '2026-12-03',
    ]);
    expect(
      reportDays({ scope: { batch_id: null, from: '2026-01-01', to: '2026-12-31' }, by_day: byDay }),
    ).toEqual(['2026-12-01', '2026-12-03']);
  });
});

describe('the report charts', () => {
  it('label the money axes in yuan from fen, whole yuan without decimals', () => {
    expect(yuanAxisLabel(1_200_000)).toBe('¥12,000');
    expect(yuanAxisLabel(1_200_050)).toBe('¥12,000.50');
    expect(yuanAxisLabel(0)).toBe('¥0');
    expect(yuanAxisLabel(-500)).toBe('-¥5');
  });

  it('order the states as payouts pass through them, unknown ones last', () => {
    expect(statesInOrder(['zzz', 'decline', 'success', 'queued', 'decline'])).toEqual([
      'queued',
      'success',
      'decline',
      'zzz',
    ]);
  });

  it('stack each day by state in fen, with empty days as zero and the counts behind each bar', () => {
    const option = loose(
      dayStatusOption(
        summary({
          scope: { batch_id: null, from: '2026-12-01', to: '2026-12-03' },
          by_day: [
            { day: '2026-12-01', state: 'success', count: 2, total_fen: 150_000 },
            { day: '2026-12-01', state: 'decline', count: 1, total_fen: 40_000 },
            { day: '2026-12-03', state: 'success', count: 1, total_fen: 99 },
          ],
        }),
        words,
        colours,
      ),
    );
    expect(option.xAxis.data).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(option.series.map((s) => [s.name, s.stack, s.itemStyle?.color])).toEqual([
      ['<success>', 'amount', 'colour-success'],
      ['<decline>', 'amount', 'colour-decline'],
    ]);
    expect(option.series[0]?.data).toEqual([
      { value: 150_000, count: 2 },
      { value: 0, count: 0 },
      { value: 99, count: 1 },
    ]);
    expect(option.xAxis.axisLabel.formatter('2026-12-03' as never)).toBe('12-03');
    expect(option.yAxis.axisLabel.formatter?.(4_000_000 as never)).toBe('¥40,000');
  });

  it('draw tooltips as plain text on the canvas (the CSP refuses the HTML ones), without empty states', () => {
    const option = loose(
      dayStatusOption(
        summary({
          by_day: [
            { day: '2026-12-01', state: 'success', count: 2, total_fen: 150_000 },
            { day: '2026-12-01', state: 'decline', count: 0, total_fen: 0 },
          ],
        }),
        words,
        colours,
      ),
    );
    expect(option.tooltip.renderMode).toBe('richText');
    const text = option.tooltip.formatter([
      { name: '2026-12-01', seriesName: 'Paid', data: { value: 150_000, count: 2 } },
      { name: '2026-12-01', seriesName: 'Declined', data: { value: 0, count: 0 } },
    ]);
    expect(text).toBe('2026-12-01\nPaid: ¥1,500.00 · 2 payouts');
    expect(text).not.toMatch(/[<>]/);
  });

  it('rank the decline reasons by count, naming each code and its reason', () => {
    const option = loose(
      declinesOption(
        summary({
          top_declines: [
            { code: '20105', reason: 'Declined by the bank', count: 2, total_fen: 80_000 },
            { code: null, reason: 'Refused by the gate', count: 1, total_fen: 30_000 },
          ],
        }),
        words,
        colours,
      ),
    );
    expect(option.yAxis.data).toEqual(['20105 · Declined by the bank', 'no code · Refused by the gate']);
    expect(option.series[0]?.data).toEqual([2, 1]);
    expect(option.series[0]?.itemStyle?.color).toBe('red');
    expect(option.tooltip.renderMode).toBe('richText');
    expect(option.tooltip.formatter({ dataIndex: 0 })).toBe(
      '20105: Declined by the bank\n2 payouts · ¥800.00',
    );
  });

  it('show the ten banks paid the most, largest first', () => {
    const byBank = Array.from({ length: 12 }, (_, i) => ({
      bank_id: i + 1,
      bank_name: `Bank ${i + 1}`,
      count: 1,
      total_fen: (i + 1) * 1_000,
    }));
    expect(topBanks(byBank).map((line) => line.bank_id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    const option = loose(banksOption(summary({ by_bank: byBank }), words, colours));
    expect(option.yAxis.data?.[0]).toBe('Bank 12');
    expect(option.series[0]?.data[0]).toBe(12_000);
    expect(option.tooltip.formatter({ dataIndex: 0 })).toBe('Bank 12 (12)\n¥120.00 · 1 payouts');
  });

  it('cut long tooltip words', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });

  it('colour states as their tags: Element Plus variables, a fallback without them', () => {
    const none = () => '';
    expect(stateColour('success', none)).toBe('#67c23a');
    expect(stateColour('decline', none)).toBe('#f56c6c');
    const page: Record<string, string> = {
      '--el-color-danger': '#ff0000',
      '--el-color-danger-dark-2': '#aa0000',
    };
    const read = (name: string) => page[name] ?? '';
    expect(stateColour('decline', read)).toBe('#ff0000');
    // Error shares decline's tag colour, in a darker shade; a missing shade falls back to the colour itself.
    expect(stateColour('error', read)).toBe('#aa0000');
    expect(stateColour('rejected', read)).toBe('#ff0000');
    expect(tagColour('primary', '', none)).toBe('#409eff');
  });
});

describe('a report file', () => {
  it('is saved as the exact bytes the console made', () => {
    const bytes = [0xef, 0xbb, 0xbf, 0x50, 0x4b, 0x00, 0xff];
    expect([...base64Bytes(Buffer.from(bytes).toString('base64'))]).toEqual(bytes);
  });
});

describe('paying failed payouts again', () => {
  const payout = (line: number, amount: number, bank = 23): PayoutView => ({
    id: line,
    line,
    payment_id: `P-${line}`,
    amount_fen: amount,
    currency: 'CNY',
    card_number: '622202******0017',
    bank_id: bank,
    region_id: 5,
    last_name: '张',
    first_name: '伟',
    state: 'decline',
    code: '20105',
    message: null,
    reason: 'Declined',
    send_attempts: 1,
    warnings: [],
    final_at: null,
    refund: null,
  });

  it('writes amounts as the plain yuan a file holds', () => {
    expect(plainYuan(123_456_789)).toBe('1234567.89');
    expect(plainYuan(5)).toBe('0.05');
  });

  it('sends only the cells that changed, and the lines left out', () => {
    const payouts = [payout(3, 40_000), payout(6, 40_400), payout(8, 40_000)];
    const drafts = payouts.map(retryDraft);
    expect(retryRequest(payouts, drafts)).toEqual({ edits: [], leaveOut: [], count: 3, totalFen: 120_400 });

    const [first, second, third] = drafts as [
      (typeof drafts)[number],
      (typeof drafts)[number],
      (typeof drafts)[number],
    ];
    // "400" is the same amount as 400.00; "¥410.5" is a new one.
    first.values.amount_fen = '400';
    second.values.amount_fen = '¥410.5';
    second.values.bank_id = ' 9 ';
    second.values.first_name = '伟';
    third.include = false;
    expect(retryRequest(payouts, drafts)).toEqual({
      edits: [
        { line: 6, field: 'amount_fen', value: '410.50' },
        { line: 6, field: 'bank_id', value: '9' },
      ],
      leaveOut: [8],
      count: 2,
      totalFen: 40_000 + 41_050,
    });
  });

  it('marks an amount that is not one, and sends it as typed for the console to refuse', () => {
    const payouts = [payout(3, 40_000)];
    const drafts = payouts.map(retryDraft);
    (drafts[0] as (typeof drafts)[number]).values.amount_fen = '4OO';
    expect(badAmount(drafts[0] as (typeof drafts)[number])).toBe(true);
    expect(retryRequest(payouts, drafts).edits).toEqual([{ line: 3, field: 'amount_fen', value: '4OO' }]);
    (drafts[0] as (typeof drafts)[number]).include = false;
    expect(badAmount(drafts[0] as (typeof drafts)[number])).toBe(false);
  });
});

/** Every key path of a message tree. */
function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keyPaths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('the report messages', () => {
  it('say the same things in both languages', () => {
    expect(keyPaths(reportMessages['zh-CN']).sort()).toEqual(keyPaths(reportMessages.en).sort());
    expect(keyPaths(reconciliationMessages['zh-CN']).sort()).toEqual(
      keyPaths(reconciliationMessages.en).sort(),
    );
  });
});
