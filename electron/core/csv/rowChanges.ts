/**
 * The operator's changes to a file in the validation grid: cells edited and lines left out. They are applied
 * to each mapped row as it is read, before validation, so an edited cell goes through exactly the rules a cell
 * of the file goes through (an amount is parsed from its decimal text, a card number checked, …). The file
 * itself is never changed.
 */
import type { PayoutField } from '../types.js';
import type { MappedRow } from './mapRows.js';

/** A cell changed in the grid: the text typed for a field of the row at `line`. */
export interface CellEdit {
  line: number;
  field: PayoutField;
  value: string;
}

export interface RowChanges {
  edits?: readonly CellEdit[];
  /** Lines left out, as if the file did not have them. */
  removeLines?: readonly number[];
}

/** A change naming a line that holds no row of the file (a header, a blank line, past the end). */
export interface UnmatchedChange {
  list: 'edits' | 'removeLines';
  /** Its position in that list. */
  index: number;
  line: number;
}

/**
 * Applies changes row by row: one map lookup per row, so a whole pass costs O(rows + changes). Remembers which
 * named lines it met, to tell afterwards whether a change named a line the file does not have.
 */
export class RowChangeApplier {
  /** Per line, the edited cells (a later edit of the same cell wins). */
  private readonly cellsByLine = new Map<number, Map<PayoutField, string>>();
  private readonly removed: ReadonlySet<number>;
  private readonly met = new Set<number>();
  private readonly fields = new Set<PayoutField>();

  constructor(private readonly changes: RowChanges) {
    for (const edit of changes.edits ?? []) {
      let cells = this.cellsByLine.get(edit.line);
      if (cells === undefined) this.cellsByLine.set(edit.line, (cells = new Map()));
      cells.set(edit.field, edit.value);
      this.fields.add(edit.field);
    }
    this.removed = new Set(changes.removeLines ?? []);
  }

  /** Whether some edit sets this field (a field without a column then reads from the edited cells). */
  edits(field: PayoutField): boolean {
    return this.fields.has(field);
  }

  /** How many distinct cells are edited, and how many distinct lines left out. */
  get counts(): { editedCells: number; removedLines: number } {
    let editedCells = 0;
    for (const cells of this.cellsByLine.values()) editedCells += cells.size;
    return { editedCells, removedLines: this.removed.size };
  }

  /** The row with its edited cells, or null for a line left out. */
  apply(row: MappedRow): MappedRow | null {
    if (this.removed.has(row.line)) {
      this.met.add(row.line);
      return null;
    }
    const cells = this.cellsByLine.get(row.line);
    if (cells === undefined) return row;
    this.met.add(row.line);
    for (const [field, value] of cells) row.values[field] = value;
    // The edited text was not part of the file scanned as a whole for control or invisible characters.
    row.mayHoldUnsafe = true;
    return row;
  }

  /** The first change that named a line no row of the file had; null when every one matched. */
  firstUnmatched(): UnmatchedChange | null {
    const edits = this.changes.edits ?? [];
    for (let index = 0; index < edits.length; index++) {
      const line = edits[index]!.line;
      if (!this.met.has(line)) return { list: 'edits', index, line };
    }
    const removeLines = this.changes.removeLines ?? [];
    for (let index = 0; index < removeLines.length; index++) {
      const line = removeLines[index]!;
      if (!this.met.has(line)) return { list: 'removeLines', index, line };
    }
    return null;
  }
}
