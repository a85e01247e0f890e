/** Reading the audit trail. */
import type { Operations } from '../../contract/operations.js';
import { fieldsOf, integerIn, positiveInteger } from './input.js';
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
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
