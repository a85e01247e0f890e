/**
 * Operations on batches: list, detail, status; and the lifecycle a person drives: approve or reject a draft,
 * submit, pause, resume, cancel, recheck. Which status allows which action is decided here; the store only
 * compares and sets.
 */
import type { Operations } from '../../contract/operations.js';
import type { BatchChangeResult } from '../../contract/records.js';
import type { BatchChange } from '../store/ports.js';
import { BATCH_STATUSES, type BatchRecord, type BatchStatus } from '../store/types.js';
import { approvalSeal } from '../submission/approvalSeal.js';
import { approvalsNeeded } from './access.js';
import { approvalConfirmation, checkConfirmedTotals, commentDetails } from './approvalConfirmation.js';
import { assertRefundsWithinCapture } from './refundCapture.js';
import { AppError } from './errors.js';
import type { MutationContext, OperationContext } from './context.js';
import { EXPECT } from './expected.js';
import {
  fieldsOf,
  invalid,
  integerIn,
  optionalBoolean,
  optionalList,
  optionalText,
  oneOf,
  positiveInteger,
} from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';
import { batchView, payoutView, statusReport } from './views.js';
import { readSettings } from './settingsModel.js';

const MAX_PAGE = 1000;
const MAX_REASON = 500;

function batchRef(raw: unknown): { batchId: number } {
  return { batchId: positiveInteger(fieldsOf(raw)['batchId'], 'batchId') };
}

type BatchAction = 'approve' | 'reject' | 'submit' | 'pause' | 'resume' | 'cancel' | 'recheck';

/** Which statuses allow which action. */
const ALLOWED_FROM: Record<BatchAction, readonly BatchStatus[]> = {
  approve: ['draft'],
  reject: ['draft'],
  submit: ['approved'],
  pause: ['sending'],
  resume: ['paused'],
  cancel: ['approved', 'sending', 'paused', 'blocked'],
  // Only what has been sent can be asked about again.
  recheck: ['sending', 'paused', 'cancelled', 'completed', 'blocked'],
};

export function wrongStatus(batch: BatchRecord, action: BatchAction): AppError {
  return new AppError('BATCH_WRONG_STATUS', {
    batchId: batch.id,
    status: batch.status,
    action,
    allowed: ALLOWED_FROM[action].join(','),
  });
}

/** The batch as it stands now, with its payouts per state: what every lifecycle operation answers. */
async function current(
  ctx: MutationContext,
  batchId: number,
  cancelledPayouts = 0,
): Promise<BatchChangeResult> {
  const [listing] = await ctx.store.batches.list({ ids: [batchId] });
  if (!listing) throw new AppError('BATCH_NOT_FOUND', { batchId });
  return { batch: batchView(listing), cancelled_payouts: cancelledPayouts };
}

/** The store's compare-and-set answered: the batch as it stands now, or why the change did not apply. */
async function changed(
  ctx: MutationContext,
  change: BatchChange,
  batchId: number,
  action: BatchAction,
): Promise<BatchChangeResult> {
  if (!change.ok) {
    if (!change.batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
    throw wrongStatus(change.batch, action);
  }
  ctx.events.emit({ type: 'batch.changed', batch_id: batchId, status: change.batch.status });
  return current(ctx, batchId, change.cancelledPayouts);
}

/** Refuses early, before any work (connecting to the provider, say), when the status does not allow it. */
function requireStatus(ctx: MutationContext, action: BatchAction): void {
  const batch = ctx.batch;
  if (batch && !ALLOWED_FROM[action].includes(batch.status)) throw wrongStatus(batch, action);
}

/** A status change with nothing more to it: pause, cancel. */
function statusChange(action: 'pause' | 'cancel', to: BatchStatus) {
  return mutation({
    action: `batch.${action}`,
    input: batchRef,
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }) {
      const change = await ctx.store.batches.changeStatus(
        batchId,
        { from: ALLOWED_FROM[action], to },
        ctx.audit(),
      );
      return changed(ctx, change, batchId, action);
    },
  });
}

