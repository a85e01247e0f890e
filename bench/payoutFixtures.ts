/** Realistic payouts for the Gate benchmarks: the generated template file, validated and stored like the app does. */
import { generatePayoutCsv } from '../test/fixtures/payoutFile.js';
import { importPayoutFile } from '../electron/core/intake.js';
import { loadReferenceData, type Region } from '../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../electron/core/paths.js';
import { openDatabase } from '../electron/core/store/database.js';
import { listPayouts } from '../electron/core/store/batches.js';
import type { StoredPayout } from '../electron/core/store/types.js';
import type { PayoutDefaults } from '../electron/core/gate/types.js';

export const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
export const regions: ReadonlyMap<number, Region> = new Map(reference.regions.map((r) => [r.id, r]));
export const PAYOUT_DEFAULTS: PayoutDefaults = { customerIp: '127.0.0.1', country: 'CN' };

/**
 * The bytes of a payout file of `rows` valid rows (every optional column filled), with payment ids
 * `${idPrefix}-0000001…`: a distinct prefix per run keeps ids fresh for the sandbox.
 */
export function payoutFileBytes(rows: number, idPrefix: string): Uint8Array {
  return new TextEncoder().encode(generatePayoutCsv({ rows, seed: 7, invalidShare: 0, idPrefix }));
}

/** `rows` stored payouts, read back from an in-memory console database after a real import. */
export function storedPayouts(rows: number, idPrefix: string): StoredPayout[] {
  const db = openDatabase(':memory:');
  try {
    const outcome = importPayoutFile(payoutFileBytes(rows, idPrefix), `${idPrefix}.csv`, reference, {
      method: 'cup-p2p',
      db,
      user: 'bench',
    });
    if (!outcome.stored) throw new Error(`bench import refused: ${JSON.stringify(outcome.refusal)}`);
    return listPayouts(db, outcome.stored.batchId);
  } finally {
    db.close();
  }
}
