/** Passwords, account names, the installation key and what it protects: pure functions, no storage. */
export {
  PASSWORD_MIN_LENGTH,
  hashPassword,
  verifyPassword,
  passwordWeakness,
  type PasswordWeakness,
} from './passwords.js';
export {
  normaliseAccountName,
  accountNameProblem,
  confusableSkeleton,
  areConfusable,
  type AccountNameProblem,
} from './accountNames.js';
export {
  PASSPHRASE_MIN_LENGTH,
  generateInstallationKey,
  newPassphraseProblem,
  wrapKeyWithPassphrase,
  unwrapKeyWithPassphrase,
  deriveKeys,
  keyFingerprint,
  type InstallationKeys,
} from './installationKey.js';
export {
  INSTALLATION_KEY_CIPHER_KIND,
  createFieldCipher,
  installationKeyCipher,
  maskCardNumber,
  maskIdNumber,
  maskPhone,
  type PayeeSecrets,
} from './fieldCipher.js';
export {
  AUDIT_CHAIN_GENESIS,
  auditChainHash,
  verifyAuditChain,
  type AuditChainBreak,
  type ChainedAuditEntry,
} from './auditChain.js';
