/** Reading and verifying the audit trail, copying the database it lives in, and revealing payee data. */
import { resolve } from 'node:path';
import type { Operations } from '../../contract/operations.js';
import type { AuditVerification } from '../../contract/records.js';
import { normaliseAccountName, verifyAuditChain } from '../security/index.js';
import { AppError } from './errors.js';
import { EXPECT } from './expected.js';
import { fieldsOf, integerIn, invalid, optionalText, positiveInteger } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date or time as a bound; a date alone is the start of that day (UTC), or of the next for `to`. */
function timeBound(value: unknown, field: 'from' | 'to'): string | undefined {
  const text = optionalText(value, field, 64)?.trim();
  if (!text) return undefined;
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms)) throw invalid(field, EXPECT.isoTime);
  return new Date(DATE_ONLY.test(text) && field === 'to' ? ms + 86_400_000 : ms).toISOString();
}

export const auditHandlers = {
  auditTrail: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      const user = optionalText(fields['user'], 'user', 256);
      return {
        batchId: fields['batchId'] === undefined ? undefined : positiveInteger(fields['batchId'], 'batchId'),
        from: timeBound(fields['from'], 'from'),
        to: timeBound(fields['to'], 'to'),
        actor: user === undefined ? undefined : normaliseAccountName(user),
        action: optionalText(fields['action'], 'action', 64)?.trim() || undefined,
        offset: integerIn(fields['offset'], 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        limit: integerIn(fields['limit'], 'limit', { min: 1, max: 100_000, fallback: 1000 }),
      };
    },
    async run(ctx, query) {
      return requireStore(ctx).audit.list(query);
    },
  }),

  verifyAudit: query({
    input: () => undefined,
    async run(ctx): Promise<AuditVerification> {
      const store = requireStore(ctx);
      // The chain is keyed: only the installation key can tell a real entry from a forged one.
      const { keys } = await ctx.keyring.unlock();
      const result = verifyAuditChain(keys.audit, store.audit.chained());
      if (result.ok)
        return {
          ok: true,
          entries: result.count,
          head: result.count > 0 ? result.head : null,
          last_id: result.lastId,
        };
      return { ok: false, entries: result.count, broken: result.broken };
    },
  }),

  backupDatabase: mutation({
    action: 'database.backup',
    input: (raw) => {
      const destination = optionalText(fieldsOf(raw)['destination'], 'destination', 4096)?.trim();
      if (!destination) throw invalid('destination', EXPECT.text);
      return { destination: resolve(destination) };
    },
    async run(ctx, { destination }) {
      if (destination === resolve(ctx.store.location))
        throw new AppError('BACKUP_EXISTS', { path: destination });
      const pages = await ctx.store.meta.backup(destination, ctx.audit());
      return { destination, pages };
    },
  }),

  revealPayees: mutation({
    action: 'payouts.reveal',
    input: (raw) => ({ batchId: positiveInteger(fieldsOf(raw)['batchId'], 'batchId') }),
    batchOf: (input) => input.batchId,
    async run(ctx, { batchId }) {
      const { fields } = await ctx.keyring.unlock();
      const rows = await ctx.store.batches.payableRows(batchId);
      const out = rows.map((row) => {
        const clear = row.payee_sealed
          ? fields.open(row.payee_sealed, row.payment_id)
          : { card_number: row.card_number, id_number: row.id_number, phone: row.phone };
        return { payment_id: row.payment_id, ...clear };
      });
      // Who saw which batch's payee data in clear, and how much of it.
      await ctx.store.audit.append(ctx.audit({ payouts: out.length }));
      return out;
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
