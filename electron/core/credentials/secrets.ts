/**
 * The rules around a provider secret, independent of where it is stored: what a valid project id and secret
 * key look like, and opening a sealed secret only with the cipher that sealed it.
 */
import type { SealedCredentials } from '../store/ports.js';
import type { SecretCipher } from './cipher.js';
import { CredentialsError } from './errors.js';
import { MIN_REDACTED_LENGTH } from './redact.js';

// Values come from IPC and the command line too, so the types alone do not guard them.
export function checkProjectId(projectId: unknown): number {
  if (typeof projectId !== 'number' || !Number.isSafeInteger(projectId) || projectId <= 0) {
    throw new CredentialsError('INVALID_CREDENTIALS', 'The project id must be a positive whole number.', {
      reason: 'project_id',
    });
  }
  return projectId;
}

// Messages describe the problem, never the value: it is a secret.
export function checkSecretKey(secretKey: unknown): string {
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new CredentialsError('INVALID_CREDENTIALS', 'The secret key is empty.', { reason: 'secret_empty' });
  }
  // Shorter than anything redaction looks for, it could not be kept out of a log line.
  if ([...secretKey].length < MIN_REDACTED_LENGTH) {
    throw new CredentialsError('INVALID_CREDENTIALS', 'The secret key is too short to be a project key.', {
      reason: 'secret_short',
    });
  }
  if (secretKey.trim() !== secretKey) {
    throw new CredentialsError(
      'INVALID_CREDENTIALS',
      'The secret key starts or ends with whitespace; copy it again without spaces or line breaks.',
      { reason: 'secret_whitespace' },
    );
  }
  return secretKey;
}

/** The plain secret; CREDENTIALS_LOCKED when `cipher` is not the one that sealed it or cannot open it. */
export function openSealedSecret(stored: SealedCredentials, cipher: SecretCipher): string {
  if (stored.cipherKind !== cipher.kind) {
    throw new CredentialsError(
      'CREDENTIALS_LOCKED',
      `The stored credentials were encrypted with "${stored.cipherKind}", which "${cipher.kind}" cannot open. ` +
        'Set them again here.',
      { reason: 'cipher_mismatch', stored: stored.cipherKind, current: cipher.kind },
    );
  }
  return cipher.decrypt(stored.sealed);
}
