import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/store/sqlite/audit.js';
import { insertDraftBatch } from '../../electron/core/store/sqlite/batches.js';
import { openDatabase, type Database } from '../../electron/core/store/sqlite/database.js';
import { Journal } from '../../electron/core/store/sqlite/journal.js';
import type { BatchStatus, PayoutTransition } from '../../electron/core/store/types.js';
import type { PayoutDraft } from '../../electron/core/types.js';
import { newTestKeys, protectorOf, unlockDatabase } from './submissionHarness.js';

/**
 * The delivery journal against a real SQLite file: what each query picks, what each change writes (the row
 * and its event), and that every change is a compare-and-set on the state the engine last saw.
 */

const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

let dir: string;
let db: Database;
let journal: Journal;
/** The installation key the payee data is sealed under, as an import stores it. */
const keys = newTestKeys();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-journal-'));
  db = openDatabase(join(dir, 'console.sqlite'));
  // Nothing audited is written before the key is unlocked.
  await unlockDatabase(db, keys);
  journal = new Journal(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function draft(paymentId: string): PayoutDraft {
  return {
    payment_id: paymentId,
    amount_fen: 12_345,
    currency: 'CNY',
    card_number: '6222021234567894',
    bank_id: 1,
    region_id: 11,
    last_name: '张',
    first_name: '伟',
    customer_id: '',
    phone: '',
    email: '',
    id_number: '',
    branch: '',
    bank_city: '',
    province: '',
    city: '',
    street: '',
    zip: '',
    description: '',
  };
}

let batchSeq = 0;

/** A batch of `count` queued payouts, in batch status `status`; returns its id and its payout ids. */
function batchOf(count: number, status: BatchStatus = 'sending'): { batchId: number; ids: number[] } {
  batchSeq++;
  const audit = { actor: 'alice', action: 'test', at: iso(T0), details: {} };
  const { batchId } = insertDraftBatch(
    db,
    {
      method: 'cup-p2p',
      sourceFileName: `batch-${batchSeq}.csv`,
      sourceSha256: String(batchSeq).padStart(64, '0'),
      encoding: 'utf-8',
      delimiter: ',',
      rowCount: count,
      createdBy: 'alice',
      droppedErrorRows: 0,
      payouts: Array.from({ length: count }, (_, i) => ({
        line: i + 2,
        payout: draft(`B${batchSeq}-P${i + 1}`),
        warnings: [],
      })),
      protect: protectorOf(keys),
    },
    audit,
  );
  // As approving and starting to send leave it (set directly: what the journal reads is all that matters).
  db.prepare(`UPDATE payouts SET state = 'queued' WHERE batch_id = ?`).run(batchId);
  db.prepare('UPDATE batches SET status = ? WHERE id = ?').run(status, batchId);
  const ids = db
    .prepare('SELECT id FROM payouts WHERE batch_id = ? ORDER BY id')
    .pluck()
    .all(batchId) as number[];
  return { batchId, ids };
}

interface Row {
  state: string;
  send_attempts: number;
  first_sent_at_ms: number | null;
  last_sent_at_ms: number | null;
  next_check_at_ms: number | null;
  request_sha256: string | null;
  code: string | null;
  message: string | null;
  status_checks: number;
}

const row = (id: number): Row =>
  db
    .prepare(
      `SELECT state, send_attempts, first_sent_at_ms, last_sent_at_ms, next_check_at_ms, request_sha256, code,
         message, status_checks FROM payouts WHERE id = ?`,
    )
    .get(id) as Row;

/** Puts a payout straight into a state (as earlier answers would have), without an event. */
function setRow(id: number, values: Record<string, string | number | null>): void {
  const columns = Object.keys(values);
  db.prepare(`UPDATE payouts SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
    ...values,
    id,
  });
}

const events = (id: number) =>
  (
    db
      .prepare('SELECT at, from_state, to_state, detail FROM payout_events WHERE payout_id = ? ORDER BY id')
      .all(id) as Array<{ at: string; from_state: string; to_state: string; detail: string }>
  ).map((e) => ({ ...e, detail: JSON.parse(e.detail) as unknown }));

const batchStatus = (batchId: number) =>
  db.prepare('SELECT status FROM batches WHERE id = ?').pluck().get(batchId) as string;

const ids = (rows: ReadonlyArray<{ id: number }>) => rows.map((r) => r.id);

const accepted = (reference: string): PayoutTransition => ({
  state: 'accepted',
  set: { request_id: `r-${reference}`, next_check_at_ms: T0 + 10_000, code: null },
  event: { answer: 'accepted', http_status: 200 },
});

describe('claimForSending', () => {
  it('journals queued → sending with the attempt, the times and the digest, and an event', () => {
    const {
      ids: [id],
    } = batchOf(1);
    setRow(id!, { next_check_at_ms: T0 - 1 });
    expect(journal.claimForSending(id!, T0, 'd1')).toBe('claimed');
    expect(row(id!)).toMatchObject({
      state: 'sending',
      send_attempts: 1,
      first_sent_at_ms: T0,
      last_sent_at_ms: T0,
      next_check_at_ms: null,
      request_sha256: 'd1',
    });
    expect(events(id!)).toEqual([
      { at: iso(T0), from_state: 'queued', to_state: 'sending', detail: { send: 'request leaving' } },
    ]);
  });

  it('keeps the first send time and digest on a resend of the same data', () => {
    const {
      ids: [id],
    } = batchOf(1);
    journal.claimForSending(id!, T0, 'd1');
    setRow(id!, { state: 'queued' }); // the provider said it never registered it
    expect(journal.claimForSending(id!, T0 + 5_000, 'd1')).toBe('claimed');
    expect(row(id!)).toMatchObject({
      state: 'sending',
      send_attempts: 2,
      first_sent_at_ms: T0,
      last_sent_at_ms: T0 + 5_000,
      request_sha256: 'd1',
    });
  });

  it('refuses a resend with different data ("changed") and a payout no longer queued ("taken")', () => {
    const {
      ids: [a, b],
    } = batchOf(2);
    journal.claimForSending(a!, T0, 'd1');
    setRow(a!, { state: 'queued' });
    expect(journal.claimForSending(a!, T0 + 1, 'other')).toBe('changed');
    expect(row(a!)).toMatchObject({ state: 'queued', send_attempts: 1, request_sha256: 'd1' });

    expect(journal.claimForSending(b!, T0, 'd2')).toBe('claimed');
    expect(journal.claimForSending(b!, T0 + 1, 'd2')).toBe('taken');
    expect(row(b!)).toMatchObject({ state: 'sending', send_attempts: 1, last_sent_at_ms: T0 });
    expect(events(b!)).toHaveLength(1);
  });
});

describe('apply', () => {
  it('changes only a payout still in the state the engine saw, writing the listed columns and an event', () => {
    const {
      ids: [id],
    } = batchOf(1);
    journal.claimForSending(id!, T0, 'd');
    setRow(id!, { code: 'old', message: 'kept' });
    expect(journal.apply(id!, 'queued', accepted('x'), T0 + 1)).toBe(false);
    expect(row(id!).state).toBe('sending');

    expect(journal.apply(id!, 'sending', accepted('x'), T0 + 2)).toBe(true);
    expect(row(id!)).toMatchObject({
      state: 'accepted',
      code: null,
      message: 'kept',
      next_check_at_ms: T0 + 10_000,
    });
    expect(db.prepare('SELECT request_id FROM payouts WHERE id = ?').pluck().get(id)).toBe('r-x');
    expect(events(id!).at(-1)).toEqual({
      at: iso(T0 + 2),
      from_state: 'sending',
      to_state: 'accepted',
      detail: { answer: 'accepted', http_status: 200 },
    });
    expect(events(id!)).toHaveLength(2);
  });

  it('applies a transition that only changes the state', () => {
    const {
      ids: [id],
    } = batchOf(1);
    expect(journal.apply(id!, 'queued', { state: 'rejected', set: {}, event: {} }, T0)).toBe(true);
    expect(row(id!).state).toBe('rejected');
  });
});

describe('recoverInterrupted', () => {
  it('turns rows left in sending into unknown, to be asked about after the status delay', () => {
    const {
      ids: [recent, old, never, queued],
    } = batchOf(4);
    journal.claimForSending(recent!, T0 - 1_000, 'a');
    journal.claimForSending(old!, T0 - 60_000, 'b');
    journal.claimForSending(never!, T0, 'c');
    setRow(never!, { last_sent_at_ms: null });

    expect(journal.recoverInterrupted(T0, 10_000)).toBe(3);
    expect(row(recent!)).toMatchObject({
      state: 'unknown',
      message: 'interrupted while sending: outcome unknown',
      next_check_at_ms: T0 + 9_000, // sent at T0 - 1 s, asked 10 s after sending
    });
    expect(row(old!)).toMatchObject({ state: 'unknown', next_check_at_ms: T0 }); // not in the past
    expect(row(never!)).toMatchObject({ state: 'unknown', next_check_at_ms: T0 + 10_000 });
    expect(row(queued!).state).toBe('queued');
    expect(events(recent!).at(-1)).toEqual({
      at: iso(T0),
      from_state: 'sending',
      to_state: 'unknown',
      detail: { recovered: 'process stopped while the request was in flight' },
    });
    expect(journal.recoverInterrupted(T0, 10_000)).toBe(0);
  });

  it('recovers only the batches in scope', () => {
    const a = batchOf(1);
    const b = batchOf(1);
    journal.claimForSending(a.ids[0]!, T0, 'a');
    journal.claimForSending(b.ids[0]!, T0, 'b');
    expect(journal.recoverInterrupted(T0, 10_000, { batchIds: [b.batchId] })).toBe(1);
    expect(row(a.ids[0]!).state).toBe('sending');
    expect(row(b.ids[0]!).state).toBe('unknown');
  });
});

describe('queued', () => {
  it('lists queued payouts of sending batches only, by batch then id, up to the limit', () => {
    const a = batchOf(3);
    const b = batchOf(2);
    batchOf(2, 'paused');
    batchOf(1, 'approved');
    journal.claimForSending(a.ids[0]!, T0, 'x');
    expect(ids(journal.queued(10))).toEqual([a.ids[1], a.ids[2], ...b.ids]);
    expect(ids(journal.queued(3))).toEqual([a.ids[1], a.ids[2], b.ids[0]]);
    expect(journal.queued(1)[0]).toMatchObject({
      id: a.ids[1],
      state: 'queued',
      method: 'cup-p2p',
      batch_status: 'sending',
    });
  });

  it('skips excluded payouts and still returns up to the limit', () => {
    const a = batchOf(4);
    expect(ids(journal.queued(2, {}, new Set([a.ids[0]!, a.ids[1]!])))).toEqual([a.ids[2], a.ids[3]]);
    // Exclusions that are not queued (payouts in flight) leave no room for more than the limit.
    expect(ids(journal.queued(2, {}, new Set([9_999, 9_998])))).toEqual([a.ids[0], a.ids[1]]);
  });

  it('keeps to the scope: the listed batches, none for an empty list, and ignores ids that are not integers', () => {
    const a = batchOf(1);
    const b = batchOf(1);
    expect(ids(journal.queued(10, { batchIds: [b.batchId] }))).toEqual(b.ids);
    expect(ids(journal.queued(10, { batchIds: [a.batchId, b.batchId] }))).toEqual([...a.ids, ...b.ids]);
    expect(journal.queued(10, { batchIds: [] })).toEqual([]);
    expect(ids(journal.queued(10, { batchIds: [a.batchId, 1.5, Number.NaN] }))).toEqual(a.ids);
    expect(journal.queued(10, { batchIds: [Number.NaN] })).toEqual([]);
  });
});

describe('due status checks', () => {
  /** Four payouts awaiting the provider, due at T0 + 30, + 10, + 20 and + 40. */
  function awaiting(status: BatchStatus = 'sending') {
    const b = batchOf(4, status);
    const due = [30, 10, 20, 40];
    b.ids.forEach((id, i) =>
      setRow(id, { state: i === 3 ? 'processing' : 'accepted', next_check_at_ms: T0 + due[i]! }),
    );
    return b;
  }

  it('lists payouts awaiting the provider whose check is due, earliest first, up to the limit', () => {
    const b = awaiting();
    expect(ids(journal.dueChecks(T0 + 30, 10))).toEqual([b.ids[1], b.ids[2], b.ids[0]]);
    expect(ids(journal.dueChecks(T0 + 30, 2))).toEqual([b.ids[1], b.ids[2]]);
    expect(ids(journal.dueChecks(T0 + 9, 10))).toEqual([]);
    expect(ids(journal.dueChecks(T0 + 100, 2, {}, new Set([b.ids[1]!])))).toEqual([b.ids[2], b.ids[0]]);
    expect(ids(journal.dueChecks(T0 + 100, 2, {}, new Set([9_999])))).toEqual([b.ids[1], b.ids[2]]);
    expect(journal.nextCheckAt()).toBe(T0 + 10);
  });

  it('follows up paused and cancelled batches, not completed ones', () => {
    const paused = awaiting('paused');
    expect(ids(journal.dueChecks(T0 + 10, 10))).toEqual([paused.ids[1]]);
    db.prepare(`UPDATE batches SET status = 'cancelled' WHERE id = ?`).run(paused.batchId);
    expect(ids(journal.dueChecks(T0 + 10, 10))).toEqual([paused.ids[1]]);
    expect(journal.nextCheckAt()).toBe(T0 + 10);
    db.prepare(`UPDATE batches SET status = 'completed' WHERE id = ?`).run(paused.batchId);
    expect(journal.dueChecks(T0 + 100, 10)).toEqual([]);
    expect(journal.nextCheckAt()).toBeNull();
  });

  it('does not ask about queued, settled or unscheduled payouts', () => {
    const b = batchOf(5);
    setRow(b.ids[0]!, { next_check_at_ms: T0 }); // queued
    setRow(b.ids[1]!, { state: 'success', next_check_at_ms: T0 });
    setRow(b.ids[2]!, { state: 'needs_attention', next_check_at_ms: T0 });
    setRow(b.ids[3]!, { state: 'rejected', next_check_at_ms: T0 });
    setRow(b.ids[4]!, { state: 'unknown', next_check_at_ms: null });
    expect(journal.dueChecks(T0 + 1_000_000, 10)).toEqual([]);
    expect(journal.nextCheckAt()).toBeNull();
    setRow(b.ids[4]!, { next_check_at_ms: T0 + 5 });
    expect(ids(journal.dueChecks(T0 + 5, 10))).toEqual([b.ids[4]]);
    expect(journal.nextCheckAt()).toBe(T0 + 5);
  });

  it('keeps to the scope', () => {
    const a = awaiting();
    const b = awaiting();
    setRow(b.ids[1]!, { next_check_at_ms: T0 + 50 });
    expect(ids(journal.dueChecks(T0 + 10, 10, { batchIds: [a.batchId] }))).toEqual([a.ids[1]]);
    expect(journal.dueChecks(T0 + 10, 10, { batchIds: [b.batchId] })).toEqual([]);
    expect(journal.nextCheckAt({ batchIds: [b.batchId] })).toBe(T0 + 20);
    expect(journal.nextCheckAt({ batchIds: [] })).toBeNull();
  });
});

describe('openWork and nextWork', () => {
  it('counts queued payouts of sending batches and payouts awaiting the provider in active batches', () => {
    expect(journal.openWork()).toEqual({ queued: 0, awaiting: 0 });
    const a = batchOf(4);
    const paused = batchOf(2, 'paused');
    setRow(a.ids[0]!, { state: 'accepted' });
    setRow(a.ids[1]!, { state: 'success' });
    setRow(paused.ids[0]!, { state: 'unknown' });
    expect(journal.openWork()).toEqual({ queued: 2, awaiting: 2 });
    expect(journal.openWork({ batchIds: [paused.batchId] })).toEqual({ queued: 0, awaiting: 1 });
    expect(journal.openWork({ batchIds: [] })).toEqual({ queued: 0, awaiting: 0 });
  });

  it('gives due checks first and fills the rest of the limit with sends', () => {
    const b = batchOf(4);
    setRow(b.ids[0]!, { state: 'accepted', next_check_at_ms: T0 });
    expect(journal.nextWork(T0, 3, {}, new Set())).toEqual({
      checks: [expect.objectContaining({ id: b.ids[0] })],
      sends: [expect.objectContaining({ id: b.ids[1] }), expect.objectContaining({ id: b.ids[2] })],
    });
    setRow(b.ids[1]!, { state: 'accepted', next_check_at_ms: T0 });
    const full = journal.nextWork(T0, 2, {}, new Set());
    expect(ids(full.checks)).toEqual([b.ids[0], b.ids[1]]);
    expect(full.sends).toEqual([]);
  });
});

describe('commitTurn', () => {
  it('applies the answers and claims the sends in one go, and returns what it claimed', () => {
    const b = batchOf(4);
    journal.claimForSending(b.ids[0]!, T0, 'd0');
    journal.claimForSending(b.ids[3]!, T0, 'd3');
    setRow(b.ids[3]!, { state: 'queued' }); // to be resent, with other data this time
    const notSent: PayoutTransition = {
      state: 'needs_attention',
      set: { message: 'data changed' },
      event: { changed: true },
    };
    const claimed = journal.commitTurn(
      [{ payoutId: b.ids[0]!, fromState: 'sending', transition: accepted('a') }],
      [
        { payoutId: b.ids[1]!, digest: 'd1', ifChanged: notSent },
        { payoutId: b.ids[0]!, digest: 'd0', ifChanged: notSent },
        { payoutId: b.ids[3]!, digest: 'other', ifChanged: notSent },
      ],
      T0 + 100,
    );
    expect([...claimed]).toEqual([b.ids[1]]);
    expect(row(b.ids[0]!).state).toBe('accepted');
    expect(row(b.ids[1]!)).toMatchObject({ state: 'sending', last_sent_at_ms: T0 + 100 });
    expect(row(b.ids[2]!).state).toBe('queued');
    expect(row(b.ids[3]!)).toMatchObject({ state: 'needs_attention', message: 'data changed' });
    expect(events(b.ids[3]!).at(-1)).toMatchObject({ from_state: 'queued', to_state: 'needs_attention' });
  });

  it('writes nothing when part of the turn fails', () => {
    const b = batchOf(2);
    const broken = {
      state: 'accepted',
      set: { no_such_column: 1 },
      event: {},
    } as unknown as PayoutTransition;
    expect(() =>
      journal.commitTurn(
        [{ payoutId: b.ids[0]!, fromState: 'queued', transition: broken }],
        [{ payoutId: b.ids[1]!, digest: 'd', ifChanged: broken }],
        T0,
      ),
    ).toThrow();
    expect(row(b.ids[1]!).state).toBe('queued');
  });
});

describe('rechecks', () => {
  it('lists a batch’s successes and needs_attention payouts, in id order', () => {
    const b = batchOf(4);
    const other = batchOf(1);
    setRow(b.ids[0]!, { state: 'needs_attention' });
    setRow(b.ids[1]!, { state: 'decline' });
    setRow(b.ids[2]!, { state: 'success' });
    setRow(other.ids[0]!, { state: 'success' });
    expect(journal.settledForRecheck(b.batchId)).toEqual([
      expect.objectContaining({ id: b.ids[0], state: 'needs_attention', batch_status: 'sending' }),
      expect.objectContaining({ id: b.ids[2], state: 'success' }),
    ]);
  });

  it('applies a recheck with its audit entry, counting the changes that applied', () => {
    const b = batchOf(2);
    setRow(b.ids[0]!, { state: 'needs_attention' });
    setRow(b.ids[1]!, { state: 'needs_attention' });
    const success: PayoutTransition = {
      state: 'success',
      set: { final_at: iso(T0) },
      event: { recheck: true },
    };
    const applied = journal.applyRecheck(
      [
        { payoutId: b.ids[0]!, fromState: 'needs_attention', transition: success },
        { payoutId: b.ids[1]!, fromState: 'processing', transition: success },
      ],
      T0,
      { actor: 'bob', action: 'batch.recheck', batchId: b.batchId, details: { asked: 2 }, at: iso(T0) },
    );
    expect(applied).toBe(1);
    expect(row(b.ids[0]!).state).toBe('success');
    expect(row(b.ids[1]!).state).toBe('needs_attention');
    expect(listAudit(db, { batchId: b.batchId }).at(-1)).toMatchObject({
      actor: 'bob',
      action: 'batch.recheck',
      details: { asked: 2, changed: 1 },
    });
  });
});

describe('completeSettledBatches', () => {
  it('completes sending and paused batches whose payouts are all final, rejected or cancelled', () => {
    const done = batchOf(4);
    setRow(done.ids[0]!, { state: 'success' });
    setRow(done.ids[1]!, { state: 'decline' });
    setRow(done.ids[2]!, { state: 'rejected' });
    setRow(done.ids[3]!, { state: 'cancelled' });
    const paused = batchOf(1, 'paused');
    setRow(paused.ids[0]!, { state: 'reversed' });
    const attention = batchOf(2);
    setRow(attention.ids[0]!, { state: 'success' });
    setRow(attention.ids[1]!, { state: 'needs_attention' });
    const open = batchOf(1);
    setRow(open.ids[0]!, { state: 'processing' });
    const approved = batchOf(1, 'approved');
    setRow(approved.ids[0]!, { state: 'success' });

    expect(journal.completeSettledBatches(T0)).toEqual([done.batchId, paused.batchId]);
    expect(batchStatus(done.batchId)).toBe('completed');
    expect(batchStatus(paused.batchId)).toBe('completed');
    expect(batchStatus(attention.batchId)).toBe('sending');
    expect(batchStatus(open.batchId)).toBe('sending');
    expect(batchStatus(approved.batchId)).toBe('approved');
    expect(listAudit(db, { batchId: done.batchId }).at(-1)).toMatchObject({
      actor: 'console',
      action: 'batch.completed',
      batch_id: done.batchId,
      details: {},
      at: iso(T0),
    });
    expect(journal.completeSettledBatches(T0 + 1)).toEqual([]);
  });
});

describe('environment bindings', () => {
  const sandbox = { environment: 'sandbox', gateUrl: null, projectId: 200 } as const;
  const production = {
    environment: 'production',
    gateUrl: "https://gate.example/o'neil",
    projectId: 7,
  } as const;

  function bind(batchId: number, to: { environment: string; gateUrl: string | null; projectId: number }) {
    db.prepare('UPDATE batches SET environment = ?, gate_url = ?, project_id = ? WHERE id = ?').run(
      to.environment,
      to.gateUrl,
      to.projectId,
      batchId,
    );
  }

  it('keeps to the batches bound to one environment, gate and project', () => {
    const a = batchOf(1);
    const b = batchOf(1);
    const c = batchOf(1);
    const d = batchOf(1);
    bind(a.batchId, sandbox);
    bind(b.batchId, production);
    bind(c.batchId, { ...production, projectId: 8 });
    bind(d.batchId, { ...production, gateUrl: null });
    expect(ids(journal.queued(10, { binding: sandbox }))).toEqual(a.ids);
    expect(ids(journal.queued(10, { binding: production }))).toEqual(b.ids);
    expect(ids(journal.queued(10, { batchIds: [a.batchId, b.batchId], binding: production }))).toEqual(b.ids);
    expect(journal.queued(10, { batchIds: [c.batchId], binding: production })).toEqual([]);
    // A project id that is not an integer matches no real project.
    bind(c.batchId, { ...production, projectId: 1 });
    expect(journal.queued(10, { binding: { ...production, projectId: Number.NaN } })).toEqual([]);
  });

  it('groups the active batches in scope by their binding, unbound ones together', () => {
    const a = batchOf(1);
    const b = batchOf(1, 'paused');
    const c = batchOf(1, 'blocked');
    const d = batchOf(1, 'cancelled');
    const e = batchOf(1);
    const f = batchOf(1);
    const done = batchOf(1, 'completed');
    bind(a.batchId, sandbox);
    bind(b.batchId, production);
    bind(c.batchId, sandbox);
    bind(done.batchId, sandbox);
    // Half a binding is none.
    db.prepare(`UPDATE batches SET environment = 'sandbox', project_id = NULL WHERE id = ?`).run(e.batchId);
    db.prepare('UPDATE batches SET environment = NULL, project_id = 7 WHERE id = ?').run(f.batchId);
    expect(journal.activeBindings({})).toEqual([
      { binding: sandbox, batchIds: [a.batchId, c.batchId] },
      { binding: production, batchIds: [b.batchId] },
      { binding: null, batchIds: [d.batchId, e.batchId, f.batchId] },
    ]);
    expect(journal.activeBindings({ batchIds: [b.batchId, e.batchId] })).toEqual([
      { binding: production, batchIds: [b.batchId] },
      { binding: null, batchIds: [e.batchId] },
    ]);
  });

  it('binds only batches not bound yet', () => {
    const a = batchOf(1);
    const b = batchOf(1);
    bind(b.batchId, production);
    const entries = listAudit(db).length;
    journal.bindUnbound([a.batchId, b.batchId], sandbox);
    expect(journal.activeBindings({})).toEqual([
      { binding: sandbox, batchIds: [a.batchId] },
      { binding: production, batchIds: [b.batchId] },
    ]);
    // Where an upgraded database's batch now goes is on its record; the batch bound already gets no entry.
    expect(listAudit(db)).toHaveLength(entries + 1);
    expect(listAudit(db, { batchId: a.batchId }).at(-1)).toMatchObject({
      actor: 'console',
      action: 'batch.bound',
      batch_id: a.batchId,
      details: { environment: sandbox.environment, gateUrl: sandbox.gateUrl, projectId: sandbox.projectId },
    });
  });
});

describe('approval seal and blocking', () => {
  it('returns what the approval covered and the payable fields the batch holds now', () => {
    const b = batchOf(2);
    db.prepare(
      'UPDATE batches SET approval_digest = ?, approval_count = ?, approval_total_fen = ? WHERE id = ?',
    ).run('ab'.repeat(32), 2, 24_690, b.batchId);
    const { seal, rows } = journal.approvalOf(b.batchId);
    expect(seal).toEqual({ digest: 'ab'.repeat(32), payoutCount: 2, totalFen: 24_690 });
    expect(rows).toEqual([
      expect.objectContaining({ id: b.ids[0], payment_id: `B${batchSeq}-P1`, amount_fen: 12_345 }),
      // The card as stored: masked, with the sealed copy and its keyed hash (what a version-3 seal covers).
      expect.objectContaining({
        id: b.ids[1],
        payment_id: `B${batchSeq}-P2`,
        card_number: '622202******7894',
        card_hash: keys.fields.cardHash('6222021234567894'),
        payee_sealed: expect.any(Buffer),
      }),
    ]);
    expect(keys.fields.open(rows[1]!.payee_sealed!, `B${batchSeq}-P2`).card_number).toBe('6222021234567894');
  });

  it('has no seal for a batch approved before approvals were sealed, or a part of one', () => {
    const b = batchOf(1);
    expect(journal.approvalOf(b.batchId).seal).toBeNull();
    const set = db.prepare(
      'UPDATE batches SET approval_digest = ?, approval_count = ?, approval_total_fen = ? WHERE id = ?',
    );
    set.run('', 1, 12_345, b.batchId);
    expect(journal.approvalOf(b.batchId).seal).toBeNull();
    set.run('d', null, 12_345, b.batchId);
    expect(journal.approvalOf(b.batchId).seal).toBeNull();
    set.run('d', 1, null, b.batchId);
    expect(journal.approvalOf(b.batchId).seal).toBeNull();
    expect(journal.approvalOf(9_999)).toEqual({ seal: null, rows: [] });
  });

  it('blocks a sending batch once, with its audit entry', () => {
    const b = batchOf(1);
    const paused = batchOf(1, 'paused');
    expect(journal.block(b.batchId, { reason: 'changed' }, T0)).toBe(true);
    expect(batchStatus(b.batchId)).toBe('blocked');
    expect(listAudit(db, { batchId: b.batchId }).at(-1)).toMatchObject({
      actor: 'console',
      action: 'batch.blocked',
      batch_id: b.batchId,
      details: { reason: 'changed' },
      at: iso(T0),
    });
    const entries = listAudit(db).length;
    expect(journal.block(b.batchId, { reason: 'again' }, T0)).toBe(false);
    expect(journal.block(paused.batchId, { reason: 'changed' }, T0)).toBe(false);
    expect(batchStatus(paused.batchId)).toBe('paused');
    expect(listAudit(db)).toHaveLength(entries);
  });
});
