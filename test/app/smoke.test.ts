import { afterEach, expect, it } from 'vitest';
import { openTestConsole, payoutFile, type TestConsole } from './appHarness.js';

let c: TestConsole | undefined;
afterEach(async () => c?.close());

it('imports, approves and lists', async () => {
  c = await openTestConsole();
  const imported = await c.ok('alice', 'importFile', { file: payoutFile(3) });
  expect(imported.batch_id).toBe(1);
  const same = await c.call('Alice', 'approveBatch', { batchId: 1 });
  expect(same).toMatchObject({ ok: false, error: { code: 'SAME_USER_APPROVAL' } });
  await c.ok('bob', 'approveBatch', { batchId: 1 });
  const list = await c.ok(null, 'listBatches', undefined);
  expect(list[0]).toMatchObject({ id: 1, status: 'approved', counts: { queued: 3 } });
});
