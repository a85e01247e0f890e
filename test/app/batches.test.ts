/**
 * The batch operations at the application layer on a real SQLite file — listing, detail and status, and the
 * lifecycle a person drives (approve, reject, submit, pause, resume, cancel, recheck) — with a real sandbox
 * over HTTP where something is sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView, Role } from '../../electron/contract/records.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import {
  openTestConsole,
  payoutFile,
  TEST_ADMIN,
  TEST_PASSWORD,
  type TestConsole,
  type TestConsoleOptions,
} from './appHarness.js';
import { changesOf } from './consoleSupport.js';
import { CARD, CARD_MASKED, fastSending, row, rowsFile, waitUntil } from './appFiles.js';

/** What people did (the console's own `batch.completed` entries left out), as `action by actor`. */
async function peopleActions(c: TestConsole, batchId?: number): Promise<string[]> {
  return (await changesOf(c, batchId))
    .filter((entry) => entry.actor !== 'console')
    .map((entry) => `${entry.action} by ${entry.actor}`);
}

/** An account of the given roles only (the harness's own accounts have every role), signed in on first use. */
async function person(c: TestConsole, name: string, roles: Role[]): Promise<string> {
  await c.ok(TEST_ADMIN, 'addUser', { name, roles, password: TEST_PASSWORD });
  return name;
}

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function open(options: TestConsoleOptions = {}): Promise<TestConsole> {
  const c = await openTestConsole(options);
  opened.push(c);
  return c;
}

async function sandbox(options: { latencyMs?: number } = {}): Promise<RunningSandbox> {
  const running = await startSandbox({ port: 0, finalAfterMs: 200, ...options });
  opened.push(running);
  return running;
}

/** A console sending to a sandbox of its own, quickly. */
async function openSending(options: { latencyMs?: number; concurrency?: number } = {}) {
  const gate = await sandbox({ latencyMs: options.latencyMs });
  const extra = options.concurrency === undefined ? {} : { concurrency: options.concurrency };
  const c = await open({ sending: fastSending(gate.url, extra) });
  return { c, gate };
}

/** Imports `rows` rows (payoutFile's) as `importer`; returns the new batch id. */
async function draft(c: TestConsole, rows = 3, prefix = 'P', importer = 'alice'): Promise<number> {
  const report = await c.ok(importer, 'importFile', { file: payoutFile(rows, prefix) });
  if (report.batch_id === null) throw new Error(`import refused: ${report.refused?.message}`);
  return report.batch_id;
}

async function approved(c: TestConsole, rows = 3, prefix = 'P'): Promise<number> {
  const id = await draft(c, rows, prefix);
  await c.ok('bob', 'approveBatch', { batchId: id });
  return id;
}

async function batch(c: TestConsole, batchId: number): Promise<BatchView> {
  return (await c.ok(null, 'batchDetail', { batchId, limit: 1 })).batch;
}

async function payoutStates(c: TestConsole, batchId: number): Promise<string[]> {
  return (await c.ok(null, 'batchStatus', { batchId })).rows.map((r) => r.status);
}

function batchEvents(c: TestConsole, batchId: number) {
  return c.events.flatMap((event) =>
    event.type === 'batch.changed' && event.batch_id === batchId ? [event.status] : [],
  );
}

describe('listBatches', () => {
  it('lists newest first with counts and sums per payout state; filters by statuses and active', async () => {
    const { c } = await openSending();
    const drafted = await draft(c, 3, 'D'); // 101 + 102 + 103
    const approvedId = await approved(c, 2, 'A'); // 101 + 102
    const rejected = await draft(c, 1, 'R');
    await c.ok('bob', 'rejectBatch', { batchId: rejected, reason: 'wrong month' });
    const sending = await approved(c, 1, 'S');
    await c.ok('carol', 'submitBatch', { batchId: sending });

    const all = await c.ok(null, 'listBatches', undefined);
    expect(all.map((b) => [b.id, b.status, b.counts, b.sums_fen])).toEqual([
      [sending, 'sending', { queued: 1 }, { queued: 10100 }],
      [rejected, 'rejected', { draft: 1 }, { draft: 10100 }],
      [approvedId, 'approved', { queued: 2 }, { queued: 20300 }],
      [drafted, 'draft', { draft: 3 }, { draft: 30600 }],
    ]);
    const ids = async (filter: Parameters<typeof c.ok<'listBatches'>>[2]) =>
      (await c.ok(null, 'listBatches', filter)).map((b) => b.id);
    expect(await ids({ statuses: ['draft', 'rejected'] })).toEqual([rejected, drafted]);
    expect(await ids({ statuses: ['approved'] })).toEqual([approvedId]);
    expect(await ids({ statuses: [] })).toEqual([]);
    expect(await ids({ active: true })).toEqual([sending]);
    expect(await ids({ active: false })).toEqual([sending, rejected, approvedId, drafted]);

    const bad = await c.runtime.app.callByName(
      'listBatches',
      { statuses: ['done'] },
      { lang: 'en', session: null, readsWithoutSession: true },
    );
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'Invalid statuses[0]: expected one of draft, approved, sending, paused, completed, cancelled, rejected, blocked.',
      },
    });
  });
});

