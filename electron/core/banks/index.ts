/** Bank lists fetched from Gate: refresh (fetch, diff against the shipped table, store) and lookup. */
export { refreshBankList, type BankListSource, type RefreshOptions, type RefreshResult } from './refresh.js';
export { latestBankList, type StoredBank, type StoredBankList } from './store.js';
