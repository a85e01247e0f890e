import type { UiLang } from './locales/lang';

/** Formats integer fen as yuan with thousands separators, without floating-point arithmetic. */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${yuan}.${digits.slice(-2)}`;
}

/** Integer fen as a ¥ amount: ¥1,234.56. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/**
 * A yuan amount as a person types it ("1,234.56", "¥1234.5", "1234") as integer fen, read digit by digit
 * (never through a float); null when it is not an amount.
 */
export function parseYuan(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A time from the main process (ISO) in the UI's language: 2026-12-02 19:18 either way, local time. */
export function formatDateTime(iso: string | null | undefined, lang: UiLang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** A count with thousands separators. */
export function formatCount(count: number, lang: UiLang): string {
  return new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-US').format(count);
}
