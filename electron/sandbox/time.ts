/** Gate dates: `2019-08-28T08:44:51+0000` (UTC). */
export function gateDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+0000';
}

/** Data API dates: `2019-08-28T08:44:51+00:00` (UTC). */
export function dataApiDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

const REQUEST_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:Z|[+-]00:?00)?$/;

/**
 * Parses a Data API interval bound (`YYYY-MM-DD hh:mm:ss`, UTC; an ISO `T`, `Z` or zero offset is
 * accepted too). Returns epoch ms, or null when the text is not such a date.
 */
export function parseRequestDate(text: string): number | null {
  const match = REQUEST_DATE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return new Date(ms).getUTCDate() === d ? ms : null;
}
