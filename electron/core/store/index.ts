export { openDatabase, defaultDatabasePath } from './database.js';
export type { Database, DatabasePathOptions, OpenDatabaseOptions } from './database.js';
export { MIGRATIONS, migrate, schemaVersion } from './migrations.js';
export type { Migration } from './migrations.js';
export {
  insertDraftBatch,
  findBatchesBySha256,
  usedPaymentIds,
  getBatch,
  listBatches,
  listPayouts,
  isStorablePayout,
} from './batches.js';
export { appendAudit, listAudit, sanitizeAuditDetails } from './audit.js';
export { StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export type * from './types.js';
