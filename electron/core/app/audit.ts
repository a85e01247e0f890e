/** Reading the audit trail, and copying the database it lives in. */
import { resolve } from 'node:path';
import type { Operations } from '../../contract/operations.js';
import { AppError } from './errors.js';
import { EXPECT } from './expected.js';
import { fieldsOf, integerIn, invalid, optionalText, positiveInteger } from './input.js';
import { query, requireStore, type Operation } from './operation.js';

export const auditHandlers = {
  auditTrail: query({
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        batchId: fields['batchId'] === undefined ? undefined : positiveInteger(fields['batchId'], 'batchId'),
        offset: integerIn(fields['offset'], 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        limit: integerIn(fields['limit'], 'limit', { min: 1, max: 10_000, fallback: 1000 }),
      };
    },
    async run(ctx, query) {
      return requireStore(ctx).audit.list(query);
    },
  }),

  // Reads everything and changes nothing, so no named person is required (a scheduled job may run it); the
  // copy is audited all the same, under the caller's name when there is one.
  backupDatabase: query({
    input: (raw) => {
      const destination = optionalText(fieldsOf(raw)['destination'], 'destination', 4096)?.trim();
      if (!destination) throw invalid('destination', EXPECT.text);
      return { destination: resolve(destination) };
    },
    async run(ctx, { destination }) {
      const store = requireStore(ctx);
      if (destination === resolve(store.location)) throw new AppError('BACKUP_EXISTS', { path: destination });
      const pages = await store.meta.backup(destination, {
        actor: ctx.actor?.trim() || 'console',
        action: 'database.backup',
        at: ctx.now().toISOString(),
        batchId: null,
        details: {},
      });
      return { destination, pages };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
