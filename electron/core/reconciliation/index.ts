/** Offline reconciliation: the provider's operations (a saved file or the Data API) against the console's payouts. */
export { loadProviderFile, type LoadOptions } from './load.js';
export {
  reconcileOperations,
  expectedAtProvider,
  KIND_ORDER,
  type FoundException,
  type MatchResult,
} from './match.js';
export { exceptionDetail } from './detail.js';
export { ProviderFileError, type ProviderFileErrorCode } from './errors.js';
export { providerColumnMap, PROVIDER_FIELDS, type ProviderField } from './fields.js';
export type { ConsolePayout, ProviderFile, ProviderOperation } from './types.js';