async function report(ctx: OperationContext, batchId: number) {
  const store = requireStore(ctx);
  const batch = await store.batches.get(batchId);
  if (!batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
  return statusReport(batch, await store.batches.statusRows(batchId), ctx.lang);
}

export const batchHandlers = {
  listBatches: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      const statuses = optionalList(fields['statuses'], 'statuses', (value, field) =>
        oneOf(value, BATCH_STATUSES, field),
      );
      return { statuses, active: optionalBoolean(fields['active'], 'active') };
    },
    async run(ctx, { statuses, active }) {
      const batches = await requireStore(ctx).batches.list({ ...(statuses ? { statuses } : {}), active });
      return batches.map(batchView);
    },
  }),

  batchDetail: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        ...batchRef(raw),
        offset: integerIn(fields['offset'], 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        limit: integerIn(fields['limit'], 'limit', { min: 1, max: MAX_PAGE, fallback: 100 }),
        states: optionalList(fields['states'], 'states', (value, field) => {
          const state = optionalText(value, field, 64);
          if (state === undefined) throw invalid(field, EXPECT.state);
          return state;
        }),
        code: optionalText(fields['code'], 'code', 64),
      };
    },
    async run(ctx, { batchId, offset, limit, states, code }) {
      const store = requireStore(ctx);
      const [batch] = await store.batches.list({ ids: [batchId] });
      if (!batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      const page = await store.batches.payoutPage(batchId, { offset, limit, states, code });
      return {
        batch: batchView(batch),
        total: page.total,
        offset,
        limit,
        rows: page.rows.map((payout) => payoutView(payout, ctx.lang)),
      };
    },
  }),

  batchStatus: query({
    input: batchRef,
    run: (ctx, { batchId }) => report(ctx, batchId),
  }),

  approveBatch: mutation({
    action: 'batch.approve',
    input: (raw) => ({ ...batchRef(raw), ...approvalConfirmation(raw) }),
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId, confirm, comment }) {
      requireStatus(ctx, 'approve');
      if (ctx.batch?.kind === 'refund') await assertRefundsWithinCapture(ctx.store, batchId);
      // The approval covers exactly what is stored now, sealed with the installation key; the engine checks
      // it again before sending anything.
      const { keys } = await ctx.keyring.unlock();
      const seal = approvalSeal(await ctx.store.batches.payableRows(batchId), undefined, keys.approval);
      // The control totals the approver typed must be those of what is approved: else nothing changes.
      checkConfirmedTotals(batchId, confirm, seal);
      const given = await ctx.store.batches.approvals(batchId);
      // A second approver must have seen exactly what the first one approved.
      if (given.some((approval) => approval.digest !== seal.digest))
        throw new AppError('APPROVAL_CONTENT_CHANGED', { batchId });
      const settings = readSettings(await ctx.store.settings.all());
      const needed = approvalsNeeded(ctx.batch?.total_fen ?? 0, settings.second_approver_above_fen);
      const approvers = [...given.map((approval) => approval.approver), ctx.actor];
      if (approvers.length < needed) {
        const recorded = await ctx.store.batches.recordApproval(
          batchId,
          ctx.actor,
          seal,
          ctx.audit({ approval: approvers.length, of: needed, ...commentDetails(comment) }),
        );
        if (!recorded)
          return changed(ctx, { ok: false, batch: await ctx.store.batches.get(batchId) }, batchId, 'approve');
        return { ...(await current(ctx, batchId)), approvals_needed: needed - approvers.length };
      }
      const change = await ctx.store.batches.approve(
        batchId,
        ctx.actor,
        seal,
        ctx.audit({ ...(needed > 1 ? { approvers } : {}), ...commentDetails(comment) }),
      );
      return changed(ctx, change, batchId, 'approve');
    },
  }),

  rejectBatch: mutation({
    action: 'batch.reject',
    input: (raw) => {
      const reason = optionalText(fieldsOf(raw)['reason'], 'reason', MAX_REASON)?.trim();
      if (!reason) throw new AppError('REASON_REQUIRED');
      return { ...batchRef(raw), reason };
    },
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId, reason }) {
      const change = await ctx.store.batches.reject(batchId, reason, ctx.audit());
      return changed(ctx, change, batchId, 'reject');
    },
  }),

  submitBatch: mutation({
    action: 'batch.submit',
    input: batchRef,
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }) {
      // Submitting a batch already being sent changes nothing: the engine keeps sending it.
      if (ctx.batch?.status === 'sending') return current(ctx, batchId);
      requireStatus(ctx, 'submit');
      // Nothing starts sending from a damaged database (SQLite's full check: every index against its table).
      await ctx.store.meta.checkIntegrity();
      // A batch becomes `sending` only once its environment is reachable with usable credentials; it is bound
      // to that environment for good.
      const binding = await ctx.sending.bindingForSubmit(ctx.batch?.kind ?? 'payout');
      const change = await ctx.store.batches.startSending(
        batchId,
        binding,
        ctx.audit({
          environment: binding.environment,
          gate_url: binding.gateUrl,
          project_id: binding.projectId,
          ...(binding.merchantId === undefined ? {} : { merchant_id: binding.merchantId }),
        }),
      );
      // Two submits at once (a double click): the other one got there first; this one changes nothing.
      if (!change.ok && change.batch?.status === 'sending') return current(ctx, batchId);
      const result = await changed(ctx, change, batchId, 'submit');
      ctx.sending.wake();
      return result;
    },
  }),

  pauseBatch: statusChange('pause', 'paused'),
  cancelBatch: statusChange('cancel', 'cancelled'),

  resumeBatch: mutation({
    action: 'batch.resume',
    input: batchRef,
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }) {
      // Only a paused batch changes; any other is left as it is (the engine follows what it has sent).
      if (ctx.batch && ctx.batch.status !== 'paused') return current(ctx, batchId);
      const change = await ctx.store.batches.changeStatus(
        batchId,
        { from: ALLOWED_FROM.resume, to: 'sending' },
        ctx.audit(),
      );
      const result = await changed(ctx, change, batchId, 'resume');
      ctx.sending.wake();
      return result;
    },
  }),

  recheckBatch: mutation({
    action: 'batch.recheck',
    input: batchRef,
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }) {
      requireStatus(ctx, 'recheck');
      // The provider is asked first, outside any transaction; its answers are journaled with the audit entry.
      const { checked, changes } = await ctx.sending.recheck(batchId);
      const applied = await ctx.store.journal.applyRecheck(
        changes,
        ctx.now().getTime(),
        ctx.audit({ checked }),
      );
      await ctx.store.journal.completeSettledBatches(ctx.now().getTime());
      if (applied > 0) ctx.events.emit({ type: 'payouts.changed', batch_ids: [batchId] });
      return { checked, changed: applied, report: await report(ctx, batchId) };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
