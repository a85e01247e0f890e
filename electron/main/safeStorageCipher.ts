import { safeStorage } from 'electron';
import { CredentialsError } from '../core/credentials/errors.js';
import type { SecretCipher } from '../core/credentials/cipher.js';

export const SAFE_STORAGE_CIPHER_KIND = 'electron-safe-storage';

/**
 * Seals secrets with the OS key store (Keychain, DPAPI, libsecret/KWallet) through Electron's safeStorage.
 * Use only after `app.whenReady()`: before that, safeStorage reports no encryption on Windows and Linux.
 */
export function safeStorageCipher(): SecretCipher {
  return {
    kind: SAFE_STORAGE_CIPHER_KIND,

    encrypt(plain) {
      assertRealEncryption();
      return safeStorage.encryptString(plain);
    },

    decrypt(sealed) {
      try {
        return safeStorage.decryptString(sealed);
      } catch {
        throw new CredentialsError(
          'CREDENTIALS_LOCKED',
          "The stored credentials cannot be decrypted with this computer's key store (another user or " +
            'machine, or a reset key store). Set them again.',
        );
      }
    },
  };
}

function assertRealEncryption(): void {
  // On Linux without a keyring, Chromium falls back to "basic_text": a key hard-coded in the browser, i.e.
  // no protection at rest. Refuse it like no encryption at all.
  const basicText = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || basicText) {
    throw new CredentialsError(
      'ENCRYPTION_UNAVAILABLE',
      'This computer offers no secure storage for credentials (no OS key store available), so they were ' +
        'not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet).',
    );
  }
}
