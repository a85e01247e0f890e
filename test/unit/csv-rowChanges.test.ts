/**
 * RowChangeApplier (electron/core/csv/rowChanges.ts): the grid's edits and left-out lines applied to mapped
 * rows as they are read, and which change named a line the file does not have.
 */
import { describe, expect, it } from 'vitest';
import { RowChangeApplier, type MappedRow } from '../../electron/core/csv/index.js';

const mapped = (line: number, amount = '150.00'): MappedRow => ({
  line,
  values: { amount, branch: '天河支行', payment_id: undefined },
  shape: null,
  mayHoldUnsafe: false,
});

describe('RowChangeApplier', () => {
  it('replaces the edited cells (the last edit of a cell wins) and leaves other rows as they are', () => {
    const changes = new RowChangeApplier({
      edits: [
        { line: 3, field: 'amount', value: '1.00' },
        { line: 3, field: 'amount', value: '1234.56' },
        { line: 3, field: 'payment_id', value: 'TYPED-3' },
      ],
    });
    const untouched = mapped(2);
    expect(changes.apply(untouched)).toBe(untouched);
    expect(untouched.mayHoldUnsafe).toBe(false);
    const edited = changes.apply(mapped(3));
    expect(edited?.values).toEqual({ amount: '1234.56', branch: '天河支行', payment_id: 'TYPED-3' });
    // Its edited text was never part of the file's scan for control characters.
    expect(edited?.mayHoldUnsafe).toBe(true);
    expect(changes.edits('payment_id')).toBe(true);
    expect(changes.edits('zip')).toBe(false);
    expect(changes.counts).toEqual({ editedCells: 2, removedLines: 0 });
  });

  it('leaves out the removed lines', () => {
    const changes = new RowChangeApplier({ removeLines: [3, 3, 5] });
    expect([2, 3, 4, 5].map((line) => changes.apply(mapped(line))?.line ?? null)).toEqual([2, null, 4, null]);
    expect(changes.counts).toEqual({ editedCells: 0, removedLines: 2 });
    expect(changes.firstUnmatched()).toBeNull();
  });

  it('names the first change whose line no row had (edits first, then removed lines)', () => {
    const changes = new RowChangeApplier({
      edits: [
        { line: 2, field: 'amount', value: '1.00' },
        { line: 9, field: 'amount', value: '1.00' },
      ],
      removeLines: [8],
    });
    for (const line of [2, 3]) changes.apply(mapped(line));
    expect(changes.firstUnmatched()).toEqual({ list: 'edits', index: 1, line: 9 });
    const removals = new RowChangeApplier({
      edits: [{ line: 2, field: 'zip', value: '1' }],
      removeLines: [2, 8],
    });
    removals.apply(mapped(2));
    expect(removals.firstUnmatched()).toEqual({ list: 'removeLines', index: 1, line: 8 });
  });

  it('applies 100k edits over 100k rows in one linear pass', () => {
    const rows = 100_000;
    const edits = Array.from({ length: rows }, (_, i) => ({
      line: i + 2,
      field: 'amount' as const,
      value: '9.99',
    }));
    const changes = new RowChangeApplier({ edits, removeLines: [rows + 1] });
    const started = performance.now();
    let kept = 0;
    for (let line = 2; line < rows + 2; line++) if (changes.apply(mapped(line)) !== null) kept++;
    expect(changes.firstUnmatched()).toBeNull();
    expect(kept).toBe(rows - 1);
    // Generous: a quadratic pass would take minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
