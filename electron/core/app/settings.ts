/** Reading and changing the console's settings. */
import type { Operations, SettingsChanges } from '../../contract/operations.js';
import { fieldsOf } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';
import {
  applySettingsChanges,
  readSettings,
  requireLimitsWithinProvider,
  settingsRecord,
} from './settingsModel.js';

/** Settings that decide where and how payouts are sent: the engine reconnects when one changes. */
const SENDING_KEYS = ['environment', 'production_gate_url', 'payout_defaults', 'sending'];

export const settingsHandlers = {
  getSettings: query({
    input: () => undefined,
    async run(ctx) {
      return settingsRecord(readSettings(await requireStore(ctx).settings.all()), ctx.reference);
    },
  }),

  changeSettings: mutation({
    action: 'settings.change',
    input: (raw) => ({ changes: fieldsOf(fieldsOf(raw)['changes']) as SettingsChanges }),
    async run(ctx, { changes }) {
      const current = readSettings(await ctx.store.settings.all());
      const { settings: next, changed: applied } = applySettingsChanges(current, changes);
      // Only the methods the change names: limits stored before this rule do not block other changes.
      const namedMethods = changes.limits ? Object.keys(changes.limits) : [];
      requireLimitsWithinProvider(next.limits, namedMethods, ctx.reference);
      // Only what really differs is a change (and is audited); asking for today's values changes nothing.
      const changed = Object.fromEntries(
        Object.entries(applied).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof typeof current]),
        ),
      );
      if (Object.keys(changed).length === 0) return settingsRecord(current, ctx.reference);
      // A batch already sent keeps following the environment it is bound to: only new submissions move.
      await ctx.store.settings.put(changed, ctx.audit({ changed }));
      if (Object.keys(changed).some((key) => SENDING_KEYS.includes(key))) await ctx.sending.reconfigure();
      return settingsRecord(next, ctx.reference);
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
