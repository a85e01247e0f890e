export type * from './ports.js';
export type * from './types.js';
export { ACTIVE_BATCH_STATUSES, BATCH_STATUSES } from './types.js';
export { StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
