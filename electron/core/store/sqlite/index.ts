/**
 * The SQLite store: the store ports over one better-sqlite3 connection. Each port method is one synchronous
 * transaction (better-sqlite3's speed: a 100k-row import stays one multi-row transaction) behind an async
 * signature, so a store for a database server can stand beside it.
 */
import type { Database } from 'better-sqlite3';
import type { ConsoleStore } from '../ports.js';
import { appendAudit, auditChainEntries, hasAuditChainer, listAudit, useAuditChainer } from './audit.js';
import { keyWraps, putKeyWrap } from './keyWraps.js';
import { protectLegacyData } from './protection.js';
import { getProviderSecrets, putProviderSecrets, removeProviderSecrets } from './providerSecrets.js';
import { addUser, countUsers, listUsers, updateUser, userByName, userBySkeleton } from './users.js';
import { latestBankList, storeFetchedBankLists } from './bankLists.js';
import {
  approveBatch,
  batchApprovals,
  changeBatchStatus,
  recordApproval,
  findBatchesBySha256,
  getBatch,
  insertDraftBatch,
  listBatchesWithCounts,
  payableRows,
  payoutPage,
  rejectBatch,
  startSending,
  statusRows,
  usedPaymentIds,
  earlierPayouts,
} from './batches.js';
import { getCredentials, putCredentials, removeCredentials } from './credentials.js';
import { checkIntegrity, openDatabase, type OpenDatabaseOptions } from './database.js';
import { storeFailure } from './failures.js';
import { Journal } from './journal.js';
import { backupDatabase, installationId } from './meta.js';
import { allSettings, putSettings } from './settings.js';
import {
  payoutFigures,
  reportRows,
  reportTotals,
  resultRows,
  waitingBatches,
  waitingPayouts,
  warnedPayouts,
} from './reports.js';
import { failedPayouts, storeRetry } from './retries.js';
import { batchRefunds, knownPayments, storeRefundBatch } from './refunds.js';
import { listMappingPresets, putMappingPreset, removeMappingPreset } from './mappingPresets.js';
import {
  getRun,
  listRuns,
  payoutsForMatching,
  resolveException,
  runExceptions,
  runItems,
  storeRun,
} from './reconciliation.js';

export { openDatabase, type Database, type OpenDatabaseOptions } from './database.js';

/** Opens (creating and migrating if needed) the database file and serves the ports over it. */
export function openSqliteStore(path: string, options: OpenDatabaseOptions = {}): ConsoleStore {
  return sqliteStore(openDatabase(path, options), path);
}

