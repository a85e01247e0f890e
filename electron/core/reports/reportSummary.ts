/**
 * A month-end report's summary from the groups the store counted and summed: totals, paid / failed / open,
 * per status, bank, region and local day, and the most frequent reasons of failed payouts. Money stays in
 * integer fen: sums of safe integers, never divided.
 */
import type { CountAndSum, ReportSummary } from '../../contract/records.js';
import type { ReportTotals } from '../store/reportsPort.js';
import type { BatchMethod } from '../types.js';
import { localDayOf } from './reportDays.js';

/** Paid. */
export const PAID_STATES: readonly string[] = ['success'];
/** Failed: nothing was paid, or the money came back. */
export const FAILED_STATES: readonly string[] = ['decline', 'error', 'rejected', 'reversed', 'cancelled'];

/** How many failure reasons the summary lists. */
export const TOP_DECLINES = 10;

export interface SummaryLabels {
  bankName(method: BatchMethod, bankId: number): string;
  regionName(regionId: number): string;
  /** The plain reason of a failed payout's state and code (no provider message: that is free text). */
  failureReason(state: string, code: string | null): string;
}

const zero = (): CountAndSum => ({ count: 0, total_fen: 0 });

function add(into: CountAndSum, group: CountAndSum): void {
  into.count += group.count;
  into.total_fen += group.total_fen;
}

/** Groups merged by a key, in the order their keys first appear. */
function merge<G extends CountAndSum, K>(groups: readonly G[], keyOf: (group: G) => K): Map<K, CountAndSum> {
  const merged = new Map<K, CountAndSum>();
  for (const group of groups) {
    const key = keyOf(group);
    let sum = merged.get(key);
    if (!sum) merged.set(key, (sum = zero()));
    add(sum, group);
  }
  return merged;
}

/** Per local day and state, days in order (states by name within a day). */
function byDay(totals: ReportTotals): ReportSummary['by_day'] {
  const merged = merge(totals.by_quarter_hour, (g) => `${localDayOf(g.start)}\u0000${g.state}`);
  return [...merged]
    .map(([key, sum]) => {
      const [day = '', state = ''] = key.split('\u0000');
      return { day, state, ...sum };
    })
    .sort((a, b) => (a.day === b.day ? a.state.localeCompare(b.state) : a.day < b.day ? -1 : 1));
}

/** Failed payouts per code, most frequent first; each code's reason from the state most of them are in. */
function topDeclines(totals: ReportTotals, labels: SummaryLabels): ReportSummary['top_declines'] {
  const codes = new Map<string | null, CountAndSum & { state: string; stateCount: number }>();
  for (const group of totals.by_failure_code) {
    const entry = codes.get(group.code) ?? { ...zero(), state: group.state, stateCount: 0 };
    add(entry, group);
    if (group.count > entry.stateCount) Object.assign(entry, { state: group.state, stateCount: group.count });
    codes.set(group.code, entry);
  }
  return [...codes]
    .map(([code, entry]) => ({
      code,
      reason: labels.failureReason(entry.state, code),
      count: entry.count,
      total_fen: entry.total_fen,
    }))
    .sort(
      (a, b) =>
        b.count - a.count || b.total_fen - a.total_fen || String(a.code ?? '').localeCompare(b.code ?? ''),
    )
    .slice(0, TOP_DECLINES);
}

export function reportSummary(
  totals: ReportTotals,
  scope: ReportSummary['scope'],
  generatedAt: string,
  labels: SummaryLabels,
): ReportSummary {
  const all = zero();
  const paid = zero();
  const failed = zero();
  const open = zero();
  for (const group of totals.by_state) {
    add(all, group);
    add(
      PAID_STATES.includes(group.state) ? paid : FAILED_STATES.includes(group.state) ? failed : open,
      group,
    );
  }
  // A bank id names one bank whatever the method; its name comes from the first method listing it.
  const bankNames = new Map<number, string>();
  for (const group of totals.by_bank)
    if (!bankNames.has(group.bank_id))
      bankNames.set(group.bank_id, labels.bankName(group.method, group.bank_id));
  return {
    scope,
    generated_at: generatedAt,
    count: all.count,
    total_fen: all.total_fen,
    paid,
    failed,
    open,
    by_status: totals.by_state.map(({ state, count, total_fen }) => ({ state, count, total_fen })),
    by_bank: [...merge(totals.by_bank, (g) => g.bank_id)].map(([bank_id, sum]) => ({
      bank_id,
      bank_name: bankNames.get(bank_id) ?? String(bank_id),
      ...sum,
    })),
    by_region: totals.by_region.map(({ region_id, count, total_fen }) => ({
      region_id,
      region_name: labels.regionName(region_id),
      count,
      total_fen,
    })),
    by_day: byDay(totals),
    top_declines: topDeclines(totals, labels),
    batch_ids: totals.batch_ids,
  };
}