describe('batchDetail', () => {
  it('pages through the payouts in file order, with the total, card numbers masked', async () => {
    const c = await open();
    const id = await draft(c, 5);
    const page = await c.ok(null, 'batchDetail', { batchId: id, offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, offset: 1, limit: 2, batch: { id, payout_count: 5 } });
    expect(page.rows.map((r) => [r.line, r.payment_id, r.amount_fen, r.state, r.card_number])).toEqual([
      [3, 'P-2', 10200, 'draft', CARD_MASKED],
      [4, 'P-3', 10300, 'draft', CARD_MASKED],
    ]);
    expect(page.rows[0]?.reason).toBe('Imported, waiting for approval.');
    expect(JSON.stringify(page)).not.toContain(CARD);

    const rest = await c.ok(null, 'batchDetail', { batchId: id, offset: 4 });
    expect(rest).toMatchObject({ total: 5, offset: 4, limit: 100 });
    expect(rest.rows.map((r) => r.payment_id)).toEqual(['P-5']);
    expect((await c.ok(null, 'batchDetail', { batchId: id, offset: 9 })).rows).toEqual([]);

    const tooMany = await c.call(null, 'batchDetail', { batchId: id, limit: 1001 });
    expect(tooMany).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Invalid limit: expected a whole number from 1 to 1000.' },
    });
  });

  it('filters by payout state and by code (a provider code or a warning accepted at import)', async () => {
    const c = await open();
    const file = rowsFile('dup.csv', [
      row('W-1', '150.00', CARD),
      row('W-2', '150.00', CARD),
      row('W-3', '160.00'),
    ]);
    const imported = await c.ok('alice', 'importFile', { file });
    const id = imported.batch_id as number;

    const warned = await c.ok(null, 'batchDetail', { batchId: id, code: 'ROW_DUPLICATE' });
    expect(warned.total).toBe(1);
    expect(warned.rows.map((r) => [r.payment_id, r.warnings])).toEqual([['W-2', ['ROW_DUPLICATE']]]);
    expect((await c.ok(null, 'batchDetail', { batchId: id, states: ['draft'] })).total).toBe(3);
    expect((await c.ok(null, 'batchDetail', { batchId: id, states: ['queued', 'success'] })).total).toBe(0);
    expect((await c.ok(null, 'batchDetail', { batchId: id, states: ['draft'], code: 'NONE' })).total).toBe(0);
    // (Provider codes and states after sending: see 'a full send' below.)
  });

  it('reports BATCH_NOT_FOUND for a batch that does not exist, in the caller’s language', async () => {
    const c = await open();
    expect(await c.call(null, 'batchDetail', { batchId: 42 })).toEqual({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND', message: 'Batch 42 does not exist.' },
    });
    expect(await c.call(null, 'batchStatus', { batchId: 42 }, 'zh-CN')).toEqual({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND', message: '批次 42 不存在。' },
    });
  });
});

