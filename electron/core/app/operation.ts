/**
 * The kinds of operation. A query reads. A mutation changes something, and its wrapper is the one place
 * that requires a signed-in person, loads the batch acted on, checks their roles and the four-eyes rule, and
 * stamps the audit entry the store writes in the same transaction as the change. No shell can skip it: the
 * CLI, the IPC handlers and the browser bridge all call operations through `createApp`.
 */
import { AppError } from './errors.js';
import type { Action, Principal } from './access.js';
import type { MutationContext, OperationContext } from './context.js';
import type { ConsoleStore } from '../store/ports.js';
import { readSettings } from './settingsModel.js';

export interface Operation<I, O> {
  /** The audit and permission name of a mutation; null for a query. */
  readonly action: Action | null;
  /** Who may call it: anyone (signing in, the console's state), or a signed-in person (the default). */
  readonly audience: 'public' | 'signed-in';
  /** Checks the raw input (from any shell) and applies defaults. */
  parse(raw: unknown): I;
  execute(ctx: OperationContext, input: I): Promise<O>;
}

export function requireStore(ctx: OperationContext): ConsoleStore {
  if (!ctx.store) throw new AppError('NO_DATABASE', { path: '—' });
  return ctx.store;
}

/**
 * The person behind the caller's session, checked now (a disabled account's sessions end at once); null
 * when the caller has no session.
 */
export async function principalOf(ctx: OperationContext): Promise<Principal | null> {
  if (ctx.session === null) return null;
  const store = requireStore(ctx);
  const settings = readSettings(await store.settings.all());
  const name = ctx.sessions.use(ctx.session, ctx.now().getTime(), settings.session_idle_minutes * 60_000);
  const user = await store.users.byName(name);
  if (!user || user.disabled_at !== null) {
    ctx.sessions.closeUser(name);
    throw new AppError('ACCOUNT_DISABLED', { user: name });
  }
  return { name: user.name, roles: user.roles };
}

export function query<I, O>(spec: {
  input: (raw: unknown) => I;
  run: (ctx: OperationContext, input: I) => Promise<O>;
  /** 'public': callable before anyone signs in (signing in itself, the console's state). */
  audience?: 'public' | 'signed-in';
}): Operation<I, O> {
  const audience = spec.audience ?? 'signed-in';
  return {
    action: null,
    audience,
    parse: spec.input,
    async execute(ctx, input) {
      if (audience === 'public') return spec.run(ctx, input);
      // Reading needs a signed-in person, except where reading the file is already governed by its own
      // permissions (the command line); a stale or disabled session is refused either way.
      const principal = ctx.session !== null && ctx.store ? await principalOf(ctx) : null;
      if (principal === null && !ctx.readsWithoutSession && ctx.store) throw new AppError('SIGN_IN_REQUIRED');
      return spec.run({ ...ctx, principal }, input);
    },
  };
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
    audience: 'signed-in',
    parse: spec.input,
    async execute(ctx, input) {
      const store = requireStore(ctx);
      const principal = await principalOf(ctx);
      if (principal === null) throw new AppError('SIGN_IN_REQUIRED');
      const batchId = spec.batchOf?.(input);
      const batch = batchId === undefined ? null : await store.batches.get(batchId);
      if (batchId !== undefined && !batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      const approvedBy =
        spec.action === 'batch.approve' && batchId !== undefined
          ? (await store.batches.approvals(batchId)).map((a) => a.approver)
          : [];
      ctx.access.authorize({ principal, action: spec.action, batch, approvedBy });
      // Every change is audited, and audit entries are chained with the installation key.
      await ctx.keyring.unlock();
      const actor = principal.name;
      return spec.run(
        {
          ...ctx,
          store,
          principal,
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
