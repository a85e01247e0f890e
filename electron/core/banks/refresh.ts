/**
 * Bank list refresh: asks Gate which banks a method pays to, compares that with the shipped table and keeps
 * the answer with its date for an admin to review.
 *
 * The fetched list is informational only. Validation keeps using the shipped table (reference data) until
 * an admin decides to adopt a change: Gate's bank-list answer is unsigned, and a bank silently appearing or
 * disappearing must not change which payout rows are accepted.
 */
import type { Database } from 'better-sqlite3';
import type { EnvironmentName } from '../environments.js';
import { diffBankLists, type BankListDiff } from '../gate/bankListDiff.js';
import type { GateClient } from '../gate/client.js';
import type { ReferenceData } from '../reference/referenceData.js';
import { appendAudit } from '../store/audit.js';
import type { MethodId } from '../types.js';
import { insertBankList, toStoredBank } from './store.js';

/** The one client call a refresh needs (a GateClient, or a stand-in). */
export type BankListSource = Pick<GateClient, 'fetchBankList'>;

export interface RefreshOptions {
  /** Who asked for the refresh (audit trail). */
  user: string;
  /** Where the list came from: a sandbox list must never be mistaken for production's. */
  environment: EnvironmentName;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export type RefreshResult =
  | {
      ok: true;
      /** The stored bank_lists row. */
      id: number;
      method: MethodId;
      fetchedAt: string;
      count: number;
      /** Items Gate listed without a usable id or name, left out of the stored list. */
      skipped: number;
      diff: BankListDiff;
    }
  | { ok: false; method: MethodId; detail: string };

/** Fetches, diffs and stores one method's list. A failed fetch stores nothing and returns Gate's detail. */
export async function refreshBankList(
  db: Database,
  client: BankListSource,
  reference: Pick<ReferenceData, 'methods'>,
  method: MethodId,
  options: RefreshOptions,
): Promise<RefreshResult> {
  const shipped = reference.methods.get(method)?.banks;
  if (!shipped) throw new TypeError(`no shipped bank table for ${method}`);
  const user = options.user.trim();
  if (!user) throw new TypeError('a bank list refresh needs a user for the audit trail');

  const answer = await client.fetchBankList(method);
  if (!answer.ok) return { ok: false, method, detail: answer.detail };

  const fetchedAt = new Date((options.now ?? Date.now)()).toISOString();
  const diff = diffBankLists(shipped, answer.banks);
  const banks = answer.banks.map(toStoredBank);
  // The list and its audit row commit together: no stored list without its audit entry, or the reverse.
  const id = db.transaction(() => {
    const listId = insertBankList(db, {
      method,
      fetchedAt,
      fetchedBy: user,
      environment: options.environment,
      banks,
      diff,
    });
    appendAudit(db, {
      at: fetchedAt,
      actor: user,
      action: 'banks.refresh',
      // Counts only: bank names belong in bank_lists, not in the audit trail.
      details: {
        bank_list_id: listId,
        method,
        environment: options.environment,
        count: banks.length,
        skipped: answer.skipped,
        added: diff.added.length,
        removed: diff.removed.length,
        renamed: diff.renamed.length,
      },
    });
    return listId;
  })();
  return { ok: true, id, method, fetchedAt, count: banks.length, skipped: answer.skipped, diff };
}