describe('batchStatus', () => {
  it('has the documented status --json shape, plus a reason in the caller’s language and final per row', async () => {
    const c = await open();
    const id = await draft(c, 2);
    const report = await c.ok(null, 'batchStatus', { batchId: id }, 'zh-CN');
    expect(Object.keys(report).sort()).toEqual([
      'batch_id',
      'batch_status',
      'counts',
      'kind',
      'rows',
      'sums_fen',
    ]);
    expect(report).toMatchObject({
      batch_id: id,
      kind: 'payout',
      batch_status: 'draft',
      counts: { draft: 2 },
      sums_fen: { draft: 20300 },
    });
    expect(report.rows).toEqual([
      {
        payment_id: 'P-1',
        status: 'draft',
        code: null,
        message: null,
        line: 2,
        amount_fen: 10100,
        send_attempts: 0,
        reason: '已导入，等待审批。',
        final: false,
      },
      {
        payment_id: 'P-2',
        status: 'draft',
        code: null,
        message: null,
        line: 3,
        amount_fen: 10200,
        send_attempts: 0,
        reason: '已导入，等待审批。',
        final: false,
      },
    ]);
    expect((await c.ok(null, 'batchStatus', { batchId: id })).rows[0]?.reason).toBe(
      'Imported, waiting for approval.',
    );
  });
});

