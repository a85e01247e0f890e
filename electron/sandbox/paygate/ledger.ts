import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** A captured ChinaPay payment the emulated Paygate can credit (AmountAuth = AmountCap = `captured`). */
export interface PaygatePayment {
  pay_id: string;
  /** The XID of the capture, the payment's first action. */
  xid: string;
  currency: string;
  captured: number;
  created_at: number;
}

export type CreditStatus = 'OK' | 'FAILED' | 'PENDING';
export type FinalCreditStatus = Exclude<CreditStatus, 'PENDING'>;

/** One credit (refund) as the emulator remembers it, refused ones included: their TransID and ReqId are used. */
export interface CreditRecord {
  trans_id: string;
  req_id: string | null;
  pay_id: string;
  xid: string;
  amount: number;
  currency: string;
  ref_nr: string | null;
  created_at: number;
  /** null: final at once; otherwise PENDING until this instant (stored, so a restart changes nothing). */
  settles_at: number | null;
  final_status: FinalCreditStatus;
  final_code: string;
  final_description: string;
  /** How often the same ReqId came again and was answered from memory instead of crediting. */
  replays: number;
}

export type NewCredit = Omit<CreditRecord, 'xid' | 'replays'>;

export interface PaymentAmounts {
  captured: number;
  /** Settled OK credits. */
  credited: number;
  /** Credits still PENDING: reserved against the capture until they settle. */
  pending: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS paygate_payments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  pay_id TEXT NOT NULL UNIQUE,
  xid TEXT NOT NULL,
  currency TEXT NOT NULL,
  captured INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS paygate_credits (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  trans_id TEXT NOT NULL UNIQUE,
  req_id TEXT UNIQUE,
  pay_id TEXT NOT NULL,
  xid TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  ref_nr TEXT,
  created_at INTEGER NOT NULL,
  settles_at INTEGER,
  final_status TEXT NOT NULL,
  final_code TEXT NOT NULL,
  final_description TEXT NOT NULL,
  replays INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS paygate_credits_by_payment ON paygate_credits (pay_id, seq);
CREATE TABLE IF NOT EXISTS paygate_counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);`;

const PAYMENT_COLUMNS = 'pay_id, xid, currency, captured, created_at';
const CREDIT_COLUMNS = `trans_id, req_id, pay_id, xid, amount, currency, ref_nr, created_at, settles_at,
  final_status, final_code, final_description, replays`;

/** A 32-character hex id, derived from a counter so that runs with the same inputs hand out the same ids. */
function derivedId(kind: string, n: number): string {
  return createHash('sha1').update(`paygate\u0000${kind}\u0000${n}`).digest('hex').slice(0, 32);
}

/**
 * The emulated Paygate's ledger: captured payments per PayID and every credit against them. Its tables live in
 * the sandbox's SQLite state next to the Gate's, so they survive restarts the same way.
 */
export class PaygateLedger {
  constructor(private readonly db: Database) {
    db.exec(SCHEMA);
  }

  /** Runs `work` atomically: a check against the cap and the credit it allows are one step. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Adds the seeded payments once, when this state has never held Paygate data. */
  seedOnce(seeds: ReadonlyArray<{ payId: string; capturedFen: number }>, now: number): void {
    this.transaction(() => {
      if (this.counter('seeded') > 0) return;
      for (const seed of seeds) {
        if (!this.findPayment(seed.payId)) this.insertPayment(seed.payId, seed.capturedFen, 'CNY', now);
      }
      this.bump('seeded');
    });
  }

  findPayment(payId: string): PaygatePayment | undefined {
    return this.db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM paygate_payments WHERE pay_id = ?`).get(payId) as
      PaygatePayment | undefined;
  }

  /** Adds a captured payment; without `payId` one is generated. Undefined when the PayID is already known. */
  addPayment(payId: string | undefined, captured: number, now: number): PaygatePayment | undefined {
    return this.transaction(() => {
      const id = payId ?? this.freshPayId();
      if (this.findPayment(id)) return undefined;
      return this.insertPayment(id, captured, 'CNY', now);
    });
  }

  listPayments(): PaygatePayment[] {
    return this.db
      .prepare(`SELECT ${PAYMENT_COLUMNS} FROM paygate_payments ORDER BY seq`)
      .all() as PaygatePayment[];
  }

  findCreditByReqId(reqId: string): CreditRecord | undefined {
    return this.db.prepare(`SELECT ${CREDIT_COLUMNS} FROM paygate_credits WHERE req_id = ?`).get(reqId) as
      CreditRecord | undefined;
  }

  findCreditByTransId(transId: string): CreditRecord | undefined {
    return this.db
      .prepare(`SELECT ${CREDIT_COLUMNS} FROM paygate_credits WHERE trans_id = ?`)
      .get(transId) as CreditRecord | undefined;
  }

  /** The payment's most recent credit, if any. */
  lastCredit(payId: string): CreditRecord | undefined {
    return this.db
      .prepare(`SELECT ${CREDIT_COLUMNS} FROM paygate_credits WHERE pay_id = ? ORDER BY seq DESC LIMIT 1`)
      .get(payId) as CreditRecord | undefined;
  }

  listCredits(): CreditRecord[] {
    return this.db
      .prepare(`SELECT ${CREDIT_COLUMNS} FROM paygate_credits ORDER BY seq`)
      .all() as CreditRecord[];
  }

  /** Captured, credited (settled OK) and pending sums of a payment at `now`. */
  amounts(payment: PaygatePayment, now: number): PaymentAmounts {
    const row = this.db
      .prepare(
        `SELECT
           COALESCE(SUM(CASE WHEN final_status = 'OK' AND (settles_at IS NULL OR settles_at <= @now)
             THEN amount ELSE 0 END), 0) AS credited,
           COALESCE(SUM(CASE WHEN settles_at > @now THEN amount ELSE 0 END), 0) AS pending
         FROM paygate_credits WHERE pay_id = @payId`,
      )
      .get({ payId: payment.pay_id, now }) as { credited: number; pending: number };
    return { captured: payment.captured, credited: row.credited, pending: row.pending };
  }

  recordCredit(credit: NewCredit): CreditRecord {
    const record: CreditRecord = { ...credit, xid: derivedId('xid', this.bump('xid')), replays: 0 };
    this.db
      .prepare(
        `INSERT INTO paygate_credits (${CREDIT_COLUMNS}) VALUES (@trans_id, @req_id, @pay_id, @xid, @amount,
           @currency, @ref_nr, @created_at, @settles_at, @final_status, @final_code, @final_description,
           @replays)`,
      )
      .run(record);
    return record;
  }

  noteReplay(transId: string): void {
    this.db.prepare('UPDATE paygate_credits SET replays = replays + 1 WHERE trans_id = ?').run(transId);
  }

  /** Makes pending credits (all, or the one with `transId`) settle at `now`; returns their TransIDs. */
  settlePending(now: number, transId?: string): string[] {
    return this.transaction(() => {
      const ids = this.db
        .prepare(
          `SELECT trans_id FROM paygate_credits
           WHERE settles_at > @now AND (@transId IS NULL OR trans_id = @transId) ORDER BY seq`,
        )
        .pluck()
        .all({ now, transId: transId ?? null }) as string[];
      const settle = this.db.prepare('UPDATE paygate_credits SET settles_at = ? WHERE trans_id = ?');
      for (const id of ids) settle.run(now, id);
      return ids;
    });
  }

  private insertPayment(payId: string, captured: number, currency: string, now: number): PaygatePayment {
    const payment: PaygatePayment = {
      pay_id: payId,
      xid: derivedId('xid', this.bump('xid')),
      currency,
      captured,
      created_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO paygate_payments (${PAYMENT_COLUMNS}) VALUES (@pay_id, @xid, @currency, @captured,
           @created_at)`,
      )
      .run(payment);
    return payment;
  }

  /** A generated PayID no payment holds yet. */
  private freshPayId(): string {
    for (;;) {
      const id = derivedId('payid', this.bump('payid'));
      if (!this.findPayment(id)) return id;
    }
  }

  private counter(name: string): number {
    const value = this.db.prepare('SELECT value FROM paygate_counters WHERE name = ?').pluck().get(name);
    return typeof value === 'number' ? value : 0;
  }

  /** Increments a counter and returns its new value. */
  private bump(name: string): number {
    const next = this.counter(name) + 1;
    this.db
      .prepare(
        `INSERT INTO paygate_counters (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run(name, next);
    return next;
  }
}
