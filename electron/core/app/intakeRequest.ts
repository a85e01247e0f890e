/** An intake call (validateFile, importFile) as read from its input, for a payout file or a refund file. */
import type { PayoutDefaultsView } from '../../contract/records.js';
import type { Delimiter, EncodingChoice, RowChanges } from '../csv/index.js';
import type { BatchKind, ColumnTarget, MethodId } from '../types.js';

export interface IntakeRequest {
  /** A payout file, or a refund file (app/refundIntake.ts). */
  kind: BatchKind;
  fileName: string;
  bytes: Uint8Array;
  method: MethodId;
  encoding: EncodingChoice;
  /** The delimiter chosen over the detected one; undefined: detect it. */
  delimiter: Delimiter | undefined;
  map: Map<string, ColumnTarget> | undefined;
  /** The map as given (a refund file's map is read against the refund fields). */
  rawMap: string | Record<string, string> | undefined;
  rows: 'all' | 'problems' | 'none' | undefined;
  previewRows: number;
  payoutDefaults: Partial<PayoutDefaultsView>;
  requestPreview: number;
  /** The grid's edited cells and left-out lines; undefined when there are none. */
  changes: RowChanges | undefined;
  /** Return exactly these lines' rows, whatever `rows` says. */
  lines: ReadonlySet<number> | undefined;
}
