export type StoreErrorCode =
  /** A payment_id is already stored (in an earlier batch, or twice in this one). */
  | 'PAYMENT_ID_USED'
  /** A batch from the same file bytes is stored already (and the import asked to refuse that). */
  | 'FILE_ALREADY_IMPORTED'
  /** A payout lacks what the store requires (positive integer amount, bank, region). */
  | 'INVALID_PAYOUT'
  /** A draft batch without payouts. */
  | 'EMPTY_BATCH'
  /** The totals counted in SQL differ from the totals computed in JS. */
  | 'CONTROL_TOTAL_MISMATCH'
  /** The database was written by a newer version of the console. */
  | 'SCHEMA_TOO_NEW'
  /** The file system refused write-ahead logging (e.g. a network share). */
  | 'WAL_UNAVAILABLE'
  /** The file is not a console database (another application's, or not a database at all). */
  | 'NOT_A_CONSOLE_DATABASE'
  /** SQLite's own checks found the file damaged. */
  | 'DATABASE_DAMAGED'
  /** The database or its folder cannot be written (permissions, a read-only disk). */
  | 'DATABASE_READ_ONLY'
  /** Another program holds the database locked for longer than the console waits. */
  | 'DATABASE_LOCKED'
  /** The disk is full. */
  | 'DISK_FULL'
  /** The database file cannot be opened or created at that path. */
  | 'DATABASE_CANNOT_OPEN'
  /** A backup would overwrite an existing file. */
  | 'BACKUP_EXISTS'
  /** Writing needs the installation key (audit entries are chained with it), and it is not unlocked. */
  | 'KEY_LOCKED'
  /** An account with this name, or one that looks the same, exists already. */
  | 'USER_EXISTS';

/** A failure the caller can act on; `code` is stable, `message` is for logs (English, no card numbers). */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details: {
      paymentId?: string;
      line?: number;
      batchIds?: number[];
      /** The file concerned, or what a check reported. */
      path?: string;
      detail?: string;
    } = {},
  ) {
    super(message);
  }
}