describe('approveBatch', () => {
  const SAME_PERSON = ['alice', 'ALICE', 'ａｌｉｃｅ', 'alice\u200b', ' alice ', '\u200bAl\u00adice\u3000'];

  it('four eyes: the importer cannot approve, however the name is spelled', async () => {
    const c = await open();
    const id = await draft(c);
    for (const spelling of SAME_PERSON) {
      expect(await c.call(spelling, 'approveBatch', { batchId: id })).toEqual({
        ok: false,
        error: {
          code: 'SAME_USER_APPROVAL',
          message: `Batch ${id} was imported by alice; another person must approve it.`,
        },
      });
    }
    const zh = await c.call('ALICE', 'approveBatch', { batchId: id }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe(`批次 ${id} 由 alice 导入，必须由另一人审批。`);
    expect(await batch(c, id)).toMatchObject({ status: 'draft', approved_by: null, approved_at: null });
    expect(await payoutStates(c, id)).toEqual(['draft', 'draft', 'draft']);
    expect(await peopleActions(c)).toEqual(['batch.import by alice']);
  });

  it('another person approves: the payouts are queued, one batch.approve entry by the approver', async () => {
    const c = await open();
    const id = await draft(c);
    const result = await c.ok('bob', 'approveBatch', { batchId: id });
    expect(result.cancelled_payouts).toBe(0);
    expect(result.batch).toMatchObject({ id, status: 'approved', approved_by: 'bob', created_by: 'alice' });
    expect(await payoutStates(c, id)).toEqual(['queued', 'queued', 'queued']);
    const stored = await batch(c, id);
    expect(stored).toMatchObject({ status: 'approved', approved_by: 'bob', counts: { queued: 3 } });

    const audit = await changesOf(c, id);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['batch.import', 'alice'],
      ['batch.approve', 'bob'],
    ]);
    expect(audit[1]).toMatchObject({
      at: stored.approved_at,
      batch_id: id,
      details: { importedBy: 'alice', payoutCount: 3, totalFen: 30600 },
    });
    expect(batchEvents(c, id)).toEqual(['draft', 'approved']);
  });

  it('approving twice is BATCH_WRONG_STATUS naming the status, and changes nothing', async () => {
    const c = await open();
    const id = await approved(c);
    const before = await batch(c, id);
    expect(await c.call('carol', 'approveBatch', { batchId: id })).toEqual({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is approved; it can be approved only when draft.`,
      },
    });
    const zh = await c.call('carol', 'approveBatch', { batchId: id }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe(`批次 ${id} 当前为“已审批”，只有在“草稿”时才能审批。`);
    expect(await batch(c, id)).toEqual(before);
    expect(await peopleActions(c)).toEqual(['batch.import by alice', 'batch.approve by bob']);
  });

  // Characters that print as nothing survive NFKC: a joiner, a variation selector, Hangul fillers, the blank
  // Braille pattern. With any of them the importer is still the importer.
  for (const invisible of ['\u034f', '\ufe0f', '\u3164', '\u115f', '\u2800']) {
    const name = `alice+U+${invisible.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    it(`four eyes: ${name} (an invisible character) is still the importer`, async () => {
      const c = await open();
      const id = await draft(c);
      const result = await c.call(`alice${invisible}`, 'approveBatch', { batchId: id });
      expect(result.ok ? null : result.error.code).toBe('SAME_USER_APPROVAL');
      expect((await batch(c, id)).status).toBe('draft');
    });
  }

  it('a name that is only an invisible character is no name: no such account, no sign-in, no approval', async () => {
    const c = await open();
    const id = await draft(c);
    const added = await c.call(TEST_ADMIN, 'addUser', {
      name: '\u200b',
      roles: ['approver'],
      password: TEST_PASSWORD,
    });
    expect(added.ok ? null : added.error.code).toBe('ACCOUNT_NAME_INVALID');
    const signIn = await c.runtime.app.call(
      'signIn',
      { name: '\u200b', password: TEST_PASSWORD },
      { lang: 'en', session: null },
    );
    expect(signIn.ok ? null : signIn.error.code).toBe('SIGN_IN_FAILED');
    const result = await c.call(null, 'approveBatch', { batchId: id });
    expect(result.ok ? null : result.error.code).toBe('SIGN_IN_REQUIRED');
    expect((await batch(c, id)).approved_by).toBeNull();
  });

  it('only an approver approves (ROLE_REQUIRED for an operator), and the refusal changes nothing', async () => {
    const c = await open();
    const id = await draft(c);
    const olga = await person(c, 'olga', ['operator', 'viewer']);
    expect(await c.call(olga, 'approveBatch', { batchId: id })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(await batch(c, id)).toMatchObject({ status: 'draft', approved_by: null });
    const paula = await person(c, 'paula', ['approver']);
    expect((await c.ok(paula, 'approveBatch', { batchId: id })).batch.approved_by).toBe('paula');
    expect(await peopleActions(c)).toEqual(['batch.import by alice', 'batch.approve by paula']);
  });

  it('the approved batch it answers carries its payout counts and sums', async () => {
    const c = await open();
    const id = await draft(c);
    const result = await c.ok('bob', 'approveBatch', { batchId: id });
    expect(result.batch.counts).toEqual({ queued: 3 });
    expect(result.batch.sums_fen).toEqual({ queued: 30600 });
  });
});

describe('rejectBatch', () => {
  it('needs a reason, stores who rejected it, when and why, and only rejects a draft', async () => {
    const c = await open();
    const id = await draft(c);
    for (const reason of [undefined, '', '   ']) {
      const input = reason === undefined ? { batchId: id } : { batchId: id, reason };
      expect(await c.call('bob', 'rejectBatch', input as { batchId: number; reason: string })).toEqual({
        ok: false,
        error: {
          code: 'REASON_REQUIRED',
          message: 'Say why the batch is rejected: the importer reads the reason.',
        },
      });
    }
    const zh = await c.call('bob', 'rejectBatch', { batchId: id, reason: ' ' }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe('请填写驳回原因：导入人会看到它。');
    expect((await batch(c, id)).status).toBe('draft');

    const result = await c.ok('bob', 'rejectBatch', { batchId: id, reason: '  amounts are from May  ' });
    expect(result.batch).toMatchObject({
      status: 'rejected',
      rejected_by: 'bob',
      reject_reason: 'amounts are from May',
      approved_by: null,
    });
    const stored = await batch(c, id);
    expect(stored).toMatchObject({
      status: 'rejected',
      rejected_by: 'bob',
      reject_reason: 'amounts are from May',
    });
    // Its payouts stay drafts: nothing of a rejected batch is ever sendable.
    expect(stored.counts).toEqual({ draft: 3 });
    const audit = await changesOf(c, id);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['batch.import', 'alice'],
      ['batch.reject', 'bob'],
    ]);
    expect(audit[1]).toMatchObject({ at: stored.rejected_at, details: { reason: 'amounts are from May' } });

    // Only from draft: neither a rejected batch nor an approved one.
    expect(await c.call('carol', 'rejectBatch', { batchId: id, reason: 'again' })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is rejected; it can be rejected only when draft.`,
      },
    });
    expect(await c.call('carol', 'approveBatch', { batchId: id })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is rejected; it can be approved only when draft.`,
      },
    });
    const other = await approved(c, 1, 'Q');
    expect(await c.call('carol', 'rejectBatch', { batchId: other, reason: 'late' })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${other} is approved; it can be rejected only when draft.`,
      },
    });
    expect((await batch(c, other)).status).toBe('approved');
    expect((await peopleActions(c)).filter((a) => a.startsWith('batch.reject'))).toEqual([
      'batch.reject by bob',
    ]);
  });
});

describe('submitBatch', () => {
  it('submits only an approved batch (BATCH_WRONG_STATUS from draft)', async () => {
    const { c, gate } = await openSending();
    const id = await draft(c);
    expect(await c.call('bob', 'submitBatch', { batchId: id })).toEqual({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is draft; it can be sent only when approved.`,
      },
    });
    const zh = await c.call('bob', 'submitBatch', { batchId: id }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe(`批次 ${id} 当前为“草稿”，只有在“已审批”时才能发送。`);
    expect((await batch(c, id)).status).toBe('draft');
    expect(await peopleActions(c)).toEqual(['batch.import by alice']);
    expect(gate.ledger()).toEqual([]);
  });

  it('is idempotent for a batch already sending: no second change, no second audit entry', async () => {
    const { c, gate } = await openSending();
    const id = await approved(c);
    const first = await c.ok('carol', 'submitBatch', { batchId: id });
    expect(first.batch.status).toBe('sending');
    const again = await c.ok('dave', 'submitBatch', { batchId: id });
    expect(again).toMatchObject({ batch: { id, status: 'sending' }, cancelled_payouts: 0 });
    const submits = (await changesOf(c, id)).filter((e) => e.action === 'batch.submit');
    expect(submits).toEqual([
      expect.objectContaining({
        actor: 'carol',
        batch_id: id,
        details: { environment: 'sandbox', gate_url: gate.url, project_id: 200 },
      }),
    ]);
    expect(batchEvents(c, id)).toEqual(['draft', 'approved', 'sending']);
  });

  it('two submits at once both succeed, with one batch.submit entry', async () => {
    const { c } = await openSending();
    const id = await approved(c);
    const results = await Promise.all([
      c.call('carol', 'submitBatch', { batchId: id }),
      c.call('dave', 'submitBatch', { batchId: id }),
    ]);
    expect(results.map((r) => (r.ok ? r.value.batch.status : r.error.code))).toEqual(['sending', 'sending']);
    expect((await changesOf(c, id)).filter((e) => e.action === 'batch.submit')).toHaveLength(1);
  });

  it('in production without stored credentials: CREDENTIALS_MISSING, the batch stays approved, nothing sent', async () => {
    const c = await open({ sending: { environment: 'production', timing: { statusDelayMs: 10_000 } } });
    const id = await approved(c);
    expect(await c.call('carol', 'submitBatch', { batchId: id })).toEqual({
      ok: false,
      error: {
        code: 'CREDENTIALS_MISSING',
        message:
          'No production credentials are stored: an admin sets them first (`cup-payouts credentials set --db PATH --user NAME --project-id N`).',
      },
    });
    const zh = await c.call('carol', 'submitBatch', { batchId: id }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toMatch(/^未存储生产环境凭据/);
    expect((await batch(c, id)).status).toBe('approved');
    const rows = (await c.ok(null, 'batchStatus', { batchId: id })).rows;
    expect(rows.map((r) => [r.status, r.send_attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
    ]);
    expect(await peopleActions(c)).toEqual(['batch.import by alice', 'batch.approve by bob']);
    expect(batchEvents(c, id)).toEqual(['draft', 'approved']);
  });
});

describe('a full send against the sandbox', () => {
  let gate: RunningSandbox;
  let c: TestConsole;
  let id: number;
  let run: Awaited<ReturnType<TestConsole['runtime']['sending']['run']>>;

  beforeAll(async () => {
    gate = await startSandbox({ port: 0, finalAfterMs: 200 });
    c = await openTestConsole({ sending: fastSending(gate.url) });
    const file = rowsFile('send.csv', [
      row('F-1', '150.00', CARD),
      row('F-2', '400.00'),
      row('F-3', '250.00'),
      row('F-4', '404.00'),
      row('F-5', '99.99'),
    ]);
    id = (await c.ok('alice', 'importFile', { file })).batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId: id });
    await c.ok('carol', 'submitBatch', { batchId: id });
    run = await c.runtime.sending.run({ batchIds: [id], wait: true });
  });
  afterAll(async () => {
    await c?.close();
    await gate?.close();
  });

  it('ends completed: 400.00 and 404.00 declined, every other amount paid, each payout sent once', async () => {
    expect(run).toMatchObject({ sent: 5, recovered: 0, completedBatches: [id], stoppedBy: 'done' });
    const report = await c.ok(null, 'batchStatus', { batchId: id });
    expect(report.batch_status).toBe('completed');
    expect(report.counts).toEqual({ success: 3, decline: 2 });
    expect(report.sums_fen).toEqual({ success: 49999, decline: 80400 });
    expect(report.rows.map((r) => [r.payment_id, r.status, r.final, r.send_attempts])).toEqual([
      ['F-1', 'success', true, 1],
      ['F-2', 'decline', true, 1],
      ['F-3', 'success', true, 1],
      ['F-4', 'decline', true, 1],
      ['F-5', 'success', true, 1],
    ]);
    const ledger = new Map(gate.ledger().map((entry) => [entry.payment_id, entry]));
    expect([...ledger.keys()].sort()).toEqual(['F-1', 'F-2', 'F-3', 'F-4', 'F-5']);
    for (const entry of ledger.values())
      expect(entry).toMatchObject({ requests: 1, requests_after_registered: 0 });
    expect(ledger.get('F-2')).toMatchObject({ amount: 40000, status: 'decline' });
    const [listed] = await c.ok(null, 'listBatches', { statuses: ['completed'] });
    expect(listed).toMatchObject({ id, counts: { success: 3, decline: 2 } });
  });

  it("emits 'batch.changed' (sending, then completed) and 'payouts.changed' for the batch", () => {
    expect(batchEvents(c, id)).toEqual(['draft', 'approved', 'sending', 'completed']);
    const changed = c.events.filter((e) => e.type === 'payouts.changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const event of changed) expect(event).toEqual({ type: 'payouts.changed', batch_ids: [id] });
    expect(c.events.some((e) => e.type === 'sending.progress')).toBe(true);
    expect(c.events.some((e) => e.type === 'engine.error')).toBe(false);
  });

  it('batchDetail filters by the provider’s states and codes; batchStatus explains them in Chinese', async () => {
    const declined = await c.ok(null, 'batchDetail', { batchId: id, states: ['decline'] });
    expect(declined.total).toBe(2);
    expect(declined.rows.map((r) => [r.payment_id, r.code])).toEqual([
      ['F-2', '20105'],
      ['F-4', '20106'],
    ]);
    const byCode = await c.ok(null, 'batchDetail', { batchId: id, code: '20106' });
    expect(byCode.rows.map((r) => r.payment_id)).toEqual(['F-4']);
    expect(byCode.rows[0]?.final_at).toEqual(expect.any(String));
    expect(byCode.rows[0]?.reason).toMatch(/^The payee's card or account is closed/);

    const zh = await c.ok(null, 'batchStatus', { batchId: id }, 'zh-CN');
    expect(zh.rows.find((r) => r.payment_id === 'F-2')?.reason).toBe(
      '银行拒绝：收款人账户无法入账。未付款；如仍需支付，请作为新的付款重新发起。',
    );
    expect(zh.rows.find((r) => r.payment_id === 'F-1')?.reason).toMatch(/^已付款。/);
  });

  it('recheck of the completed batch: nothing changed, one batch.recheck entry with checked and changed', async () => {
    const before = await changesOf(c, id);
    c.events.length = 0;
    const result = await c.ok('dave', 'recheckBatch', { batchId: id });
    expect(result).toMatchObject({ checked: 3, changed: 0, report: { batch_status: 'completed' } });
    expect(result.report.counts).toEqual({ success: 3, decline: 2 });
    const after = await changesOf(c, id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        actor: 'dave',
        action: 'batch.recheck',
        batch_id: id,
        details: { checked: 3, changed: 0 },
      }),
    ]);
    expect(c.events.filter((e) => e.type === 'payouts.changed')).toEqual([]);
    // Asking again sent nothing.
    for (const entry of gate.ledger()) expect(entry.requests).toBe(1);
  });
});

