/**
 * A report's days: dates (YYYY-MM-DD) as people say them, in this machine's time zone. A range of local days
 * becomes the UTC instants the database compares; an instant becomes the local day a report counts it on.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight that starts a date, or null when the text is not a real date (2026-02-30). */
export function localDayStart(day: string): Date | null {
  const parts = DAY.exec(day);
  if (!parts) return null;
  const [year, month, date] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // setFullYear, not the Date constructor: that one reads years 0–99 as 1900–1999.
  const start = new Date(0);
  start.setFullYear(year, month - 1, date);
  start.setHours(0, 0, 0, 0);
  // A date that does not exist rolls over into the next month.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return start;
}

/** The local midnight after the one that starts `start`'s day (23, 24 or 25 hours later around DST). */
function nextLocalDay(start: Date): Date {
  const next = new Date(start.getTime());
  next.setDate(next.getDate() + 1);
  next.setHours(0, 0, 0, 0);
  return next;
}

/**
 * The UTC instants of a range of local days, both included: from the start of `from` to the start of the day
 * after `to` (exclusive). Null when a date is not real; `reversed` when `from` comes after `to`.
 */
export function localDayRange(
  from: string,
  to: string,
): { fromIso: string; toIso: string } | { invalid: 'from' | 'to' | 'reversed' } {
  const start = localDayStart(from);
  if (!start) return { invalid: 'from' };
  const last = localDayStart(to);
  if (!last) return { invalid: 'to' };
  if (start.getTime() > last.getTime()) return { invalid: 'reversed' };
  return { fromIso: start.toISOString(), toIso: nextLocalDay(last).toISOString() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date (YYYY-MM-DD) of an ISO instant. */
export function localDayOf(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getFullYear()).padStart(4, '0')}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
