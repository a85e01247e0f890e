import { describe, expect, it } from 'vitest';
import type {
  ReconciliationExceptionView,
  ReconciliationResult,
  ReconciliationSummary,
} from '../../electron/contract/records';
import { reconcileInput } from '../../renderer/src/views/reconciliation/utils/input';
import {
  EXCEPTION_KINDS,
  exceptionTag,
  filterExceptions,
  mappingText,
  shortHash,
  summaryTiles,
  withResolved,
} from '../../renderer/src/views/reconciliation/utils/kinds';

const SUMMARY: ReconciliationSummary = {
  matched: 3,
  missing_at_provider: 1,
  unknown_at_console: 2,
  amount_mismatch: 0,
  status_mismatch: 4,
  duplicates: 5,
  pending: 6,
  purchases: 7,
};

function exception(
  id: number,
  kind: ReconciliationExceptionView['kind'],
  resolved = false,
): ReconciliationExceptionView {
  return {
    id,
    kind,
    payment_id: `P-${id}`,
    batch_id: 1,
    console_amount_fen: 100,
    console_currency: 'CNY',
    console_status: 'success',
    provider_amount_fen: null,
    provider_currency: null,
    provider_status: null,
    provider_operation_ids: [],
    detail: 'differs',
    resolved_by: resolved ? 'alice' : null,
    resolved_at: resolved ? '2026-12-02T10:00:00.000Z' : null,
    resolution_note: resolved ? 'checked' : null,
  };
}

describe('a run summary', () => {
  it('shows eight tiles in a fixed order, each leading to its rows', () => {
    const tiles = summaryTiles(SUMMARY);
    expect(tiles.map((tile) => [tile.key, tile.count])).toEqual([
      ['matched', 3],
      ['missing_at_provider', 1],
      ['unknown_at_console', 2],
      ['amount_mismatch', 0],
      ['status_mismatch', 4],
      ['duplicates', 5],
      ['pending', 6],
      ['purchases', 7],
    ]);
    expect(tiles.map((tile) => tile.target)).toEqual([
      null,
      { tab: 'exceptions', kind: 'missing_at_provider' },
      { tab: 'exceptions', kind: 'unknown_at_console' },
      { tab: 'exceptions', kind: 'amount_mismatch' },
      { tab: 'exceptions', kind: 'status_mismatch' },
      { tab: 'exceptions', kind: 'duplicate' },
      { tab: 'pending' },
      { tab: 'purchases' },
    ]);
    expect(tiles[0]?.tone).toBe('success');
    expect(tiles.filter((tile) => tile.tone === 'danger').map((tile) => tile.key)).toEqual([
      'missing_at_provider',
      'unknown_at_console',
      'status_mismatch',
    ]);
  });

  it('colours every exception kind', () => {
    expect(EXCEPTION_KINDS.map(exceptionTag)).toEqual(['danger', 'danger', 'warning', 'danger', 'warning']);
  });
});

describe('the exceptions of a run', () => {
  const all = [
    exception(1, 'missing_at_provider', true),
    exception(2, 'amount_mismatch'),
    exception(3, 'missing_at_provider'),
    exception(4, 'duplicate'),
  ];

  it('list the open ones first, each group in the run order', () => {
    expect(filterExceptions(all, { kind: null, onlyOpen: false }).map((e) => e.id)).toEqual([2, 3, 4, 1]);
  });

  it('filter by kind and by being open', () => {
    expect(filterExceptions(all, { kind: 'missing_at_provider', onlyOpen: false }).map((e) => e.id)).toEqual([
      3, 1,
    ]);
    expect(filterExceptions(all, { kind: 'missing_at_provider', onlyOpen: true }).map((e) => e.id)).toEqual([
      3,
    ]);
    expect(filterExceptions(all, { kind: 'status_mismatch', onlyOpen: false })).toEqual([]);
  });

  it('take a resolved exception in place, the open count following', () => {
    const result = {
      run: { id: 9, open_exceptions: 3 },
      summary: SUMMARY,
      exceptions: all,
      pending: [],
      purchases: [],
    } as unknown as ReconciliationResult;
    const next = withResolved(result, exception(3, 'missing_at_provider', true));
    expect(next.run.open_exceptions).toBe(2);
    expect(next.exceptions.map((e) => [e.id, e.resolved_by])).toEqual([
      [1, 'alice'],
      [2, null],
      [3, 'alice'],
      [4, null],
    ]);
    // The run on screen is replaced, not changed under the table.
    expect(result.exceptions[2]?.resolved_by).toBeNull();
    expect(result.run.open_exceptions).toBe(3);
  });
});

describe('a new run', () => {
  const file = { name: 'ops.csv', bytes: new Uint8Array([1, 2, 3]) };

  it('needs a file', () => {
    expect(reconcileInput({ file: null, format: 'auto', map: '', graceMinutes: 0 })).toBeNull();
  });

  it('lets the console tell the format, and sends a mapping only when one was typed', () => {
    expect(reconcileInput({ file, format: 'auto', map: '  ', graceMinutes: 0 })).toEqual({
      file,
      graceMinutes: 0,
    });
    expect(reconcileInput({ file, format: 'csv', map: ' Sum=amount ', graceMinutes: 15.7 })).toEqual({
      file,
      format: 'csv',
      map: 'Sum=amount',
      graceMinutes: 15,
    });
  });

  it('sends no mapping with the Data API JSON', () => {
    expect(reconcileInput({ file, format: 'ecommpay-json', map: 'Sum=amount', graceMinutes: -3 })).toEqual({
      file,
      format: 'ecommpay-json',
      graceMinutes: 0,
    });
  });

  it('shows hashes and mappings briefly', () => {
    expect(shortHash('9af7f5413aa4b5c6d7e8f9')).toBe('9af7f5413aa4…');
    expect(shortHash('abc')).toBe('abc');
    expect(mappingText('')).toBeUndefined();
  });
});
