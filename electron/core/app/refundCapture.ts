/**
 * The capture rule at approval: refunds of one payment never add up to more than was captured. Checked at
 * import row by row; checked here again over the whole batch, because refunds imported or sent since then
 * count too, and a provider inquiry since then may know the capture better.
 */
import { formatFen } from '../money.js';
import type { ConsoleStore } from '../store/ports.js';
import { smallerCapture } from '../refunds/capture.js';
import { AppError } from './errors.js';

export async function assertRefundsWithinCapture(store: ConsoleStore, batchId: number): Promise<void> {
  const rows = await store.refunds.batchRefunds(batchId);
  const byPayment = new Map<string, { totalFen: number; fileCapturedFen: number | null }>();
  for (const row of rows) {
    const entry = byPayment.get(row.payId) ?? { totalFen: 0, fileCapturedFen: null };
    entry.totalFen += row.amountFen;
    entry.fileCapturedFen = smallerCapture(entry.fileCapturedFen, row.capturedFen);
    byPayment.set(row.payId, entry);
  }
  const known = await store.refunds.knownPayments([...byPayment.keys()], { excludeBatchId: batchId });
  for (const [payId, { totalFen, fileCapturedFen }] of byPayment) {
    const payment = known.get(payId);
    // Where the figures disagree, the smaller capture holds.
    const capturedFen = smallerCapture(payment?.capturedFen ?? null, fileCapturedFen);
    // Unknown capture: the provider's own check at send time decides (the engine inquires before crediting).
    if (capturedFen === null) continue;
    const alreadyFen = payment?.refundedFen ?? 0;
    if (alreadyFen + totalFen > capturedFen)
      throw new AppError('REFUND_ABOVE_CAPTURE', {
        payId,
        total: formatFen(alreadyFen + totalFen),
        captured: formatFen(capturedFen),
        already: formatFen(alreadyFen),
      });
  }
}
