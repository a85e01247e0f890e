/**
 * Helpers of the application-layer tests of intake and batches: payout files written row by row, the sending
 * options that make the engine fast against a sandbox, and small readers of what the console stored.
 */
import type { FileInput } from '../../electron/contract/operations.js';
import type { AuditEntryView } from '../../electron/contract/records.js';
import type { SendingOverrides } from '../../electron/core/app/sendingConfig.js';
import { withLuhnDigit } from '../fixtures/payoutFile.js';
import type { TestConsole } from './appHarness.js';

/** Every column a request needs (seeds 000-002: mandatory in any request), as a complete file carries them. */
export const HEADER =
  'payment_id,amount,currency,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description';
/** The cells after the name in `row()`: the payee's contact, bank branch and address. */
export const PAYEE_TAIL = '13800138000,zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金';

/** The card number payoutFile() uses, and how every screen must show it. */
export const CARD = '6228481234567890128';
export const CARD_MASKED = '622848******0128';

/** A valid (Luhn) UnionPay card number of its own for every `n`, so that rows never repeat one another. */
export function card(n: number): string {
  return withLuhnDigit(`622848${String(n).padStart(12, '0')}`);
}

let cards = 0;

/** One row in HEADER's column order; a card number of its own unless one is given. */
export function row(paymentId: string, amount: string, cardNumber = card(++cards)): string {
  return `${paymentId},${amount},CNY,${cardNumber},1,5,张,伟,${PAYEE_TAIL}`;
}

/** A file of these lines (the header included) as the shells hand it over. */
export function csv(name: string, lines: string[]): FileInput {
  return { name, bytes: new TextEncoder().encode(lines.join('\n') + '\n') };
}

/** A file with HEADER and the given rows. */
export function rowsFile(name: string, rows: string[]): FileInput {
  return csv(name, [HEADER, ...rows]);
}

/** Sending options that make the engine fast against a sandbox at `gateUrl`. */
export function fastSending(gateUrl: string, extra: Partial<SendingOverrides> = {}): SendingOverrides {
  return {
    gateUrl,
    timing: {
      statusDelayMs: 100,
      pollInitialMs: 50,
      pollMaxMs: 300,
      notFoundGraceMs: 1000,
      notFoundConfirmations: 2,
      thresholdMs: 120_000,
    },
    timeoutMs: 1000,
    ...extra,
  };
}

/** The whole audit trail, oldest first. */
export function auditTrail(c: TestConsole, batchId?: number): Promise<AuditEntryView[]> {
  return c.ok(null, 'auditTrail', batchId === undefined ? undefined : { batchId });
}

/** What people did (the console's own `batch.completed` entries left out), as `action by actor`. */
export async function peopleActions(c: TestConsole, batchId?: number): Promise<string[]> {
  return (await auditTrail(c, batchId))
    .filter((entry) => entry.actor !== 'console')
    .map((entry) => `${entry.action} by ${entry.actor}`);
}

/** Waits until `check` holds, looking every few milliseconds. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
