/**
 * The two kinds of operation. A query reads. A mutation changes something, and its wrapper is the one place
 * that requires a named actor, loads the batch acted on, checks permissions (four eyes today, roles later)
 * and stamps the audit entry the store writes in the same transaction as the change.
 */
import { AppError } from './errors.js';
import { personKey, type Action } from './access.js';
import type { MutationContext, OperationContext } from './context.js';
import type { ConsoleStore } from '../store/ports.js';

export interface Operation<I, O> {
  /** The audit and permission name of a mutation; null for a query. */
  readonly action: Action | null;
  /** Checks the raw input (from any shell) and applies defaults. */
  parse(raw: unknown): I;
  execute(ctx: OperationContext, input: I): Promise<O>;
}

export function requireStore(ctx: OperationContext): ConsoleStore {
  if (!ctx.store) throw new AppError('NO_DATABASE', { path: '—' });
  return ctx.store;
}

export function query<I, O>(spec: {
  input: (raw: unknown) => I;
  run: (ctx: OperationContext, input: I) => Promise<O>;
}): Operation<I, O> {
  return { action: null, parse: spec.input, execute: spec.run };
}

export function mutation<I, O>(spec: {
  action: Action;
  input: (raw: unknown) => I;
  /** The batch the operation acts on: loaded (BATCH_NOT_FOUND if missing) and shown to the access policy. */
  batchOf?: (input: I) => number;
  run: (ctx: MutationContext, input: I) => Promise<O>;
}): Operation<I, O> {
  return {
    action: spec.action,
    parse: spec.input,
    async execute(ctx, input) {
      const store = requireStore(ctx);
      const actor = ctx.actor?.trim();
      // A name that prints as nothing is no name: the audit trail must say who acted.
      if (!actor || personKey(actor) === '') throw new AppError('USER_REQUIRED');
      const batchId = spec.batchOf?.(input);
      const batch = batchId === undefined ? null : await store.batches.get(batchId);
      if (batchId !== undefined && !batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      ctx.access.authorize({ actor, action: spec.action, batch });
      return spec.run(
        {
          ...ctx,
          store,
          actor,
          batch,
          action: spec.action,
          audit: (details = {}) => ({
            actor,
            action: spec.action,
            at: ctx.now().toISOString(),
            batchId: batchId ?? null,
            details,
          }),
        },
        input,
      );
    },
  };
}
