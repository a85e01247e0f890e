export { PASSPHRASE_CIPHER_KIND, PASSPHRASE_ENV, passphraseCipher, passphraseFromEnv } from './cipher.js';
export type { SecretCipher } from './cipher.js';
export { CredentialsError } from './errors.js';
export type { CredentialsErrorCode } from './errors.js';
export { REDACTED, redactSecrets, safeErrorMessage } from './redact.js';
export { checkProjectId, checkSecretKey, openSealedSecret } from './secrets.js';
