export type CredentialsErrorCode =
  /** The sealed secret cannot be opened: wrong passphrase, another cipher, or altered data. */
  | 'CREDENTIALS_LOCKED'
  /** A project id, secret key or user that the store refuses. */
  | 'INVALID_CREDENTIALS'
  /** CUP_PAYOUTS_PASSPHRASE is not set (or blank). */
  | 'PASSPHRASE_MISSING'
  /** The operating system offers no real encryption (Electron safeStorage). */
  | 'ENCRYPTION_UNAVAILABLE';

/**
 * A credentials failure the caller can act on. `message` is English, for logs, and by construction
 * never contains a secret, a passphrase or ciphertext: build it from constants and ids only.
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';

  constructor(
    readonly code: CredentialsErrorCode,
    message: string,
    /** Facts for the translated message (never a secret): e.g. `{ reason: 'secret_whitespace' }`. */
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}
