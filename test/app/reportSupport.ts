/** Batches for the report and retry tests: imported, approved and sent to a sandbox that declines 400.00. */
import type { TestConsole } from './appHarness.js';
import { rowsFile } from './appFiles.js';

/** Imports `rows` as alice; returns the draft's id. */
export async function draftOf(c: TestConsole, name: string, rows: string[]): Promise<number> {
  const report = await c.ok('alice', 'importFile', { file: rowsFile(name, rows) });
  if (report.batch_id === null) throw new Error(`import refused: ${report.refused?.message}`);
  return report.batch_id;
}

/** Approves (bob), submits and sends a batch until every payout is final. */
export async function send(c: TestConsole, batchId: number): Promise<void> {
  await c.ok('bob', 'approveBatch', { batchId });
  await c.ok('bob', 'submitBatch', { batchId });
  await c.runtime.sending.run({ batchIds: [batchId], wait: true });
}

/** The sandbox's test project declines these amounts (3028 insufficient funds, 3029…): everything else pays. */
export const DECLINED = '400.00';
export const DECLINED_OTHER = '404.00';
