import type { PayoutField } from '../types.js';

/** One data row as the CSV layer hands it over: raw, untrimmed cells keyed by the field they map to. */
export interface MappedRow {
  /** 1-based line of the row's first physical line in the file (the header is line 1). */
  line: number;
  /** A field whose column is absent from the file is `undefined`; full names are already split. */
  values: Partial<Record<PayoutField, string>>;
  /** Set when the record's cell count differs from the header's (ROW_SHAPE); null otherwise. */
  shape?: { cells: number; expected: number } | null;
  /**
   * False when the CSV layer found no control, bidi or zero-width character anywhere in the file and this
   * record spans one line: its cells need no scan of their own. Absent: scan them.
   */
  mayHoldUnsafe?: boolean;
}