/** The ports over an open connection (tests that also inspect the file keep their own handle). */
export function sqliteStore(db: Database, location: string): ConsoleStore {
  const journal = new Journal(db);
  // `async` turns every synchronous call into a promise, and a thrown error into a rejection; guarded() turns
  // SQLite's and the file system's errors into the store's own (a lock, a full disk, a read-only folder).
  const guard = <T extends object>(port: T): T => guarded(port, location);
  const store: ConsoleStore = {
    location,
    batches: {
      storeImported: async (input, audit) => insertDraftBatch(db, input, audit),
      usedPaymentIds: async (ids) => usedPaymentIds(db, ids),
      importedFrom: async (sha256, contentSha256) => findBatchesBySha256(db, sha256, contentSha256),
      earlierPayouts: async (sinceIso) => earlierPayouts(db, sinceIso),
      get: async (batchId) => getBatch(db, batchId),
      list: async (filter) => listBatchesWithCounts(db, filter),
      payoutPage: async (batchId, query) => payoutPage(db, batchId, query),
      statusRows: async (batchId) => statusRows(db, batchId),
      payableRows: async (batchId) => payableRows(db, batchId),
      approvals: async (batchId) => batchApprovals(db, batchId),
      recordApproval: async (batchId, approver, seal, audit) =>
        recordApproval(db, batchId, approver, seal, audit),
      approve: async (batchId, approver, seal, audit) => approveBatch(db, batchId, approver, seal, audit),
      startSending: async (batchId, binding, audit) => startSending(db, batchId, binding, audit),
      reject: async (batchId, reason, audit) => rejectBatch(db, batchId, reason, audit),
      changeStatus: async (batchId, { from, to }, audit) => changeBatchStatus(db, batchId, from, to, audit),
    },
    journal: {
      recoverInterrupted: async (nowMs, statusDelayMs, scope) =>
        journal.recoverInterrupted(nowMs, statusDelayMs, scope),
      nextWork: async ({ nowMs, limit, scope, exclude }) => journal.nextWork(nowMs, limit, scope, exclude),
      commitTurn: async ({ changes, claims, nowMs }) => journal.commitTurn(changes, claims, nowMs),
      openWork: async (scope) => journal.openWork(scope),
      nextCheckAt: async (scope) => journal.nextCheckAt(scope),
      completeSettledBatches: async (nowMs) => journal.completeSettledBatches(nowMs),
      settledForRecheck: async (batchId) => journal.settledForRecheck(batchId),
      applyRecheck: async (changes, nowMs, audit) => journal.applyRecheck(changes, nowMs, audit),
      activeBindings: async (scope) => journal.activeBindings(scope),
      bindUnbound: async (batchIds, binding) => journal.bindUnbound(batchIds, binding),
      approvalOf: async (batchId) => journal.approvalOf(batchId),
      block: async (batchId, details, nowMs) => journal.block(batchId, details, nowMs),
    },
    meta: {
      installationId: async () => installationId(db),
      checkIntegrity: async () => checkIntegrity(db, location),
      backup: (destination, audit) => backupDatabase(db, destination, audit),
    },
    credentials: {
      get: async (environment) => getCredentials(db, environment),
      put: async (credentials, audit) => putCredentials(db, credentials, audit),
      remove: async (environment, audit) => removeCredentials(db, environment, audit),
    },
    providerSecrets: {
      get: async (provider) => getProviderSecrets(db, provider),
      put: async (secrets, audit) => putProviderSecrets(db, secrets, audit),
      remove: async (provider, audit) => removeProviderSecrets(db, provider, audit),
    },
    settings: {
      all: async () => allSettings(db),
      put: async (values, audit) => putSettings(db, values, audit),
    },
    bankLists: {
      storeFetched: async (lists, audit) => storeFetchedBankLists(db, lists, audit),
      latest: async (method) => latestBankList(db, method),
    },
    audit: {
      list: async (query) => listAudit(db, query),
      append: async (audit) => {
        appendAudit(db, audit);
      },
      chained: () => auditChainEntries(db),
    },
    users: {
      count: async () => countUsers(db),
      byName: async (name) => userByName(db, name),
      bySkeleton: async (skeleton) => userBySkeleton(db, skeleton),
      list: async () => listUsers(db),
      add: async (user, audit) => addUser(db, user, audit),
      update: async (name, change, audit) => updateUser(db, name, change, audit),
    },
    security: {
      keyWraps: async () => keyWraps(db),
      putKeyWrap: async (wrap, audit) => putKeyWrap(db, wrap, audit),
      unlock: async (chainer, protection) => {
        useAuditChainer(db, chainer);
        return protectLegacyData(db, protection);
      },
      unlocked: () => hasAuditChainer(db),
    },
    mappingPresets: {
      list: async () => listMappingPresets(db),
      put: async (preset, audit) => putMappingPreset(db, preset, audit),
      remove: async (name, audit) => removeMappingPreset(db, name, audit),
    },
    reports: {
      payoutFigures: async (batchId) => payoutFigures(db, batchId),
      warnedPayouts: async (batchId) => warnedPayouts(db, batchId),
      waitingPayouts: async (query) => waitingPayouts(db, query),
      waitingBatches: async (query) => waitingBatches(db, query),
      resultRows: async (batchId) => resultRows(db, batchId),
      reportTotals: async (selection, failedStates) => reportTotals(db, selection, failedStates),
      reportRows: async (selection, page, withSealed) => reportRows(db, selection, page, withSealed),
    },
    retries: {
      failedPayouts: async (batchId, states) => failedPayouts(db, batchId, states),
      storeRetry: async (input, audit, sourceAudit) => storeRetry(db, input, audit, sourceAudit),
    },
    refunds: {
      storeImported: async (input, audit) => storeRefundBatch(db, input, audit),
      knownPayments: async (payIds, options) => knownPayments(db, payIds, options?.excludeBatchId ?? null),
      batchRefunds: async (batchId) => batchRefunds(db, batchId),
    },
    reconciliation: {
      payoutsForMatching: async () => payoutsForMatching(db),
      storeRun: async (run, exceptions, audit) => storeRun(db, run, exceptions, audit),
      runs: async (page) => listRuns(db, page),
      run: async (runId) => getRun(db, runId),
      runItems: async (runId) => runItems(db, runId),
      exceptions: async (runId) => runExceptions(db, runId),
      resolve: async (exceptionId, note, audit) => resolveException(db, exceptionId, note, audit),
    },
    close: async () => {
      db.close();
    },
  };
  return {
    ...store,
    batches: guard(store.batches),
    journal: guard(store.journal),
    credentials: guard(store.credentials),
    providerSecrets: guard(store.providerSecrets),
    settings: guard(store.settings),
    bankLists: guard(store.bankLists),
    audit: { ...guard(store.audit), chained: store.audit.chained },
    meta: guard(store.meta),
    users: guard(store.users),
    security: { ...guard(store.security), unlocked: store.security.unlocked },
    mappingPresets: guard(store.mappingPresets),
    reports: guard(store.reports),
    reconciliation: guard(store.reconciliation),
    retries: guard(store.retries),
    refunds: guard(store.refunds),
  };
}

/** The port with each method's failures translated (see failures.ts). */
function guarded<T extends object>(port: T, location: string): T {
  return Object.fromEntries(
    Object.entries(port).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (method as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          throw storeFailure(error, location);
        }
      },
    ]),
  ) as T;
}
