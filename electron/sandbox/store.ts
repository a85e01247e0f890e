import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { FIRST_OPERATION_ID } from './identifiers.js';

/** What the emulated provider remembers about one registered payout. Only the masked card number is kept. */
export interface PaymentRecord {
  payment_id: string;
  method: string;
  amount: number;
  currency: string;
  description: string;
  account_number: string;
  customer_id: string;
  bank_id: number;
  region_id: number;
  /** 1 for the first registration; +1 each time a payment in `error` is sent again. */
  attempt: number;
  request_id: string;
  operation_id: number;
  registered_at: number;
  /** When `processing` turns final; stored, so a restart with another delay changes nothing. */
  final_at: number;
  /** Set by the control routes: `reversed` (a success taken back) or `error` (request rejected). */
  override_status: 'reversed' | 'error' | null;
  override_at: number | null;
  override_code: string | null;
  override_message: string | null;
  reversal_operation_id: number | null;
}

export type NewPayment = Omit<
  PaymentRecord,
  | 'attempt'
  | 'operation_id'
  | 'request_id'
  | 'override_status'
  | 'override_at'
  | 'override_code'
  | 'override_message'
  | 'reversal_operation_id'
>;

export interface RequestCount {
  payment_id: string;
  requests: number;
  registered: boolean;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS payments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_id TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  account_number TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  bank_id INTEGER NOT NULL,
  region_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  operation_id INTEGER NOT NULL,
  registered_at INTEGER NOT NULL,
  final_at INTEGER NOT NULL,
  override_status TEXT,
  override_at INTEGER,
  override_code TEXT,
  override_message TEXT,
  reversal_operation_id INTEGER
);
CREATE TABLE IF NOT EXISTS request_counts (
  payment_id TEXT PRIMARY KEY,
  requests INTEGER NOT NULL,
  -- payout requests that arrived while the id was already registered: a client resending something the
  -- provider already had (the never-pay-twice tests require this to stay 0)
  after_registered INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);`;

const PAYMENT_COLUMNS = `payment_id, method, amount, currency, description, account_number, customer_id, bank_id,
  region_id, attempt, request_id, operation_id, registered_at, final_at, override_status, override_at,
  override_code, override_message, reversal_operation_id`;

/**
 * The emulator's ledger: registered payouts, request counts per payment id, and the operation-id counter.
 * SQLite either way: a file (WAL) when the ledger must survive restarts, `:memory:` otherwise.
 */
export class SandboxStore {
  private readonly db: Database;

  constructor(path: string | undefined, nativeBinding?: string) {
    const file = path ?? ':memory:';
    if (path !== undefined) mkdirSync(dirname(resolve(path)), { recursive: true });
    this.db = new BetterSqlite3(file, { nativeBinding });
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new Error(`sandbox state ${file} was written by a newer version (schema ${version})`);
      }
      this.db.exec(SCHEMA);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The open database, shared with the emulated Paygate's ledger (its own tables, same state file). */
  get database(): Database {
    return this.db;
  }

  /** Counts one payout request for an id, whether or not it gets registered. */
  countRequest(paymentId: string): void {
    this.db
      .prepare(
        `INSERT INTO request_counts (payment_id, requests, after_registered)
         VALUES (@id, 1, EXISTS (SELECT 1 FROM payments WHERE payment_id = @id))
         ON CONFLICT (payment_id) DO UPDATE SET requests = requests + 1,
           after_registered = after_registered + excluded.after_registered`,
      )
      .run({ id: paymentId });
  }

  /** Payout requests for an id that arrived after it was registered. */
  requestsAfterRegistered(paymentId: string): number {
    const row = this.db
      .prepare('SELECT after_registered FROM request_counts WHERE payment_id = ?')
      .pluck()
      .get(paymentId);
    return typeof row === 'number' ? row : 0;
  }

  requestCount(paymentId: string): number {
    const row = this.db
      .prepare('SELECT requests FROM request_counts WHERE payment_id = ?')
      .pluck()
      .get(paymentId);
    return typeof row === 'number' ? row : 0;
  }

  requestCounts(): RequestCount[] {
    const rows = this.db
      .prepare(
        `SELECT r.payment_id, r.requests, p.payment_id IS NOT NULL AS registered
         FROM request_counts r LEFT JOIN payments p ON p.payment_id = r.payment_id
         ORDER BY r.rowid`,
      )
      .all() as Array<{ payment_id: string; requests: number; registered: number }>;
    return rows.map((row) => ({ ...row, registered: row.registered === 1 }));
  }

  find(paymentId: string): PaymentRecord | undefined {
    return this.db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE payment_id = ?`).get(paymentId) as
      PaymentRecord | undefined;
  }

  /** Every registered payout, in registration order. */
  list(): PaymentRecord[] {
    return this.db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments ORDER BY seq`).all() as PaymentRecord[];
  }

  /**
   * Registers a payout, or registers it again when its earlier attempt ended in `error` (the only case
   * Gate accepts a known payment_id). `requestId` is derived from the attempt number it is given.
   */
  register(payment: NewPayment, requestIdForAttempt: (attempt: number) => string): PaymentRecord {
    return this.db.transaction(() => {
      const previous = this.find(payment.payment_id);
      const attempt = previous ? previous.attempt + 1 : 1;
      const record: PaymentRecord = {
        ...payment,
        attempt,
        request_id: requestIdForAttempt(attempt),
        operation_id: this.nextOperationId(),
        override_status: null,
        override_at: null,
        override_code: null,
        override_message: null,
        reversal_operation_id: null,
      };
      if (previous) this.db.prepare('DELETE FROM payments WHERE payment_id = ?').run(payment.payment_id);
      this.db
        .prepare(
          `INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES (@payment_id, @method, @amount, @currency,
            @description, @account_number, @customer_id, @bank_id, @region_id, @attempt, @request_id,
            @operation_id, @registered_at, @final_at, @override_status, @override_at, @override_code,
            @override_message, @reversal_operation_id)`,
        )
        .run(record);
      return record;
    })();
  }

  markReversed(paymentId: string, at: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE payments SET override_status = 'reversed', override_at = ?, override_code = NULL,
             override_message = NULL, reversal_operation_id = ? WHERE payment_id = ?`,
        )
        .run(at, this.nextOperationId(), paymentId);
    })();
  }

  markError(paymentId: string, at: number, code: string, message: string): void {
    this.db
      .prepare(
        `UPDATE payments SET override_status = 'error', override_at = ?, override_code = ?, override_message = ?
         WHERE payment_id = ?`,
      )
      .run(at, code, message, paymentId);
  }

  private nextOperationId(): number {
    const current = this.db.prepare("SELECT value FROM counters WHERE name = 'operation_id'").pluck().get();
    const next = typeof current === 'number' ? current + 1 : FIRST_OPERATION_ID;
    this.db
      .prepare(
        `INSERT INTO counters (name, value) VALUES ('operation_id', ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run(next);
    return next;
  }
}
