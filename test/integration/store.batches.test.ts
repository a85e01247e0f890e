import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../electron/core/store/sqlite/audit.js';
import {
  findBatchesBySha256,
  getBatch,
  insertDraftBatch,
  listBatches,
  listPayouts,
  usedPaymentIds,
} from '../../electron/core/store/sqlite/batches.js';
import { openDatabase, type Database } from '../../electron/core/store/sqlite/database.js';
import { StoreError } from '../../electron/core/store/errors.js';
import type { DraftBatchInput, DraftPayoutInput } from '../../electron/core/store/types.js';
import type { PayoutDraft } from '../../electron/core/types.js';
import { newTestKeys, protectorOf, unlockDatabase } from './submissionHarness.js';

const CARD = '6222021234567890123';

function payout(paymentId: string, amountFen: number | null, patch: Partial<PayoutDraft> = {}): PayoutDraft {
  return {
    payment_id: paymentId,
    amount_fen: amountFen,
    currency: 'CNY',
    card_number: CARD,
    bank_id: 55501,
    region_id: 11,
    last_name: '张',
    first_name: '三',
    customer_id: 'C-1',
    phone: '13800138000',
    email: 'zhang@example.com',
    id_number: '110101199003071234',
    branch: '北京分行',
    bank_city: '北京',
    province: '北京市',
    city: '北京',
    street: '长安街1号',
    zip: '100000',
    description: '工资',
    ...patch,
  };
}

/** The installation key the test's rows are sealed under (the store itself knows no cryptography). */
const keys = newTestKeys();

/** A payout row as the import hands it to the store (clear: the store seals it as it writes it). */
const row = (line: number, p: PayoutDraft, warnings: string[] = []): DraftPayoutInput => ({
  line,
  payout: p,
  warnings,
});

function batch(
  rows: Array<[paymentId: string, amountFen: number]>,
  patch: Partial<DraftBatchInput> = {},
): DraftBatchInput {
  const payouts: DraftPayoutInput[] = rows.map(([id, fen], i) => row(i + 2, payout(id, fen)));
  return {
    method: 'cup-p2p',
    sourceFileName: '批量付款.csv',
    sourceSha256: 'a'.repeat(64),
    encoding: 'gb18030',
    delimiter: ',',
    rowCount: rows.length,
    createdBy: 'operator1',
    droppedErrorRows: 0,
    payouts,
    protect: protectorOf(keys),
    ...patch,
  };
}

