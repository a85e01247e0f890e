/**
 * What a report covers, as the screen's controls hold it, and the days its charts run over. Dates are local
 * calendar days written YYYY-MM-DD (the report counts a payout on its local day), never times.
 */
import type { ReportScopeInput } from '../../../../../electron/contract/operations';
import type { ReportSummary } from '../../../../../electron/contract/records';

export type ScopeMode = 'batch' | 'range';

/** The screen's choice: a batch (none picked yet: null), or a range of days (cleared: null). */
export interface ScopeChoice {
  mode: ScopeMode;
  batchId: number | null;
  range: readonly [string, string] | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar month `now` falls in, first to last day: the range a report opens with. */
export function monthRange(now: Date): [string, string] {
  const first = new Date(now.getFullYear(), now.getMonth(), 1);
  const last = new Date(now.getFullYear(), now.getMonth() + 1, 0);
  return [localDay(first), localDay(last)];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Every day from `from` to `to`, both included ([] when `to` comes first or either is not a day). */
export function daysBetween(from: string, to: string): string[] {
  const start = DAY.exec(from);
  const end = DAY.exec(to);
  if (!start || !end) return [];
  // Noon in UTC: counting days never meets a daylight-saving change.
  const first = Date.UTC(Number(start[1]), Number(start[2]) - 1, Number(start[3]), 12);
  const last = Date.UTC(Number(end[1]), Number(end[2]) - 1, Number(end[3]), 12);
  const days: string[] = [];
  for (let at = first; at <= last; at += 86_400_000) {
    const day = new Date(at);
    days.push(`${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`);
  }
  return days;
}

/** The operation's scope for the choice; null while it is incomplete (no batch picked, no range). */
export function scopeInput(choice: ScopeChoice): ReportScopeInput | null {
  if (choice.mode === 'batch') return choice.batchId === null ? null : { batchId: choice.batchId };
  if (!choice.range) return null;
  const [from, to] = choice.range;
  return from && to ? { from, to } : null;
}

/** A range longer than this draws only the days that have payouts (a year of empty days says nothing). */
export const MAX_FILLED_DAYS = 62;

/**
 * The days a report's per-day chart shows: for a range, every day of it (an empty day is a fact too), unless
 * the range is long; for a batch, the days its payouts count on.
 */
export function reportDays(summary: Pick<ReportSummary, 'scope' | 'by_day'>): string[] {
  const present = [...new Set(summary.by_day.map((line) => line.day))].sort();
  const { from, to } = summary.scope;
  if (from && to) {
    const all = daysBetween(from, to);
    if (all.length > 0 && all.length <= MAX_FILLED_DAYS) {
      // A day with payouts outside the range (it cannot happen; if it did it must still show) is kept.
      return [...new Set([...all, ...present])].sort();
    }
  }
  return present;
}
