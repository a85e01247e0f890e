/**
 * What the reconciliation screen reads off a run: its tiles (each count with its colour and what choosing it
 * shows), the exceptions a filter keeps, and a run with one exception closed.
 */
import type {
  ReconciliationExceptionKind,
  ReconciliationExceptionView,
  ReconciliationResult,
  ReconciliationRunView,
  ReconciliationSummary,
} from '../../../../../electron/contract/records';
import type { TagType } from '../../batches/utils/status';

export const EXCEPTION_KINDS: readonly ReconciliationExceptionKind[] = [
  'missing_at_provider',
  'unknown_at_console',
  'amount_mismatch',
  'status_mismatch',
  'duplicate',
];

export function exceptionTag(kind: ReconciliationExceptionKind): TagType {
  return kind === 'amount_mismatch' || kind === 'duplicate' ? 'warning' : 'danger';
}

/** Where choosing a tile leads: the exceptions of its kind, the pending payouts, the purchases, nowhere. */
export type TileTarget =
  { tab: 'exceptions'; kind: ReconciliationExceptionKind } | { tab: 'pending' } | { tab: 'purchases' } | null;

export interface Tile {
  key: keyof ReconciliationSummary;
  count: number;
  /** The tile's colour when it counts something (a zero is grey). */
  tone: TagType;
  target: TileTarget;
}

const TILE_ORDER: ReadonlyArray<{ key: keyof ReconciliationSummary; tone: TagType; target: TileTarget }> = [
  { key: 'matched', tone: 'success', target: null },
  { key: 'missing_at_provider', tone: 'danger', target: { tab: 'exceptions', kind: 'missing_at_provider' } },
  { key: 'unknown_at_console', tone: 'danger', target: { tab: 'exceptions', kind: 'unknown_at_console' } },
  { key: 'amount_mismatch', tone: 'warning', target: { tab: 'exceptions', kind: 'amount_mismatch' } },
  { key: 'status_mismatch', tone: 'danger', target: { tab: 'exceptions', kind: 'status_mismatch' } },
  { key: 'duplicates', tone: 'warning', target: { tab: 'exceptions', kind: 'duplicate' } },
  { key: 'pending', tone: 'primary', target: { tab: 'pending' } },
  { key: 'purchases', tone: 'info', target: { tab: 'purchases' } },
];

/** The run's eight counts in the order the screen shows them. */
export function summaryTiles(summary: ReconciliationSummary): Tile[] {
  return TILE_ORDER.map((tile) => ({ ...tile, count: summary[tile.key] }));
}

export interface ExceptionFilter {
  kind: ReconciliationExceptionKind | null;
  onlyOpen: boolean;
}

export function isOpen(exception: Pick<ReconciliationExceptionView, 'resolved_at'>): boolean {
  return exception.resolved_at === null;
}

/** The exceptions a filter keeps, open ones first, each group in the run's order. */
export function filterExceptions(
  exceptions: readonly ReconciliationExceptionView[],
  filter: ExceptionFilter,
): ReconciliationExceptionView[] {
  const kept = exceptions.filter(
    (exception) =>
      (filter.kind === null || exception.kind === filter.kind) && (!filter.onlyOpen || isOpen(exception)),
  );
  return [...kept.filter(isOpen), ...kept.filter((exception) => !isOpen(exception))];
}

/** The run with an exception replaced by its resolved form, and its open count following. */
export function withResolved(
  result: ReconciliationResult,
  resolved: ReconciliationExceptionView,
): ReconciliationResult {
  const exceptions = result.exceptions.map((exception) =>
    exception.id === resolved.id ? resolved : exception,
  );
  const run: ReconciliationRunView = { ...result.run, open_exceptions: exceptions.filter(isOpen).length };
  return { ...result, run, exceptions };
}

/** The first characters of a SHA-256, enough to tell files apart on screen. */
export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}

/** The format a person chose ('auto': let the console tell from the file). */
export type FormatChoice = 'auto' | 'ecommpay-json' | 'csv';

/** A mapping text as typed: trimmed, and absent when empty (the console then uses the headers it knows). */
export function mappingText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
