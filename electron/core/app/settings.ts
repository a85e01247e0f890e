/** Reading and changing the console's settings. */
import type { Operations, SettingsChanges } from '../../contract/operations.js';
import { ACTIVE_BATCH_STATUSES } from '../store/types.js';
import { AppError } from './errors.js';
import { fieldsOf } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';
import { applySettingsChanges, readSettings } from './settingsModel.js';

/** Settings that decide where and how payouts are sent: the engine reconnects when one changes. */
const SENDING_KEYS = ['environment', 'production_gate_url', 'payout_defaults', 'sending'];

export const settingsHandlers = {
  getSettings: query({
    input: () => undefined,
    async run(ctx) {
      return readSettings(await requireStore(ctx).settings.all());
    },
  }),

  changeSettings: mutation({
    action: 'settings.change',
    input: (raw) => ({ changes: fieldsOf(fieldsOf(raw)['changes']) as SettingsChanges }),
    async run(ctx, { changes }) {
      const current = readSettings(await ctx.store.settings.all());
      const { settings, changed } = applySettingsChanges(current, changes);
      // Payouts already sent are followed where they went: the environment stays while a batch is active.
      if (changed.environment !== undefined && changed.environment !== current.environment) {
        const active = await ctx.store.batches.list({ statuses: ACTIVE_BATCH_STATUSES });
        if (active.length > 0)
          throw new AppError('SETTING_LOCKED', {
            key: 'environment',
            batches: active.map((batch) => batch.id).join(', '),
          });
      }
      await ctx.store.settings.put(changed, ctx.audit({ changed }));
      if (Object.keys(changed).some((key) => SENDING_KEYS.includes(key))) await ctx.sending.reconfigure();
      return settings;
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