describe('pauseBatch and resumeBatch', () => {
  it('pause stops sending until resume; resuming a batch that is not paused changes nothing', async () => {
    const { c, gate } = await openSending();
    const id = await approved(c, 2);
    await c.ok('carol', 'submitBatch', { batchId: id });

    const paused = await c.ok('dave', 'pauseBatch', { batchId: id });
    expect(paused.batch.status).toBe('paused');
    expect(await c.call('dave', 'pauseBatch', { batchId: id })).toEqual({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is paused; it can be paused only when sending.`,
      },
    });
    // The engine leaves a paused batch's queued payouts where they are.
    const idle = await c.runtime.sending.run({ batchIds: [id], wait: false });
    expect(idle.sent).toBe(0);
    expect(await payoutStates(c, id)).toEqual(['queued', 'queued']);
    expect(gate.ledger()).toEqual([]);

    const resumed = await c.ok('erin', 'resumeBatch', { batchId: id });
    expect(resumed.batch.status).toBe('sending');
    const trail = await peopleActions(c, id);
    const again = await c.ok('frank', 'resumeBatch', { batchId: id });
    expect(again).toMatchObject({ batch: { status: 'sending' }, cancelled_payouts: 0 });
    expect(await peopleActions(c, id)).toEqual(trail);
    expect(trail).toEqual([
      'batch.import by alice',
      'batch.approve by bob',
      'batch.submit by carol',
      'batch.pause by dave',
      'batch.resume by erin',
    ]);
    // Nor does resuming a batch never sent start it.
    const other = await approved(c, 1, 'Q');
    expect((await c.ok('frank', 'resumeBatch', { batchId: other })).batch.status).toBe('approved');
    expect((await peopleActions(c, other)).at(-1)).toBe('batch.approve by bob');

    const sent = await c.runtime.sending.run({ batchIds: [id], wait: false });
    expect(sent.sent).toBe(2);
    expect(batchEvents(c, id)).toEqual(['draft', 'approved', 'sending', 'paused', 'sending']);
  });
});

describe('cancelBatch', () => {
  it('cancels the queued payouts, not the one already sent, which is followed to its end', async () => {
    // One request at a time, each answered after 500 ms: the first payout is in flight when the batch is
    // cancelled.
    const { c, gate } = await openSending({ latencyMs: 500, concurrency: 1 });
    const id = await approved(c, 4);
    await c.ok('carol', 'submitBatch', { batchId: id });
    // dave signs in before sending starts: signing in takes longer than one answer.
    await c.ok('dave', 'batchStatus', { batchId: id });
    const running = c.runtime.sending.run({ batchIds: [id], wait: true });
    await waitUntil(async () => (await payoutStates(c, id)).includes('sending'));

    const result = await c.ok('dave', 'cancelBatch', { batchId: id });
    expect(result.cancelled_payouts).toBe(3);
    expect(result.batch.status).toBe('cancelled');
    const summary = await running;
    expect(summary.sent).toBe(1);

    const detail = await c.ok(null, 'batchDetail', { batchId: id });
    expect(detail.batch).toMatchObject({ status: 'cancelled', counts: { success: 1, cancelled: 3 } });
    const [first, ...rest] = detail.rows;
    expect(first).toMatchObject({ payment_id: 'P-1', state: 'success', send_attempts: 1 });
    const cancelEntry = (await changesOf(c, id)).find((e) => e.action === 'batch.cancel');
    expect(cancelEntry).toMatchObject({ actor: 'dave', details: { cancelledPayouts: 3 } });
    for (const payout of rest) {
      expect(payout).toMatchObject({ state: 'cancelled', send_attempts: 0, final_at: cancelEntry?.at });
      expect(payout.reason).toBe('Cancelled before it was sent; nothing was paid.');
    }
    expect(gate.ledger().map((entry) => [entry.payment_id, entry.status])).toEqual([['P-1', 'success']]);

    expect(await c.call('dave', 'cancelBatch', { batchId: id })).toEqual({
      ok: false,
      error: {
        code: 'BATCH_WRONG_STATUS',
        message: `Batch ${id} is cancelled; it can be cancelled only when approved or sending or paused or blocked.`,
      },
    });
    expect((await peopleActions(c, id)).filter((a) => a.startsWith('batch.cancel'))).toEqual([
      'batch.cancel by dave',
    ]);
  });

  it('cancels an approved batch before anything was sent: every payout cancelled', async () => {
    const c = await open();
    const id = await approved(c, 2);
    const result = await c.ok('dave', 'cancelBatch', { batchId: id });
    expect(result).toMatchObject({ cancelled_payouts: 2, batch: { status: 'cancelled' } });
    expect(await payoutStates(c, id)).toEqual(['cancelled', 'cancelled']);
    const draftId = await draft(c, 1, 'Q');
    expect(await c.call('dave', 'cancelBatch', { batchId: draftId })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_WRONG_STATUS' },
    });
    expect(await payoutStates(c, draftId)).toEqual(['draft']);
  });

  it('a cancelled batch with nothing in flight is no longer active', async () => {
    const c = await open();
    const id = await approved(c, 2);
    await c.ok('dave', 'cancelBatch', { batchId: id });
    expect(await payoutStates(c, id)).toEqual(['cancelled', 'cancelled']);
    const changed = await c.call('admin', 'changeSettings', { changes: { environment: 'production' } });
    expect(changed.ok ? null : changed.error).toBeNull();
    expect(await c.ok(null, 'listBatches', { active: true })).toEqual([]);
  });
});

describe('recheckBatch', () => {
  it('a batch never sent cannot be rechecked, and nothing is audited', async () => {
    const { c } = await openSending();
    const id = await draft(c);
    const result = await c.call('dave', 'recheckBatch', { batchId: id });
    expect(result.ok ? null : result.error.code).toBe('BATCH_WRONG_STATUS');
    expect(await peopleActions(c, id)).toEqual(['batch.import by alice']);
  });
});

describe('the audit trail', () => {
  it('every operation that changes something writes exactly one entry with its actor; failures write none', async () => {
    const { c } = await openSending();
    const a = await draft(c, 2, 'A', 'alice');
    await c.ok('bob', 'approveBatch', { batchId: a });
    await c.ok('carol', 'submitBatch', { batchId: a });
    await c.ok('dave', 'pauseBatch', { batchId: a });
    await c.ok('erin', 'resumeBatch', { batchId: a });
    await c.ok('frank', 'cancelBatch', { batchId: a });
    await c.ok('gina', 'recheckBatch', { batchId: a });
    const b = await draft(c, 1, 'B', 'hugo');
    await c.ok('ivan', 'rejectBatch', { batchId: b, reason: 'duplicate of A' });
    const vera = await person(c, 'vera', ['viewer']);

    // Refusals of every kind on the way leave no trace.
    const refusals = [
      await c.call(null, 'approveBatch', { batchId: b }),
      await c.call(vera, 'approveBatch', { batchId: b }),
      await c.call('hugo', 'approveBatch', { batchId: b }),
      await c.call('ivan', 'submitBatch', { batchId: b }),
      await c.call('ivan', 'pauseBatch', { batchId: a }),
      await c.call('ivan', 'cancelBatch', { batchId: 99 }),
      await c.call('ivan', 'rejectBatch', { batchId: b, reason: '' }),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'SIGN_IN_REQUIRED',
      'ROLE_REQUIRED',
      'SAME_USER_APPROVAL',
      'BATCH_WRONG_STATUS',
      'BATCH_WRONG_STATUS',
      'BATCH_NOT_FOUND',
      'REASON_REQUIRED',
    ]);

    const trail = await changesOf(c);
    expect(trail.map((e) => [e.action, e.actor, e.batch_id])).toEqual([
      ['batch.import', 'alice', a],
      ['batch.approve', 'bob', a],
      ['batch.submit', 'carol', a],
      ['batch.pause', 'dave', a],
      ['batch.resume', 'erin', a],
      ['batch.cancel', 'frank', a],
      ['batch.recheck', 'gina', a],
      ['batch.import', 'hugo', b],
      ['batch.reject', 'ivan', b],
    ]);
    expect(trail.map((e) => e.id)).toEqual([...trail.map((e) => e.id)].sort((x, y) => x - y));
    expect(await changesOf(c, b)).toEqual(trail.slice(-2));
    // Paging through the trail (of batch actions: the accounts the harness made are on it too).
    expect(await c.ok(null, 'auditTrail', { action: 'batch.', offset: 2, limit: 3 })).toEqual(
      trail.slice(2, 5),
    );
  });
});
