/** Realistic payouts for the Gate benchmarks: the generated template file, validated like the app does. */
import { generatePayoutCsv } from '../test/fixtures/payoutFile.js';
import { validatePayoutFile } from '../electron/core/intake.js';
import { loadReferenceData, type Region } from '../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../electron/core/paths.js';
import { isStorablePayout } from '../electron/core/store/sqlite/batches.js';
import type { PayoutInstruction } from '../electron/core/providers/types.js';
import type { PayoutDefaults } from '../electron/core/providers/ecommpay/types.js';

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

/** `rows` payouts as the engine hands them to the provider adapter, from a real validation of the file. */
export function storedPayouts(rows: number, idPrefix: string): PayoutInstruction[] {
  const result = validatePayoutFile(payoutFileBytes(rows, idPrefix), `${idPrefix}.csv`, reference, {
    method: 'cup-p2p',
  });
  if (result.summary.errors > 0) throw new Error(`bench file has ${result.summary.errors} invalid rows`);
  return result.rows.map((row) => {
    if (!isStorablePayout(row.payout)) throw new Error(`line ${row.line} is not storable`);
    return { ...row.payout, method: 'cup-p2p' };
  });
}
