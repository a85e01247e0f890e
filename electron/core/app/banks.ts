/**
 * Bank lists: the shipped tables (what validation uses), and the lists fetched from the provider, kept with
 * their date and their difference from the shipped table for an admin to review. A fetched list never
 * changes validation by itself: the provider's answer is unsigned.
 */
import type { Operations } from '../../contract/operations.js';
import type { RefreshBanksResult, ShippedBankTableView, ShippedBankView } from '../../contract/records.js';
import { diffBankLists, toStoredBank } from '../banks/diff.js';
import type { Bank, ReferenceData } from '../reference/referenceData.js';
import type { StoredBankList } from '../store/ports.js';
import { METHOD_IDS, type MethodId } from '../types.js';
import { AppError } from './errors.js';
import { fieldsOf, oneOf, optionalList } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';

function methodsOf(raw: unknown): readonly MethodId[] {
  return (
    optionalList(fieldsOf(raw)['methods'], 'methods', (value, field) => oneOf(value, METHOD_IDS, field)) ??
    METHOD_IDS
  );
}

/** A shipped bank as a screen or `banks list` shows it: every field present, Chinese name or null. */
export function shippedBankView(bank: Bank): ShippedBankView {
  return {
    id: bank.id,
    name: bank.name,
    name_zh: bank.name_zh ?? null,
    looks_like_region: bank.looks_like_region === true,
  };
}

/** The shipped table of each method, by ID. */
export function shippedBankTables(
  reference: ReferenceData,
  methods: readonly MethodId[],
): ShippedBankTableView[] {
  return methods.map((method) => {
    const table = reference.methods.get(method);
    if (!table) throw new AppError('METHOD_UNKNOWN', { method });
    return { method, banks: table.banks.map(shippedBankView).sort((a, b) => a.id - b.id) };
  });
}

/**
 * The names of the bank a row resolved to, in the method's own table (29 is not the same bank in every
 * method): what a validated row shows beside its bank_id.
 */
export function resolvedBankNames(
  reference: ReferenceData,
  method: MethodId,
): (bankId: number | null) => { bank_name: string | null; bank_name_zh: string | null } {
  const byId = new Map<number, Bank>();
  for (const bank of reference.methods.get(method)?.banks ?? [])
    if (!byId.has(bank.id)) byId.set(bank.id, bank);
  return (bankId) => {
    const bank = bankId === null ? undefined : byId.get(bankId);
    return { bank_name: bank?.name ?? null, bank_name_zh: bank?.name_zh ?? null };
  };
}

export const bankHandlers = {
  shippedBanks: query({
    input: (raw) => ({ method: oneOf(fieldsOf(raw)['method'], METHOD_IDS, 'method') }),
    async run(ctx, { method }) {
      const table = ctx.reference.methods.get(method);
      if (!table) throw new AppError('METHOD_UNKNOWN', { method });
      return { method, banks: table.banks.map(({ id, name }) => ({ id, name })) };
    },
  }),

  bankTables: query({
    input: (raw) => ({ methods: methodsOf(raw) }),
    async run(ctx, { methods }) {
      return { methods: shippedBankTables(ctx.reference, methods) };
    },
  }),

  fetchedBanks: query({
    input: (raw) => ({ methods: methodsOf(raw) }),
    async run(ctx, { methods }) {
      const store = requireStore(ctx);
      const lists = await Promise.all(methods.map((method) => store.bankLists.latest(method)));
      return {
        lists: lists.flatMap((list) =>
          list
            ? [
                {
                  method: list.method,
                  fetched_at: list.fetchedAt,
                  fetched_by: list.fetchedBy,
                  environment: list.environment,
                  count: list.banks.length,
                  diff: list.diff,
                },
              ]
            : [],
        ),
        missing: methods.filter((_, i) => !lists[i]),
      };
    },
  }),

  refreshBanks: mutation({
    action: 'banks.refresh',
    input: (raw) => ({ methods: methodsOf(raw) }),
    async run(ctx, { methods }): Promise<RefreshBanksResult> {
      const { provider, environment } = await ctx.sending.provider();
      const fetchedAt = ctx.now().toISOString();
      const result: RefreshBanksResult = { environment, methods: [], failed: [] };
      const lists: Array<Omit<StoredBankList, 'id'>> = [];
      // One method after another: three small requests, and the output follows the method order.
      for (const method of methods) {
        const shipped = ctx.reference.methods.get(method)?.banks ?? [];
        const answer = provider.fetchBankList
          ? await provider.fetchBankList(method)
          : { ok: false as const, detail: `${provider.name} does not list banks` };
        if (!answer.ok) {
          result.failed.push({ method, detail: answer.detail });
          continue;
        }
        const diff = diffBankLists(shipped, answer.banks);
        const banks = answer.banks.map(toStoredBank);
        lists.push({ method, fetchedAt, fetchedBy: ctx.actor, environment, banks, diff });
        result.methods.push({
          method,
          fetched_at: fetchedAt,
          count: banks.length,
          skipped: answer.skipped,
          diff,
        });
      }
      // Counts only: bank names belong in the stored lists, not in the audit trail.
      await ctx.store.bankLists.storeFetched(
        lists,
        ctx.audit({
          environment,
          fetched: result.methods.map(({ method, count, skipped, diff }) => ({
            method,
            count,
            skipped,
            added: diff.added.length,
            removed: diff.removed.length,
            renamed: diff.renamed.length,
          })),
          failed: result.failed.map(({ method }) => method),
        }),
      );
      return result;
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
