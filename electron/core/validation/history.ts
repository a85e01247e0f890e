/**
 * PAYOUT_DUPLICATE_HISTORY: a row paying the same card the same amount as a payout of an earlier batch of
 * the last days (30 by default). A salary file imported twice under two names, or last month's file picked
 * by mistake, pays everyone twice; the warning names the earlier batch so the approver can tell.
 */
import { maskPan } from '../i18n/mask.js';
import { formatFen } from '../money.js';
import type { EarlierPayout, ValidatedRow } from '../types.js';
import { addWarning } from './issues.js';

/**
 * Flags every row whose (card, amount) an earlier payout has; `pans[i]` is row i's comparable card or null.
 * Stored cards are known only by their keyed hash (`cardKey`), never in clear.
 */
export function flagHistoryDuplicates(
  rows: ValidatedRow[],
  pans: ReadonlyArray<string | null>,
  earlier: readonly EarlierPayout[],
  windowDays: number,
  cardKey: (pan: string) => string,
): void {
  const byCard = new Map<string, EarlierPayout[]>();
  for (const payout of earlier) {
    if (payout.card_hash === null) continue;
    const same = byCard.get(payout.card_hash);
    if (same) same.push(payout);
    else byCard.set(payout.card_hash, [payout]);
  }
  if (byCard.size === 0) return;
  for (let i = 0; i < rows.length; i++) {
    const pan = pans[i];
    if (pan == null) continue;
    const candidates = byCard.get(cardKey(pan));
    if (candidates === undefined) continue;
    const row = rows[i] as ValidatedRow;
    const amount = row.payout.amount_fen;
    // The newest earlier batch is the one a person remembers.
    let match: EarlierPayout | null = null;
    let count = 0;
    for (const candidate of candidates) {
      if (candidate.amount_fen !== amount) continue;
      count++;
      if (match === null || candidate.created_at > match.created_at) match = candidate;
    }
    if (match === null) continue;
    addWarning(row.issues, 'PAYOUT_DUPLICATE_HISTORY', null, {
      batch_id: match.batch_id,
      date: match.created_at.slice(0, 10),
      status: match.status,
      pan: maskPan(pan),
      amount: formatFen(match.amount_fen),
      days: windowDays,
      others: count - 1,
    });
  }
}
