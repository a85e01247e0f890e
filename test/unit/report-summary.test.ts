/**
 * A report's summary from the store's groups: totals, paid / failed / open, banks merged across methods,
 * quarter hours folded into local days, failure reasons ranked. Checked against the same payouts summed one
 * by one.
 */
import { describe, expect, it } from 'vitest';
import type { ReportTotals } from '../../electron/core/store/reportsPort.js';
import { localDayOf } from '../../electron/core/reports/reportDays.js';
import {
  FAILED_STATES,
  reportSummary,
  TOP_DECLINES,
  type SummaryLabels,
} from '../../electron/core/reports/reportSummary.js';
import type { MethodId } from '../../electron/core/types.js';

process.env['TZ'] = 'Asia/Shanghai';

interface Payout {
  method: MethodId;
  bank_id: number;
  region_id: number;
  state: string;
  code: string | null;
  amount_fen: number;
  at: string;
  batch_id: number;
}

const STATES = ['success', 'decline', 'error', 'rejected', 'reversed', 'cancelled', 'processing', 'unknown'];

/** Payouts made from a seed (mulberry32: the same every run). */
function generated(count: number): Payout[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const start = Date.parse('2026-11-01T00:00:00Z');
  return Array.from({ length: count }, () => ({
    method: (['cup-p2p', 'cup-banks'] as const)[next(2)] as MethodId,
    bank_id: 1 + next(4),
    region_id: 1 + next(3),
    state: STATES[next(STATES.length)] as string,
    code: next(3) === 0 ? null : `C${next(14)}`,
    amount_fen: 1 + next(5_000_000),
    at: new Date(start + next(30 * 86_400_000)).toISOString(),
    batch_id: 1 + next(5),
  }));
}

/** What the SQL groups would be: sums per key, as the store returns them. */
function groupsOf(payouts: Payout[]): ReportTotals {
  const group = <K extends string>(keyOf: (p: Payout) => Record<K, unknown>, only = (_p: Payout) => true) => {
    const map = new Map<string, Record<string, unknown> & { count: number; total_fen: number }>();
    for (const p of payouts.filter(only)) {
      const key = keyOf(p);
      const id = JSON.stringify(key);
      const entry = map.get(id) ?? { ...key, count: 0, total_fen: 0 };
      entry.count += 1;
      entry.total_fen += p.amount_fen;
      map.set(id, entry);
    }
    return [...map.values()] as never;
  };
  const quarter = (iso: string) => {
    const m = Number(iso.slice(14, 16));
    return `${iso.slice(0, 14)}${String(Math.floor(m / 15) * 15).padStart(2, '0')}:00.000Z`;
  };
  return {
    by_state: group((p) => ({ state: p.state })),
    by_bank: group((p) => ({ method: p.method, bank_id: p.bank_id })),
    by_region: group((p) => ({ region_id: p.region_id })),
    by_quarter_hour: group((p) => ({ start: quarter(p.at), state: p.state })),
    by_failure_code: group(
      (p) => ({ code: p.code, state: p.state }),
      (p) => FAILED_STATES.includes(p.state),
    ),
    batch_ids: [...new Set(payouts.map((p) => p.batch_id))].sort((a, b) => a - b),
  };
}

const labels: SummaryLabels = {
  bankName: (method, id) => `${method} bank ${id}`,
  regionName: (id) => `region ${id}`,
  failureReason: (state, code) => `${state}/${code}`,
};

const sum = (payouts: Payout[]) => ({
  count: payouts.length,
  total_fen: payouts.reduce((total, p) => total + p.amount_fen, 0),
});

describe('reportSummary', () => {
  const payouts = generated(5000);
  const summary = reportSummary(
    groupsOf(payouts),
    { batch_id: null, from: '2026-11-01', to: '2026-11-30' },
    '2026-12-01T00:00:00.000Z',
    labels,
  );

  it('counts and sums every payout, and splits them into paid, failed and open', () => {
    expect({ count: summary.count, total_fen: summary.total_fen }).toEqual(sum(payouts));
    expect(summary.paid).toEqual(sum(payouts.filter((p) => p.state === 'success')));
    expect(summary.failed).toEqual(sum(payouts.filter((p) => FAILED_STATES.includes(p.state))));
    expect(summary.open).toEqual(
      sum(payouts.filter((p) => p.state !== 'success' && !FAILED_STATES.includes(p.state))),
    );
    expect(summary.paid.count + summary.failed.count + summary.open.count).toBe(payouts.length);
    expect(summary.batch_ids).toEqual([1, 2, 3, 4, 5]);
  });

  it('merges a bank listed by two methods into one line, named from the first method', () => {
    expect(summary.by_bank.map((g) => g.bank_id).sort()).toEqual([1, 2, 3, 4]);
    for (const bank of summary.by_bank) {
      expect(bank).toMatchObject(sum(payouts.filter((p) => p.bank_id === bank.bank_id)));
      expect(bank.bank_name).toMatch(new RegExp(`^cup-(p2p|banks) bank ${bank.bank_id}$`));
    }
    for (const region of summary.by_region) {
      expect(region).toMatchObject(sum(payouts.filter((p) => p.region_id === region.region_id)));
      expect(region.region_name).toBe(`region ${region.region_id}`);
    }
  });

  it('counts each payout on its local day (Shanghai), days in order', () => {
    const days = summary.by_day.map((g) => g.day);
    expect(days).toEqual([...days].sort());
    // 2026-11-01T00:00Z is 08:00 in Shanghai; the last instants (29 Nov 23:59Z) fall on 30 Nov.
    expect(days[0]).toBe('2026-11-01');
    for (const group of summary.by_day) {
      const same = payouts.filter((p) => localDayOf(p.at) === group.day && p.state === group.state);
      expect(group).toMatchObject(sum(same));
    }
    expect(summary.by_day.reduce((total, g) => total + g.count, 0)).toBe(payouts.length);
  });

  it('ranks failure codes by count, at most ten, with the reason of the state most of them are in', () => {
    const failed = payouts.filter((p) => FAILED_STATES.includes(p.state));
    const codes = new Set(failed.map((p) => p.code));
    expect(codes.size).toBeGreaterThan(TOP_DECLINES);
    expect(summary.top_declines).toHaveLength(TOP_DECLINES);
    const counts = summary.top_declines.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const top of summary.top_declines) {
      const same = failed.filter((p) => p.code === top.code);
      expect(top).toMatchObject(sum(same));
      const byState = new Map<string, number>();
      for (const p of same) byState.set(p.state, (byState.get(p.state) ?? 0) + 1);
      const most = Math.max(...byState.values());
      const [state] = top.reason.split('/');
      expect(byState.get(state as string)).toBe(most);
    }
    // No code left out counts more than the last one listed.
    const listed = new Set(summary.top_declines.map((g) => g.code));
    const last = summary.top_declines.at(-1)?.count ?? 0;
    for (const code of codes)
      if (!listed.has(code)) expect(failed.filter((p) => p.code === code).length).toBeLessThanOrEqual(last);
  });
});
