import { existsSync } from 'node:fs';
import { latestBankList, refreshBankList, type RefreshResult } from '../../core/banks/index.js';
import type { BankListDiff } from '../../core/gate/bankListDiff.js';
import { SOURCE_REFERENCE_DIR } from '../../core/paths.js';
import { loadReferenceData } from '../../core/reference/referenceData.js';
import { openDatabase } from '../../core/store/database.js';
import { METHOD_IDS, type MethodId } from '../../core/types.js';
import { parseCommandArgs, requireOne, UsageError, requireDb, requireUser } from '../args.js';
import { GATE_OPTIONS, openGateSession } from '../gateSetup.js';
import { loadProductionCredentials } from '../productionCredentials.js';

export const BANKS_USAGE = `banks refresh --db PATH --user NAME [--method M|all] [gate options] [--json]
  banks show --db PATH [--method M|all] [--json]
  (banks: exit 1 if a list could not be fetched, or show finds a method with no stored list)`;

const REFRESH_OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
  ...GATE_OPTIONS,
} as const;

const SHOW_OPTIONS = {
  db: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The summary both subcommands print per method, in the documented JSON shape. */
interface MethodSummary {
  method: MethodId;
  fetched_at: string;
  count: number;
  diff: BankListDiff;
}

/** `cup-payouts banks refresh|show …` */
export function runBanks(argv: string[]): Promise<number> | number {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'refresh') return runRefresh(rest);
  if (subcommand === 'show') return runShow(rest);
  throw new UsageError('banks needs a subcommand: refresh or show.');
}

function methodsOf(values: Record<string, unknown>, positionals: string[]): readonly MethodId[] {
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const method = requireOne(values['method'] as string | undefined, ['all', ...METHOD_IDS], '--method');
  return method === undefined || method === 'all' ? METHOD_IDS : [method];
}

/**
 * Fetches each method's list from the chosen Gate, stores it with its diff against the shipped table.
 * The shipped tables stay the validation source; the stored lists are for an admin to review.
 */
async function runRefresh(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, REFRESH_OPTIONS);
  const methods = methodsOf(values, positionals);
  const dbPath = requireDb(values);
  const user = requireUser(values);
  const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  const db = openDatabase(dbPath);
  try {
    const session = await openGateSession({
      values,
      dbPath,
      reference,
      productionCredentials: () => loadProductionCredentials(db),
    });
    const results: RefreshResult[] = [];
    try {
      // One method after another: three small requests, and the output follows the method order.
      for (const method of methods) {
        results.push(
          await refreshBankList(db, session.client, reference, method, {
            user,
            environment: session.environment,
          }),
        );
      }
    } finally {
      await session.close();
    }

    const summaries: MethodSummary[] = [];
    for (const result of results) {
      if (result.ok) {
        const { method, fetchedAt, count, diff } = result;
        summaries.push({ method, fetched_at: fetchedAt, count, diff });
      } else {
        console.error(
          `${result.method}: the bank list could not be fetched (${result.detail}). Nothing was stored.`,
        );
      }
    }
    if (values['json'] === true) {
      const failed = results.flatMap((r) => (r.ok ? [] : [{ method: r.method, detail: r.detail }]));
      printJson({ methods: summaries, failed });
    } else {
      for (const summary of summaries) printSummary(summary, `from Gate (${session.environment})`);
      const skipped = results.reduce((sum, r) => sum + (r.ok ? r.skipped : 0), 0);
      if (skipped > 0) console.log(`${skipped} listed items had no usable id or name and were left out.`);
      if (summaries.length > 0) {
        console.log('Validation keeps using the shipped tables; the fetched lists are stored for review.');
      }
    }
    return summaries.length === results.length ? 0 : 1;
  } finally {
    db.close();
  }
}

/** Prints the newest stored list of each method; never creates a database at a mistyped path. */
function runShow(argv: string[]): number {
  const { values, positionals } = parseCommandArgs(argv, SHOW_OPTIONS);
  const methods = methodsOf(values, positionals);
  const dbPath = requireDb(values);
  if (dbPath !== ':memory:' && !existsSync(dbPath)) {
    console.error(`There is no database at ${dbPath}.`);
    return 2;
  }
  const db = openDatabase(dbPath);
  try {
    const stored = methods.map((method) => ({ method, list: latestBankList(db, method) }));
    const missing = stored.filter(({ list }) => list === null).map(({ method }) => method);
    if (values['json'] === true) {
      const summaries = stored.flatMap(({ list }) =>
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
      );
      printJson({ methods: summaries, missing });
    } else {
      for (const { method, list } of stored) {
        if (!list) console.log(`${method}: no bank list stored yet (run \`cup-payouts banks refresh\`).`);
        else {
          const origin = `from Gate (${list.environment}), fetched by ${list.fetchedBy}`;
          printSummary(
            { method, fetched_at: list.fetchedAt, count: list.banks.length, diff: list.diff },
            origin,
          );
        }
      }
    }
    return missing.length === 0 ? 0 : 1;
  } finally {
    db.close();
  }
}

function printJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document)}\n`);
}

function printSummary({ method, fetched_at, count, diff }: MethodSummary, origin: string): void {
  const { added, removed, renamed } = diff;
  const changes = added.length + removed.length + renamed.length;
  const verdict =
    changes === 0
      ? 'same as the shipped table'
      : `${added.length} added, ${removed.length} removed, ${renamed.length} renamed against the shipped table`;
  console.log(`${method}: ${count} banks ${origin} at ${fetched_at}; ${verdict}.`);
  for (const bank of added) console.log(`  added    ${String(bank.id).padEnd(7)} ${bank.name}`);
  for (const bank of removed) console.log(`  removed  ${String(bank.id).padEnd(7)} ${bank.name}`);
  for (const bank of renamed)
    console.log(`  renamed  ${String(bank.id).padEnd(7)} ${bank.from} → ${bank.to}`);
}
