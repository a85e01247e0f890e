/** Bank lists fetched from a provider, compared with the shipped tables. */
export { diffBankLists, type BankListDiff } from './diff.js';