function storeErrorOf(f: () => unknown): StoreError {
  try {
    f();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

const count = (db: Database, table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-store-batches-'));
  db = openDatabase(join(dir, 'console.sqlite'));
  // Nothing audited is written before the key is unlocked.
  await unlockDatabase(db, keys);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('insertDraftBatch', () => {
  it('stores a batch and reads it back with exact control totals', () => {
    const input = batch(
      [
        ['P-1', 1_000],
        ['P-2', 4_499_900],
        ['P-3', 1],
      ],
      { rowCount: 4, droppedErrorRows: 1 },
    );
    input.payouts[1]!.warnings = ['PAN_LUHN', 'NAME_NOT_CHINESE'];

    const result = insertDraftBatch(db, input);
    expect(result).toEqual({
      batchId: result.batchId,
      duplicateOf: null,
      payoutCount: 3,
      totalFen: 4_500_901,
    });

    const stored = getBatch(db, result.batchId);
    expect(stored).toMatchObject({
      id: result.batchId,
      method: 'cup-p2p',
      source_file_name: '批量付款.csv',
      source_sha256: 'a'.repeat(64),
      encoding: 'gb18030',
      delimiter: ',',
      row_count: 4,
      payout_count: 3,
      total_fen: 4_500_901,
      status: 'draft',
      created_by: 'operator1',
      duplicate_of: null,
      dropped_error_rows: 1,
    });
    expect(stored!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const payouts = listPayouts(db, result.batchId);
    expect(payouts.map((p) => [p.line, p.payment_id, p.amount_fen])).toEqual([
      [2, 'P-1', 1_000],
      [3, 'P-2', 4_499_900],
      [4, 'P-3', 1],
    ]);
    // Every field as given, except the payee data the store sealed (below).
    const { card_number: _card, id_number: _id, phone: _phone, ...given } = input.payouts[1]!.payout;
    expect(payouts[1]).toMatchObject({ ...given, batch_id: result.batchId, state: 'draft' });
    // The row holds the payee's card, ID number and phone masked; the sealed copy opens to the clear ones.
    expect(payouts[1]).toMatchObject({
      card_number: '622202******0123',
      id_number: '110***********1234',
      phone: '138****8000',
      card_hash: keys.fields.cardHash(CARD),
    });
    expect(keys.fields.open(payouts[1]!.payee_sealed!, 'P-2')).toEqual({
      card_number: CARD,
      id_number: '110101199003071234',
      phone: '13800138000',
    });
    expect(payouts[1]!.warnings).toEqual(['PAN_LUHN', 'NAME_NOT_CHINESE']);
    expect(payouts[0]!.warnings).toEqual([]);
    expect(listBatches(db).map((b) => b.id)).toEqual([result.batchId]);
    expect(getBatch(db, 12345)).toBeNull();
  });

  it('is all-or-nothing: a reused payment_id stores nothing and names the id', () => {
    const first = insertDraftBatch(
      db,
      batch([
        ['P-1', 100],
        ['P-2', 200],
      ]),
    );

    const error = storeErrorOf(() =>
      insertDraftBatch(
        db,
        batch(
          [
            ['Q-1', 100],
            ['Q-2', 100],
            ['P-2', 300],
          ],
          { sourceSha256: 'b'.repeat(64) },
        ),
      ),
    );
    expect(error.code).toBe('PAYMENT_ID_USED');
    expect(error.details).toEqual({ paymentId: 'P-2', line: 4 });

    expect(listBatches(db).map((b) => b.id)).toEqual([first.batchId]);
    expect(count(db, 'payouts')).toBe(2);
    expect(usedPaymentIds(db, ['Q-1', 'Q-2']).size).toBe(0);
    expect(listAudit(db)).toHaveLength(1);
  });

  it('refuses a payment_id repeated inside one batch', () => {
    const error = storeErrorOf(() =>
      insertDraftBatch(
        db,
        batch([
          ['P-1', 100],
          ['P-1', 100],
        ]),
      ),
    );
    expect(error.code).toBe('PAYMENT_ID_USED');
    expect(error.details.paymentId).toBe('P-1');
    expect(count(db, 'batches')).toBe(0);
  });

  it('points duplicateOf at the first batch imported from the same file', () => {
    const sha = 'c'.repeat(64);
    const first = insertDraftBatch(db, batch([['P-1', 100]], { sourceSha256: sha }));
    const second = insertDraftBatch(db, batch([['P-2', 100]], { sourceSha256: sha }));
    const third = insertDraftBatch(db, batch([['P-3', 100]], { sourceSha256: sha }));
    const other = insertDraftBatch(db, batch([['P-4', 100]], { sourceSha256: 'd'.repeat(64) }));

    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toBe(first.batchId);
    expect(third.duplicateOf).toBe(first.batchId);
    expect(other.duplicateOf).toBeNull();
    expect(getBatch(db, third.batchId)!.duplicate_of).toBe(first.batchId);
    expect(findBatchesBySha256(db, sha)).toEqual([first.batchId, second.batchId, third.batchId]);
    expect(findBatchesBySha256(db, 'e'.repeat(64))).toEqual([]);
    expect(listBatches(db).map((b) => b.id)).toEqual([
      other.batchId,
      third.batchId,
      second.batchId,
      first.batchId,
    ]);
  });

  it('rejects unstorable payouts before writing anything', () => {
    for (const amount of [0, -100, 10.5, null]) {
      const input = batch([['P-1', 100]]);
      input.payouts.push(row(3, payout('P-2', amount)));
      const error = storeErrorOf(() => insertDraftBatch(db, input));
      expect(error.code).toBe('INVALID_PAYOUT');
      expect(error.details).toEqual({ paymentId: 'P-2', line: 3 });
    }
    const noBank = batch([]);
    noBank.payouts.push(row(2, payout('P-1', 100, { bank_id: null })));
    expect(storeErrorOf(() => insertDraftBatch(db, noBank)).code).toBe('INVALID_PAYOUT');
    expect(storeErrorOf(() => insertDraftBatch(db, batch([]))).code).toBe('EMPTY_BATCH');
    // A card number in clear never reaches the file, whatever a protector hands back.
    for (const clear of [
      { card_number: CARD },
      { id_number: '110101199003071234' },
      { phone: '+86 138 0013 8000 00' },
    ]) {
      const sealing = protectorOf(keys);
      const leaky = batch([['P-1', 100]], {
        protect: (payee) => {
          const sealed = sealing(payee);
          return { ...sealed, masked: { ...sealed.masked, ...clear } };
        },
      });
      expect(storeErrorOf(() => insertDraftBatch(db, leaky)).code).toBe('INVALID_PAYOUT');
    }
    expect(count(db, 'batches')).toBe(0);
  });

  it('writes a batch.import audit row with counts and totals but no card number', () => {
    const input = batch(
      [
        ['P-1', 1_000],
        ['P-2', 2_000],
      ],
      { rowCount: 3, droppedErrorRows: 1 },
    );
    input.payouts[0]!.warnings = ['PAN_LUHN'];
    const { batchId } = insertDraftBatch(db, input);

    const audit = listAudit(db, { batchId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'operator1', action: 'batch.import', batch_id: batchId });
    expect(audit[0]!.details).toMatchObject({
      method: 'cup-p2p',
      rowCount: 3,
      payoutCount: 2,
      totalFen: 3_000,
      droppedErrorRows: 1,
      rowsWithWarnings: 1,
      duplicateOf: null,
    });
    const raw = db.prepare('SELECT details FROM audit_log').pluck().all().join('\n');
    expect(raw).not.toContain(CARD);
    expect(raw).not.toMatch(/(?<![0-9a-f])\d{13,19}(?![0-9a-f])/);
  });
});

describe('insertDraftBatch: several rows per INSERT statement', () => {
  const ids = (n: number, prefix: string): Array<[string, number]> =>
    Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, 100 + i]);

  it('stores batches of any size in file order, with each row its own warnings', () => {
    for (const n of [1, 63, 64, 65, 130]) {
      const input = batch(ids(n, `S${n}`), { sourceSha256: String(n).padStart(64, '0') });
      input.payouts[n - 1]!.warnings = ['PAN_LUHN'];
      const { batchId, payoutCount, totalFen } = insertDraftBatch(db, input);
      expect([payoutCount, totalFen]).toEqual([n, n * 100 + (n * (n - 1)) / 2]);

      const stored = listPayouts(db, batchId);
      expect(stored.map((p) => [p.line, p.payment_id, p.amount_fen])).toEqual(
        input.payouts.map((p) => [p.line, p.payout.payment_id, p.payout.amount_fen]),
      );
      expect(stored.map((p) => p.warnings.length)).toEqual(input.payouts.map((p) => p.warnings.length));
      expect(stored.every((p) => p.batch_id === batchId && p.created_at === stored[0]!.created_at)).toBe(
        true,
      );
    }
  });

  it('names the first row, in file order, whose payment_id an earlier batch used', () => {
    insertDraftBatch(
      db,
      batch(
        [
          ['OLD-1', 100],
          ['OLD-2', 100],
        ],
        { sourceSha256: 'f'.repeat(64) },
      ),
    );
    const rows = ids(200, 'NEW');
    rows[150] = ['OLD-2', 100];
    rows[160] = ['OLD-1', 100];

    const error = storeErrorOf(() => insertDraftBatch(db, batch(rows)));
    expect(error.code).toBe('PAYMENT_ID_USED');
    expect(error.details).toEqual({ paymentId: 'OLD-2', line: 152 });
    expect(count(db, 'batches')).toBe(1);
    expect(count(db, 'payouts')).toBe(2);
    expect(usedPaymentIds(db, ['NEW-0', 'NEW-149']).size).toBe(0);
  });

  it('names the second occurrence of a repeated id, within a statement, across statements or in the tail', () => {
    const within = ids(100, 'W');
    within[70] = ['W-65', 100];
    expect(storeErrorOf(() => insertDraftBatch(db, batch(within))).details).toEqual({
      paymentId: 'W-65',
      line: 72,
    });

    const across = ids(200, 'A');
    across[130] = ['A-3', 100];
    expect(storeErrorOf(() => insertDraftBatch(db, batch(across))).details).toEqual({
      paymentId: 'A-3',
      line: 132,
    });

    const inTail = ids(200, 'T'); // 3 statements of 64 rows, then 8 rows one by one
    inTail[195] = ['T-193', 100];
    expect(storeErrorOf(() => insertDraftBatch(db, batch(inTail))).details).toEqual({
      paymentId: 'T-193',
      line: 197,
    });
    expect(count(db, 'payouts')).toBe(0);
  });
});

describe('payouts.amount_fen CHECK', () => {
  it('rejects zero, negative and fractional amounts written directly', () => {
    const { batchId } = insertDraftBatch(db, batch([['P-1', 100]]));
    const insert = db.prepare(
      `INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id,
         last_name, first_name, customer_id, phone, email, id_number, branch, bank_city, description, created_at)
       VALUES (?, 9, ?, ?, 'CNY', '6222', 1, 1, '', '', '', '', '', '', '', '', '', 't')`,
    );
    expect(() => insert.run(batchId, 'X-0', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(batchId, 'X-1', -5)).toThrow(/CHECK constraint failed/);
    // STRICT refuses the REAL before the CHECK sees it; either way it is not stored.
    expect(() => insert.run(batchId, 'X-2', 10.5)).toThrow(/cannot store REAL|CHECK constraint failed/);
    expect(() => insert.run(batchId, 'X-3', '100 fen')).toThrow(/cannot store TEXT/);
    expect(usedPaymentIds(db, ['X-0', 'X-1', 'X-2', 'X-3']).size).toBe(0);
  });
});

describe('usedPaymentIds', () => {
  it('returns the subset already stored', () => {
    insertDraftBatch(
      db,
      batch([
        ['P-1', 100],
        ['P-2', 100],
      ]),
    );
    expect(usedPaymentIds(db, [])).toEqual(new Set());
    expect(usedPaymentIds(db, ['P-2', 'N-1', 'P-1', 'P-2'])).toEqual(new Set(['P-1', 'P-2']));
    expect(usedPaymentIds(db, ['p-1', 'P-1 ', '"P-1"'])).toEqual(new Set());
  });
});

describe('appendAudit / listAudit', () => {
  it('stores entries in order, filters by batch and masks card numbers', () => {
    const { batchId } = insertDraftBatch(db, batch([['P-1', 100]]));
    appendAudit(db, {
      actor: 'admin',
      action: 'settings.update',
      details: { field: 'limits' },
      at: '2025-01-01T00:00:00.000Z',
    });
    appendAudit(db, { actor: 'approver', action: 'batch.view', batchId, details: { note: `card ${CARD}` } });

    expect(listAudit(db).map((e) => e.action)).toEqual(['batch.import', 'settings.update', 'batch.view']);
    expect(listAudit(db)[1]).toMatchObject({
      at: '2025-01-01T00:00:00.000Z',
      batch_id: null,
      details: { field: 'limits' },
    });
    const forBatch = listAudit(db, { batchId });
    expect(forBatch.map((e) => e.action)).toEqual(['batch.import', 'batch.view']);
    expect(forBatch[1]!.details).toEqual({ note: 'card 622202*********0123' });
  });
});

describe('a 100k-row import', () => {
  it('stores every row with exact totals, and finds used ids among 100k', () => {
    const n = 100_000;
    const rows: Array<[string, number]> = Array.from({ length: n }, (_, i) => [
      `BIG-${String(i).padStart(6, '0')}`,
      1_000 + (i % 4_000_000),
    ]);
    const expectedTotal = rows.reduce((sum, [, fen]) => sum + fen, 0);

    const result = insertDraftBatch(db, batch(rows, { rowCount: n }));
    expect(result.payoutCount).toBe(n);
    expect(result.totalFen).toBe(expectedTotal);
    expect(count(db, 'payouts')).toBe(n);
    expect(getBatch(db, result.batchId)).toMatchObject({ payout_count: n, total_fen: expectedTotal });

    // Half of the probe ids are stored, half are new.
    const probe = Array.from({ length: n }, (_, i) => `BIG-${String(i + n / 2).padStart(6, '0')}`);
    expect(usedPaymentIds(db, probe).size).toBe(n / 2);
    expect(listPayouts(db, result.batchId)).toHaveLength(n);
  });
});
